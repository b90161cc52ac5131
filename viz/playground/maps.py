"""The pictures of the plane: h(x) and every hidden perceptron's z_j, from one program.

One recorded program (the model's own forward pass, ``model.unit_outputs``) has every
perceptron's z_j as its outputs; replayed (:class:`viz.playground.replay.Replay`: with
NumPy, or on plain floats without it) on the :data:`SIZE` x :data:`SIZE` cell centres
of [-1, 1]^2 (feature columns added), it gives the heatmap of h(x) (the output's
column) and, on every fifth row and column, the :data:`UNIT_SIZE` x :data:`UNIT_SIZE`
map of each hidden z_j.  The program reads the weights when it runs, so it is made once
per model.

Cells go row by row from the top (y = 1) down, each row from x = -1 to 1.  A map is
sent as its values, or compactly (``bytes``): base64 of one byte per cell, value =
low + byte / 255 (high - low).  A model of K > 2 outputs (K classes) has a heatmap of two
values a cell instead of h(x): its class, the argmax of softmax(s(x)), and that class's
probability p_max in [1/K, 1] (:mod:`viz.playground.classmap`).
"""

from __future__ import annotations

import base64
import functools
import math
import sys
from typing import Any

import nn
from autograd import Value
from viz.playground import classmap
from viz.playground import features as feature_columns
from viz.playground.replay import Replay

SIZE = 100
"""The heatmap of h(x) has SIZE x SIZE cells (TensorFlow Playground's size)."""

UNIT_SIZE = 20
"""Each hidden perceptron's map has UNIT_SIZE x UNIT_SIZE cells (SIZE / 5)."""

STRIDE = SIZE // UNIT_SIZE


@functools.cache
def grid() -> tuple[list[list[float]], list[int]]:
    """The cell centres [x, y] row by row from the top, and the indices of the cells that
    are the centres of the UNIT_SIZE grid's cells."""
    cells = [(i, j) for j in range(SIZE) for i in range(SIZE)]
    centres = [[-1 + (2 * i + 1) / SIZE, 1 - (2 * j + 1) / SIZE] for i, j in cells]
    middle = STRIDE // 2
    coarse = [k for k, (i, j) in enumerate(cells) if i % STRIDE == middle == j % STRIDE]
    return centres, coarse


class Pictures:
    """The heatmap and the hidden perceptrons' maps of ``model`` on inputs with ``features``."""

    def __init__(self, model: nn.Module, features: list[str]) -> None:
        self.model = model
        self.units = model.units()
        inputs = [Value(0.0, name) for name in model.input_names]
        self.replay = Replay(model.unit_outputs, inputs,
                             feature_columns.rows(grid()[0], features))
        self.hidden = [k for k, u in enumerate(self.units) if u.name not in model.output_names]
        names = [u.name for u in self.units]
        self.outputs = [names.index(name) for name in model.output_names]

    def draw(self, compact: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The heatmap of h(x) (or of the K classes), and the map of every hidden perceptron
        (name, layer, activation and cells); with K outputs also each output's class
        probability p_k (activation "softmax", and its ``class``)."""
        z = self.replay()
        h = [z.column(k) for k in self.outputs]
        if not all(math.isfinite(v) for column in h for v in column):  # huge weights
            h = [[_finite(v) for v in column] for column in h]
        if len(h) == 1:
            heatmap = {"size": SIZE, **_cells(h[0], compact, 0.0, 1.0)}
        else:
            labels, top = classmap.classes(list(zip(*h, strict=True)))
            heatmap = {"size": SIZE, "classes": len(h), **_cells(top, compact, 1 / len(h), 1.0),
                       **classmap.labels(labels, compact)}
        coarse = z.at(grid()[1])
        maps = []
        for k in self.hidden:
            unit, values = self.units[k], [_finite(row[k]) for row in coarse]
            low, high = min(values), max(values)
            maps.append({"name": unit.name, "layer": unit.layer, "activation": unit.activation,
                         "size": UNIT_SIZE, **_cells(values, True, low, high)})
        if len(self.outputs) > 1:  # each class's p_k = softmax(s)_k, in the class's colour
            p = [nn.softmax([row[k] for k in self.outputs]) for row in coarse]
            for c, k in enumerate(self.outputs):
                unit = self.units[k]
                maps.append({"name": unit.name, "layer": unit.layer, "activation": "softmax",
                             "class": c, "size": UNIT_SIZE,
                             **_cells([row[c] for row in p], True, 0.0, 1.0)})
        return heatmap, maps


def _finite(value: float) -> float:
    """``value``, with NaN as 0 and an infinity as the largest float of its sign."""
    if math.isnan(value):
        return 0.0
    return max(-sys.float_info.max, min(sys.float_info.max, value))


def _cells(values: list[float], compact: bool, low: float, high: float) -> dict[str, Any]:
    """``{"values": [...]}`` rounded to 4 decimals, or ``{"low", "high", "bytes"}``."""
    if not compact:
        return {"values": [round(v, 4) for v in values]}
    span = high - low or 1.0
    scaled = bytes(round(min(255.0, max(0.0, (v - low) / span * 255))) for v in values)
    return {"low": low, "high": high, "bytes": base64.b64encode(scaled).decode()}
