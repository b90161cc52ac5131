"""The data as a CSV file, both ways: ``nn.datasets``' own writer and reader.

An uploaded file is read by :func:`nn.datasets.read_csv` itself, so the rules and the
line-numbered messages are the library's (``mine.csv, line 3: x is 'a', not a
number``), with the file's own name in place of the temporary file's.  Labels may be
any class of the playground (0 to 4; the session takes the file's classes, see
:func:`viz.playground.classes.take_points`).  Points outside the plane [-1, 1]^2 are
scaled down about the origin to fit, as the presets are.
"""

from __future__ import annotations

from nn import datasets
from viz.playground.classes import MAX_CLASSES
from viz.playground.validate import MAX_POINTS, BadRequest


def write(X: list[list[float]], y: list[int]) -> str:
    """The points as ``nn.datasets.read_csv`` reads them (x,y,label)."""
    return datasets.dumps_csv(X, y)


def read(text: str, name: str) -> tuple[list[list[float]], list[int]]:
    """The points of an uploaded CSV file called ``name``, or BadRequest with the reader's
    line-numbered message."""
    try:
        X, y = datasets.loads_csv(text, name, classes=MAX_CLASSES)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    if len(X) > MAX_POINTS:
        raise BadRequest(f"{name} holds {len(X):,} points; at most {MAX_POINTS:,} are allowed")
    scale = max(1.0, max(abs(c) for p in X for c in p))
    return [[a / scale, b / scale] for a, b in X], y
