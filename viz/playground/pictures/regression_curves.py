"""The pictures of a regression: the fitted curve h(x) and every hidden perceptron's z_j(x).

The same mechanism as the plane's pictures (:mod:`viz.playground.pictures.plane_maps`): one
recorded program, the model's own forward pass ``model.unit_outputs`` with every perceptron's
z_j as its outputs, replayed (:class:`viz.playground.pictures.replayed_outputs.Replay`, with
NumPy or on plain floats without it) on the plot's grid, the :data:`SIZE` cell centres of
[-1, 1] that the plane's heatmap has on its x axis: x_i = -1 + (2 i + 1) / SIZE.  The
output's column is the curve h(x_i), each hidden perceptron's column its curve z_j(x_i),
drawn small beside its node as the plane's maps are.
"""

from __future__ import annotations

import functools
from typing import Any

import nn
from autograd import Value
from autograd.compile import compile_function
from viz.playground.pictures import cell_math
from viz.playground.pictures.plane_maps import SIZE
from viz.playground.pictures.replayed_outputs import Replay


@functools.cache
def axis() -> list[float]:
    """The plot's grid: the SIZE cell centres x_i = -1 + (2 i + 1) / SIZE of [-1, 1]."""
    return [-1 + (2 * i + 1) / SIZE for i in range(SIZE)]


class Curves:
    """The curve h(x) and the hidden perceptrons' z_j(x) of a one-input ``model``."""

    def __init__(self, model: nn.Module) -> None:
        self.units = model.units()
        inputs = [Value(0.0, name) for name in model.input_names]
        self.replay = Replay(compile_function(model.unit_outputs, inputs), [[x] for x in axis()])
        self.hidden = [k for k, u in enumerate(self.units) if u.name not in model.output_names]
        self.output = [u.name for u in self.units].index(model.output_names[0])

    def draw(self, compact: bool = False, quick: bool = False
             ) -> tuple[dict[str, Any], list[dict[str, Any]], list[Any]]:
        """The curve ``{"x": [...], "h": [...]}`` (values rounded to 4 decimals, not finite
        ones drawn as the largest floats), the hidden perceptrons' curves (``name``,
        ``layer``, ``activation``, ``values`` z_j(x_i), and their ``low`` and ``high``), and
        no boundaries (the plane's third picture).  ``compact`` and ``quick`` change
        nothing: 100 numbers are sent as numbers, on one grid."""
        z = self.replay()
        h = cell_math.finite(z.column(self.output))
        curve = {"x": [round(x, 4) for x in axis()],
                 "h": cell_math.encoded(h, False, 0, 1)["values"]}
        maps = []
        for k in self.hidden:
            unit, values = self.units[k], cell_math.finite(z.column(k))
            low, high = cell_math.bounds(values)
            maps.append({"name": unit.name, "layer": unit.layer, "activation": unit.activation,
                         "low": low, "high": high, **cell_math.encoded(values, False, low, high)})
        return curve, maps, []
