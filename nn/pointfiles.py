"""A point set as CSV text or a file: one ``x,y,label`` row per point.

``dumps_csv``/``loads_csv`` work on text, ``write_csv``/``read_csv`` on files (and call
them).  Labels are classes 0..K-1 (K = 2 unless ``classes=`` says otherwise, at most
:data:`MAX_CLASSES`); a malformed row is refused with its line number.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable, Sequence
from typing import Any

from nn import arguments, files, reading

Points = tuple[list[list[float]], list[int]]
"""(X, y): the points [x, y] and their labels."""

MAX_CLASSES = 6
"""The most classes a generator draws and a CSV file may hold (labels 0..5)."""

CLASSES = range(MAX_CLASSES)
"""Every label a point may have."""

BOM = "\ufeff"
"""The byte-order mark a spreadsheet may write first; :func:`loads_csv` skips it."""


def dumps_csv(X: Sequence[Sequence[float]], y: Sequence[int]) -> str:
    """The points as CSV text: a header line ``x,y,label``, then one row ``x,y,label`` each
    (labels: classes 0 to 5)."""
    rows = _checked_rows(X, y)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["x", "y", "label"])
    writer.writerows([repr(a), repr(b), label] for (a, b), label in rows)
    return text.getvalue()


def loads_csv(text: str, source: str = "<csv text>", classes: int = 2) -> Points:
    """Read CSV text of ``x,y,label`` rows (header line optional, blank lines skipped)
    into (X, y), the labels classes 0..K-1, K = ``classes`` (2 to :data:`MAX_CLASSES`;
    red and blue by default).

    A byte-order mark at the start (spreadsheets write one) is skipped.  A malformed row
    raises ValueError naming ``source`` and the line: a wrong number of fields, a
    coordinate that is not a finite number written in ASCII digits (no ``1_000``, no
    digits of other scripts), a label that is not a class 0..K-1, or text the CSV reader
    cannot parse; so does text over the size limit of :mod:`nn.reading`.
    """
    classes_of("loads_csv", classes)
    X: list[list[float]] = []
    y: list[int] = []
    _read(text, source, lambda where, row: _add_row(where, row, X, y, classes))
    if not X:
        raise ValueError(f"{source}: no data rows")
    return X, y


def is_curve_csv(text: str) -> bool:
    """Whether CSV text is a regression set: its first row that is not blank has two
    fields (``x,y`` rows, y a real-valued target) rather than three (``x,y,label``)."""
    for row in csv.reader(io.StringIO(text.removeprefix(BOM)[:10_000], newline="")):
        if row and any(field.strip() for field in row):
            return len(row) == 2
    return False


def dumps_curve_csv(X: Sequence[Sequence[float]], y: Sequence[float]) -> str:
    """A 1-D regression set as CSV text: a header line ``x,y``, then one row ``x,y`` per
    point (X the one-input rows [x], y their real targets)."""
    if len(X) != len(y):
        raise ValueError(f"dumps_curve_csv: {len(X)} points but {len(y)} targets")
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["x", "y"])
    for i, (p, t) in enumerate(zip(X, y, strict=True)):
        if not arguments.is_list(p) or len(p) != 1:
            raise ValueError(f"dumps_curve_csv: point {i} must be a row [x], got {p!r}")
        for c in (p[0], t):
            if not arguments.is_number(c) or not math.isfinite(c):
                raise ValueError(f"dumps_curve_csv: point {i} has {c!r}, not a finite number")
        writer.writerow([repr(float(p[0])), repr(float(t))])
    return text.getvalue()


def loads_curve_csv(text: str, source: str = "<csv text>") -> tuple[list[list[float]],
                                                                      list[float]]:
    """Read CSV text of ``x,y`` rows, y a real-valued target (header line ``x,y``
    optional, blank lines skipped) into (X, y): the one-input rows [x] and the targets.

    The same reader and limits as :func:`loads_csv`: a byte-order mark is skipped, and a
    row of other than 2 fields or a value that is not a finite number written in ASCII
    digits raises ValueError naming ``source`` and the line.
    """
    X: list[list[float]] = []
    y: list[float] = []

    def add(where: str, row: list[str]) -> None:
        if not row or all(not field.strip() for field in row):
            return
        if not X and [field.strip().lower() for field in row] == ["x", "y"]:
            return
        if len(row) != 2:
            raise ValueError(f"{where}: expected 2 fields x,y (a real-valued target y), "
                             f"got {len(row)}: {row!r}")
        X.append([_coordinate(where, "x", row[0])])
        y.append(_coordinate(where, "y", row[1]))

    _read(text, source, add)
    if not X:
        raise ValueError(f"{source}: no data rows")
    return X, y


def write_csv(path: str | os.PathLike[str], X: Sequence[Sequence[float]], y: Sequence[int]) -> None:
    """Write :func:`dumps_csv` of the points to ``path``, atomically (:mod:`nn.files`).

    Everything is checked before the file is opened, so a bad input leaves no file.
    """
    files.write_text(path, dumps_csv(X, y))


def read_csv(path: str | os.PathLike[str], classes: int = 2) -> Points:
    """Read the file at ``path`` with :func:`loads_csv`, labels 0..``classes``-1 (errors name
    the file and the line); a file that is not UTF-8 text, or over the size limit of
    :mod:`nn.reading`, raises ValueError too."""
    text = reading.read_text(path, "CSV file", "a CSV of points")
    return loads_csv(text, os.fspath(path), classes)


# -- helpers -----------------------------------------------------------------------------


def _read(text: str, source: str, add: Callable[[str, list[str]], None]) -> None:
    """Hand each row of CSV text to ``add(where, row)`` (``where``: the source and line),
    after the size limit of :mod:`nn.reading` and the byte-order mark; ValueError for text
    the CSV reader cannot parse."""
    reading.check_size(len(text), source)
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    try:
        for row in reader:
            add(f"{source}, line {reader.line_num}", row)
    except csv.Error as error:
        raise ValueError(f"{source}, line {reader.line_num}: {error}") from None




def _checked_rows(X: Any, y: Any) -> list[tuple[tuple[float, float], int]]:
    arguments.sequence("write_csv", "X", X)
    arguments.sequence("write_csv", "y", y)
    if len(X) != len(y):
        raise ValueError(f"write_csv: {len(X)} points but {len(y)} labels")
    rows = []
    for i, (p, label) in enumerate(zip(X, y, strict=True)):
        if not arguments.is_list(p) or len(p) != 2:
            raise ValueError(f"write_csv: point {i} must be a pair [x, y], got {p!r}")
        for c in p:
            if not arguments.is_number(c) or not math.isfinite(c):
                raise ValueError(f"write_csv: point {i} has {c!r}, not a finite number")
        if not arguments.is_int(label) or label not in CLASSES:
            raise ValueError(f"write_csv: label {i} is {label!r}, expected a class 0 to "
                             f"{MAX_CLASSES - 1}")
        rows.append(((float(p[0]), float(p[1])), int(label)))
    return rows


def _add_row(where: str, row: list[str], X: list[list[float]], y: list[int],
             classes: int) -> None:
    """Append one CSV row's point and label; blank rows and a header before any data add nothing."""
    if not row or all(not field.strip() for field in row):
        return
    if not X and [field.strip().lower() for field in row] == ["x", "y", "label"]:
        return
    if len(row) != 3:
        raise ValueError(f"{where}: expected 3 fields x,y,label, got {len(row)}: {row!r}")
    X.append([_coordinate(where, "x", row[0]), _coordinate(where, "y", row[1])])
    if row[2].strip() not in [str(k) for k in range(classes)]:
        expected = "0 or 1" if classes == 2 else f"a class 0 to {classes - 1}"
        raise ValueError(f"{where}: label is {row[2]!r}, expected {expected}")
    y.append(int(row[2]))


def _coordinate(where: str, axis: str, field: str) -> float:
    if not field.isascii() or "_" in field:
        raise ValueError(f"{where}: {axis} is {field!r}, not a number written with the "
                         "ASCII digits 0-9 (no underscores, no digits of other scripts)")
    try:
        c = float(field)
    except ValueError:
        raise ValueError(f"{where}: {axis} is {field!r}, not a number") from None
    if not math.isfinite(c):
        raise ValueError(f"{where}: {axis} is {field!r}, not a finite number")
    return c


def classes_of(where: str, classes: Any) -> int:
    """A number of classes K, 2 to :data:`MAX_CLASSES`."""
    if not 2 <= arguments.integer(where, "classes", classes) <= MAX_CLASSES:
        raise ValueError(f"{where}: classes must be 2 to {MAX_CLASSES}, got {classes}")
    return int(classes)
