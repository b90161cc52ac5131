"""The arithmetic of the plane's pictures, on a column of cells: a NumPy vector, or a list.

With NumPy (the server) a replay gives each output as a vector over the cells, and
every step below is a few NumPy calls; without it (the static site, under Pyodide) the
same step runs on a list of floats.  Each function holds both forms side by side, the
same rule in the same order, so that the two agree (tests/viz/test_playground_without_numpy.py
holds them to it).  A cell's value is encoded as in :mod:`viz.playground.pictures.plane_maps`.
"""

from __future__ import annotations

import base64
import math
import sys
from typing import Any

BIG = sys.float_info.max


def is_array(values: Any) -> bool:
    """Whether ``values`` is a NumPy vector (not a list)."""
    return not isinstance(values, list)


def finite(values: Any) -> Any:
    """``values`` with NaN as 0 and an infinity as the largest float of its sign (the
    outputs of huge weights)."""
    if is_array(values):
        import numpy as np

        return np.nan_to_num(values, nan=0.0, posinf=BIG, neginf=-BIG)
    if all(map(math.isfinite, values)):
        return values
    return [0.0 if math.isnan(v) else max(-BIG, min(BIG, v)) for v in values]


def bounds(values: Any) -> tuple[float, float]:
    """The least and the largest value."""
    if is_array(values):
        return float(values.min()), float(values.max())
    return min(values), max(values)


def top_class(columns: list[Any]) -> tuple[Any, Any]:
    """Each cell's class k = argmax_k s_k (the first on a tie) and its probability
    p_max = 1 / sum_k e^{s_k - s_max}, from the K output columns of scores s_k."""
    if is_array(columns[0]):
        import numpy as np

        s = np.stack(columns, axis=1)
        labels = s.argmax(axis=1)
        top = 1.0 / np.exp(s - s[np.arange(len(s)), labels][:, None]).sum(axis=1)
        return labels, top
    labels, top = [], []
    for row in zip(*columns, strict=True):
        best = max(row)
        labels.append(row.index(best))
        top.append(1.0 / sum([math.exp(v - best) for v in row]))
    return labels, top


def softmax(columns: list[Any]) -> list[Any]:
    """The K columns p_k = e^{s_k - s_max} / sum_j e^{s_j - s_max} of the K score columns."""
    if is_array(columns[0]):
        import numpy as np

        scores = np.stack(columns, axis=1)
        exps = np.exp(scores - scores.max(axis=1, keepdims=True))
        return list((exps / exps.sum(axis=1, keepdims=True)).T)
    rows = []
    for s in zip(*columns, strict=True):
        top = max(s)
        e = [math.exp(v - top) for v in s]
        total = sum(e)
        rows.append([v / total for v in e])
    return [list(p) for p in zip(*rows, strict=True)]


def encoded(values: Any, compact: bool, low: float, high: float) -> dict[str, Any]:
    """``{"values": [...]}`` rounded to 4 decimals, or ``{"low", "high", "bytes"}``: base64
    of one byte a cell, byte = round(255 (v - low) / (high - low)) within [0, 255]."""
    span = high - low or 1.0
    if is_array(values):
        import numpy as np

        if not compact:
            return {"values": np.round(values, 4).tolist()}
        scaled = np.round(np.clip((values - low) * (255 / span), 0.0, 255.0)).astype(np.uint8)
        return {"low": low, "high": high, "bytes": base64.b64encode(scaled.tobytes()).decode()}
    if not compact:
        return {"values": [round(v, 4) for v in values]}
    scale = 255 / span
    raw = bytes([0 if v <= low else 255 if v >= high else round((v - low) * scale)
                 for v in values])
    return {"low": low, "high": high, "bytes": base64.b64encode(raw).decode()}


def labels(values: Any, compact: bool) -> dict[str, Any]:
    """The cells' classes: ``{"labels": [...]}``, or ``{"label_bytes": base64}`` (a byte
    a cell)."""
    if is_array(values):
        import numpy as np

        as_list, raw = values.tolist(), values.astype(np.uint8).tobytes()
    else:
        as_list, raw = list(values), bytes(values)
    return {"labels": as_list} if not compact else {"label_bytes": base64.b64encode(raw).decode()}


def square(columns: list[Any], size: int) -> Any:
    """The cells as a grid, ``grid[j][i]`` the cell of row j and column i: of one column
    the values, of K columns the K values (a NumPy array, or nested lists)."""
    if is_array(columns[0]):
        import numpy as np

        stacked = columns[0] if len(columns) == 1 else np.stack(columns, axis=1)
        return stacked.reshape(size, size, *stacked.shape[1:])
    cells = columns[0] if len(columns) == 1 else list(map(list, zip(*columns, strict=True)))
    return [cells[j * size:(j + 1) * size] for j in range(size)]

