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
probability p_max in [1/K, 1]: with p = softmax(s), p_max = 1 / sum_k e^{s_k - s_max}
(both sent as ``labels`` or ``label_bytes``, and ``values`` or ``bytes``).  The page paints
each cell in its class's colour (:data:`viz.plane.CLASS_COLOURS`), lighter the less sure,
by the rule of :func:`viz.plot_decision_boundary`.  The arithmetic on the cells runs on
NumPy vectors, or on lists without NumPy (:mod:`viz.playground.cells`).
"""

from __future__ import annotations

import functools
from typing import Any

import nn
from autograd import Value
from viz.contour import class_borders, contour
from viz.plane import threshold_for
from viz.playground import cells
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

    def draw(self, compact: bool) -> tuple[dict[str, Any], list[dict[str, Any]],
                                           list[list[list[float]]]]:
        """The heatmap of h(x) (or of the K classes), the map of every hidden perceptron
        (name, layer, activation and cells), with K outputs also each output's class
        probability p_k (activation "softmax", and its ``class``), and the boundaries
        (:meth:`boundaries`).  Outputs that are not
        finite (huge weights) are drawn as the largest floats (:func:`cells.finite`)."""
        z = self.replay()
        h = [cells.finite(z.column(k)) for k in self.outputs]
        if len(h) == 1:
            heatmap = {"size": SIZE, **cells.encoded(h[0], compact, 0.0, 1.0)}
        else:
            labels, top = cells.top_class(h)
            heatmap = {"size": SIZE, "classes": len(h),
                       **cells.encoded(top, compact, 1 / len(h), 1.0),
                       **cells.labels(labels, compact)}
        coarse = z.take(grid()[1])
        maps = []
        for k in self.hidden:
            unit, values = self.units[k], cells.finite(coarse.column(k))
            maps.append({"name": unit.name, "layer": unit.layer, "activation": unit.activation,
                         "size": UNIT_SIZE, **cells.encoded(values, True, *cells.bounds(values))})
        if len(self.outputs) > 1:  # each class's p_k = softmax(s)_k, in the class's colour
            p = cells.softmax([cells.finite(coarse.column(k)) for k in self.outputs])
            for c, k in enumerate(self.outputs):
                unit = self.units[k]
                maps.append({"name": unit.name, "layer": unit.layer, "activation": "softmax",
                             "class": c, "size": UNIT_SIZE, **cells.encoded(p[c], True, 0.0, 1.0)})
        return heatmap, maps, self.boundaries(h)

    def boundaries(self, h: list[Any]) -> list[list[list[float]]]:
        """The decision boundary on the heatmap's grid (:mod:`viz.contour`): h = threshold
        of one output (0.5 for a sigmoid's probability), the borders of the classes' regions
        for K; polylines of [x, y] rounded to 4 decimals."""
        axis = [-1 + (2 * i + 1) / SIZE for i in range(SIZE)]
        xs, ys = axis, axis[::-1]  # cells run from the top row (y = 1) down
        grid_values = cells.square(h, SIZE)
        if len(h) == 1:
            lines = contour(grid_values, xs, ys, threshold_for(self.model, "auto", None))
        else:
            lines = class_borders(grid_values, xs, ys)
        return [[[round(x, 4), round(y, 4)] for x, y in line] for line in lines]
