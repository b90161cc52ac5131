"""The data as a CSV file, both ways: ``nn.datasets``' own writer and reader.

An uploaded file is read by :func:`nn.datasets.read_csv` itself, so the rules and the
line-numbered messages are the library's (``mine.csv, line 3: x is 'a', not a
number``), with the file's own name in place of the temporary file's.  Points outside
the plane [-1, 1]^2 are scaled down about the origin to fit, as the presets are.
"""

from __future__ import annotations

import os
import tempfile

from nn import datasets
from viz.playground.validate import MAX_POINTS, BadRequest


def write(X: list[list[float]], y: list[int]) -> str:
    """The points as ``nn.datasets.read_csv`` reads them (x,y,label)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        datasets.write_csv(path, X, y)
        with open(path, encoding="utf-8") as f:
            return f.read()


def read(text: str, name: str) -> tuple[list[list[float]], list[int]]:
    """The points of an uploaded CSV file called ``name``, or BadRequest with the reader's
    line-numbered message."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "upload.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        try:
            X, y = datasets.read_csv(path)
        except ValueError as error:
            raise BadRequest(str(error).replace(path, name)) from None
    if len(X) > MAX_POINTS:
        raise BadRequest(f"{name} holds {len(X):,} points; at most {MAX_POINTS:,} are allowed")
    scale = max(1.0, max(abs(c) for p in X for c in p))
    return [[a / scale, b / scale] for a, b in X], y
