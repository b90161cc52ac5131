"""The data as a CSV file, both ways: ``nn.datasets``' own writer and reader.

An uploaded file is read by :func:`nn.datasets.read_csv` itself, so the rules and the
line-numbered messages are the library's (``mine.csv, line 3: x is 'a', not a
number``), with the file's own name in place of the temporary file's.  Labels may be
any class of the playground (0 to 4; the session takes the file's classes, see
:func:`viz.playground.models.k_classes.take_points`).  Points outside the plane [-1, 1]^2 are
scaled down about the origin to fit, as the presets are.  A file of ``x,y`` rows (two
fields, y a real-valued target) is regression data: the session switches to the task
``regression`` (:mod:`viz.playground.models.regression`).
"""

from __future__ import annotations

from typing import Any

from nn import datasets
from viz.playground.api.fields import BadRequest
from viz.playground.models.choices import MAX_POINTS
from viz.playground.models.k_classes import MAX_CLASSES


def write(X: list[list[float]], y: list[Any]) -> str:
    """The points as ``nn.datasets.read_csv`` reads them (x,y,label), or in regression as
    ``nn.datasets.loads_curve_csv`` does (x,y, y the real-valued target)."""
    if X and len(X[0]) == 1:
        return datasets.dumps_curve_csv(X, y)
    return datasets.dumps_csv(X, y)


def read(text: str, name: str) -> tuple[list[list[float]], list[Any]]:
    """The points of an uploaded CSV file called ``name``, or BadRequest with the reader's
    line-numbered message: rows x,y,label (classification), or x,y with a real-valued
    target y (two fields a row: regression, rows [x] and targets)."""
    curve = datasets.is_curve_csv(text)
    try:
        X, y = (datasets.loads_curve_csv(text, name) if curve
                else datasets.loads_csv(text, name, classes=MAX_CLASSES))
    except ValueError as error:
        raise BadRequest(str(error)) from None
    if len(X) > MAX_POINTS:
        raise BadRequest(f"{name} holds {len(X):,} points; at most {MAX_POINTS:,} are allowed")
    if curve:  # (x, y) into the plot's square [-1, 1]^2, both scaled alike
        scale = max(1.0, max(abs(c) for p, t in zip(X, y, strict=True) for c in (p[0], t)))
        return [[p[0] / scale] for p in X], [t / scale for t in y]
    scale = max(1.0, max(abs(c) for p in X for c in p))
    return [[a / scale, b / scale] for a, b in X], y
