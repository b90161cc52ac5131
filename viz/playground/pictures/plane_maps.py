"""The pictures of the plane: h(x) and every hidden perceptron's z_j, from one program.

One recorded program (the model's own forward pass, ``model.unit_outputs``) has every
perceptron's z_j as its outputs; replayed
(:class:`viz.playground.pictures.replayed_outputs.Replay`: with NumPy, or on plain floats
without it) on the cell centres of a grid over [-1, 1]^2 (feature columns added;
:data:`SIZE` x :data:`SIZE` cells with NumPy, fewer without it, as the model's size allows:
:func:`grid_size`), it gives the heatmap of h(x) (the output's column) and, on every few
rows and columns, the map of at most :data:`UNIT_SIZE` x :data:`UNIT_SIZE` cells of each
hidden z_j.  The boundaries are found on the same grid by marching squares (linear between
cell centres), so a coarse grid still places them within a fraction of a cell.  The program
reads the weights when it runs, so it is made once per model.  While the page plays, a view
is quick: without NumPy on a coarser grid (:func:`quick_size`) with maps of at most
:data:`QUICK_UNIT_SIZE` cells a side; the page reads the full one when it pauses.

Cells go row by row from the top (y = 1) down, each row from x = -1 to 1.  A map is
sent as its values, or compactly (``bytes``): base64 of one byte per cell, value =
low + byte / 255 (high - low).  A model of K > 2 outputs (K classes) has a heatmap of two
values a cell instead of h(x): its class, the argmax of softmax(s(x)), and that class's
probability p_max in [1/K, 1]: with p = softmax(s), p_max = 1 / sum_k e^{s_k - s_max}
(both sent as ``labels`` or ``label_bytes``, and ``values`` or ``bytes``).  The page paints
each cell in its class's colour (:data:`viz.plane.CLASS_COLOURS`), lighter the less sure,
by the rule of :func:`viz.plot_decision_boundary`.  The arithmetic on the cells runs on
NumPy vectors, or on lists without NumPy (:mod:`viz.playground.pictures.cell_math`).
"""

from __future__ import annotations

import functools
from typing import Any

import nn
from autograd import Value
from autograd.compile import compile_function
from viz.contour import class_borders, contour
from viz.plane import threshold_for
from viz.playground.diagram import MAX_WEIGHTS
from viz.playground.models import features as feature_columns
from viz.playground.pictures import cell_math
from viz.playground.pictures.replayed_outputs import Outputs, Replay

SIZE = 100
"""The heatmap of h(x) has SIZE x SIZE cells (TensorFlow Playground's size) with NumPy."""

SIZES = (100, 80, 60, 40, 30, 20)
"""The grids the plane may have: each a multiple of its maps' stride (see :func:`grid`)."""

UNIT_SIZE = 20
"""Each hidden perceptron's map has at most UNIT_SIZE x UNIT_SIZE cells (SIZE / 5)."""

QUICK_UNIT_SIZE = 10
"""The maps of a quick view (on a grid of :func:`quick_size`) have at most this many cells
a side: an MLP 8,8's 16 maps of 20 x 20 cells cost more than its heatmap."""

BUDGET = 400_000
"""Without NumPy (the static site) the plane has the largest grid of :data:`SIZES` whose
cells x (weights + :data:`PER_CELL`) stays within BUDGET (a replay's cost per cell grows
with the weights, and every cell then costs the same again in the pictures' arithmetic):
a 100 x 100 grid of a 2-5-1 network replays in about 40 ms of CPython, of an MLP 16,16 in
about 400 ms, and Pyodide is slower still."""

QUICK_BUDGET = 80_000
"""The same bound for a quick view (:meth:`Pictures.draw`), the one answering a training
request while the page plays: a 2-5-1 network gets 30 x 30 cells (about 4 ms of CPython
against 16 ms for its 60 x 60), an MLP 8,8 20 x 20, so that the page shows several views
a second; the page asks for a full view when it pauses."""

PER_CELL = 50
"""The cost of a cell besides its weights, in weights (encoding, classes, contour)."""


def grid_size(model: nn.Module, backend: str) -> int:
    """The side of the plane's grid: :data:`SIZE` with NumPy, else the largest of
    :data:`SIZES` within :data:`BUDGET`."""
    return SIZE if backend == "numpy" else _affordable(model, BUDGET)


def quick_size(model: nn.Module, backend: str) -> int:
    """The side of a quick view's grid: :data:`SIZE` with NumPy (a view costs a few
    milliseconds), else the largest of :data:`SIZES` within :data:`QUICK_BUDGET`."""
    return SIZE if backend == "numpy" else _affordable(model, QUICK_BUDGET)


def _affordable(model: nn.Module, budget: float) -> int:
    """The largest side n of :data:`SIZES` whose n^2 cells x (weights + :data:`PER_CELL`)
    stay within ``budget`` (the least side if none does)."""
    cost = len(model.parameters()) + PER_CELL
    return next((n for n in SIZES if n * n * cost <= budget), SIZES[-1])


@functools.cache
def grid(size: int = SIZE, unit_size: int = UNIT_SIZE
         ) -> tuple[list[list[float]], list[int], int]:
    """The cell centres [x, y] of the ``size`` x ``size`` grid row by row from the top, the
    indices of the cells that make the maps (every ``stride``-th row and column, stride =
    ceil(size / unit_size), from its middle), and the maps' side size / stride."""
    stride = -(-size // unit_size)
    cells = [(i, j) for j in range(size) for i in range(size)]
    centres = [[-1 + (2 * i + 1) / size, 1 - (2 * j + 1) / size] for i, j in cells]
    middle = stride // 2
    coarse = [k for k, (i, j) in enumerate(cells) if i % stride == middle == j % stride]
    return centres, coarse, size // stride


class Grid:
    """The cells of the ``size`` x ``size`` grid (:func:`grid`, maps of at most
    ``unit_size`` cells a side) with their inputs (x, y and ``features``), and
    ``program``'s outputs there (:class:`viz.playground.pictures.replayed_outputs.Replay`)."""

    def __init__(self, program: Any, size: int, features: list[str],
                 unit_size: int = UNIT_SIZE) -> None:
        self.size = size
        centres, self.coarse, self.unit_size = grid(size, unit_size)
        self.replay = Replay(program, feature_columns.rows(centres, features))
        axis = [-1 + (2 * i + 1) / size for i in range(size)]
        self.axes = axis, axis[::-1]  # x, y: cells run from the top row (y = 1) down


class Pictures:
    """The heatmap and the hidden perceptrons' maps of ``model`` on inputs with ``features``,
    on a grid of :func:`grid_size` (of :func:`quick_size` for a quick view; the maps only
    for a model whose diagram the page draws, of at most
    :data:`~viz.playground.diagram.MAX_WEIGHTS` weights)."""

    def __init__(self, model: nn.Module, features: list[str]) -> None:
        self.model = model
        self.units = model.units()
        inputs = [Value(0.0, name) for name in model.input_names]
        program = compile_function(model.unit_outputs, inputs)
        full = Grid(program, grid_size(model, program.backend), features)
        quick = quick_size(model, program.backend)
        self.grids = {False: full, True: full if quick == full.size else
                      Grid(program, quick, features, QUICK_UNIT_SIZE)}
        self.hidden = [k for k, u in enumerate(self.units) if u.name not in model.output_names]
        self.with_maps = len(model.parameters()) <= MAX_WEIGHTS
        names = [u.name for u in self.units]
        self.outputs = [names.index(name) for name in model.output_names]

    def draw(self, compact: bool, quick: bool = False
             ) -> tuple[dict[str, Any], list[dict[str, Any]] | None, list[list[list[float]]]]:
        """The heatmap of h(x) (or of the K classes), the maps (:meth:`maps`, None for a
        network too large to draw) and the boundaries (:meth:`boundaries`), on the full
        grid, or on the quick one if ``quick``.  Outputs that are not finite (huge
        weights) are drawn as the largest floats (:func:`cell_math.finite`)."""
        cells_of = self.grids[quick]
        z = cells_of.replay()
        h = [cell_math.finite(z.column(k)) for k in self.outputs]
        if len(h) == 1:
            heatmap = {"size": cells_of.size, **cell_math.encoded(h[0], compact, 0.0, 1.0)}
        else:
            labels, top = cell_math.top_class(h)
            heatmap = {"size": cells_of.size, "classes": len(h),
                       **cell_math.encoded(top, compact, 1 / len(h), 1.0),
                       **cell_math.labels(labels, compact)}
        maps = self.maps(z, cells_of) if self.with_maps else None
        return heatmap, maps, self.boundaries(h, cells_of)

    def maps(self, z: Outputs, cells_of: Grid) -> list[dict[str, Any]]:
        """The map of every hidden perceptron (name, layer, activation and cells), with K
        outputs also each output's class probability p_k (activation "softmax", and its
        ``class``), from the replay's outputs ``z`` on the grid ``cells_of``."""
        coarse = z.take(cells_of.coarse)
        maps = []
        for k in self.hidden:
            unit, values = self.units[k], cell_math.finite(coarse.column(k))
            maps.append({"name": unit.name, "layer": unit.layer, "activation": unit.activation,
                         "size": cells_of.unit_size,
                         **cell_math.encoded(values, True, *cell_math.bounds(values))})
        if len(self.outputs) > 1:  # each class's p_k = softmax(s)_k, in the class's colour
            p = cell_math.softmax([cell_math.finite(coarse.column(k)) for k in self.outputs])
            for c, k in enumerate(self.outputs):
                unit = self.units[k]
                maps.append({"name": unit.name, "layer": unit.layer, "activation": "softmax",
                             "class": c, "size": cells_of.unit_size,
                             **cell_math.encoded(p[c], True, 0.0, 1.0)})
        return maps

    def boundaries(self, h: list[Any], cells_of: Grid) -> list[list[list[float]]]:
        """The decision boundary on the heatmap's grid ``cells_of`` (:mod:`viz.contour`):
        h = threshold of one output (0.5 for a sigmoid's probability), the borders of the
        classes' regions for K; polylines of [x, y] rounded to 4 decimals."""
        xs, ys = cells_of.axes
        grid_values = cell_math.square(h, cells_of.size)
        if len(h) == 1:
            lines = contour(grid_values, xs, ys, threshold_for(self.model, "auto", None))
        else:
            lines = class_borders(grid_values, xs, ys)
        return [[[round(x, 4), round(y, 4)] for x, y in line] for line in lines]
