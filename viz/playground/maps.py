"""The pictures of the plane: h(x) and every hidden perceptron's z_j, from one program.

One compiled program (:func:`autograd.compile` of the model's own forward pass,
``model.unit_outputs``) has every perceptron's z_j as its outputs; replayed with
NumPy on the :data:`SIZE` x :data:`SIZE` cell centres of [-1, 1]^2 (feature columns
added), it gives the heatmap of h(x) (the output's column) and, on every fifth row
and column, the :data:`UNIT_SIZE` x :data:`UNIT_SIZE` map of each hidden z_j.  The
program reads the weights when it runs, so it is made once per model.

Cells go row by row from the top (y = 1) down, each row from x = -1 to 1.  A map is
sent as its values, or compactly (``bytes``): base64 of one byte per cell, value =
low + byte / 255 (high - low).  A model of K > 2 outputs (K classes) has a heatmap of two
values a cell instead of h(x): its class, the argmax of softmax(s(x)), and that class's
probability p_max in [1/K, 1] (:mod:`viz.playground.classmap`).
"""

from __future__ import annotations

import base64
import functools
from typing import Any

import nn
from autograd import Value
from autograd.compile import compile_function
from viz.playground import classmap
from viz.playground import features as feature_columns

SIZE = 100
"""The heatmap of h(x) has SIZE x SIZE cells (TensorFlow Playground's size)."""

UNIT_SIZE = 20
"""Each hidden perceptron's map has UNIT_SIZE x UNIT_SIZE cells (SIZE / 5)."""

STRIDE = SIZE // UNIT_SIZE


@functools.cache
def grid() -> tuple[Any, Any]:
    """The cell centres (x, y) row by row from the top, and which of them are the centres
    of the UNIT_SIZE grid's cells (NumPy is imported here, once a picture is made)."""
    import numpy as np

    i, j = np.meshgrid(np.arange(SIZE), np.arange(SIZE))
    centres = np.column_stack([-1 + (2 * i.ravel() + 1) / SIZE, 1 - (2 * j.ravel() + 1) / SIZE])
    coarse = (i % STRIDE == STRIDE // 2).ravel() & (j % STRIDE == STRIDE // 2).ravel()
    return centres, coarse


class Pictures:
    """The heatmap and the hidden perceptrons' maps of ``model`` on inputs with ``features``."""

    def __init__(self, model: nn.Module, features: list[str]) -> None:
        self.model = model
        self.units = model.units()
        inputs = [Value(0.0, name) for name in model.input_names]
        self.program = compile_function(model.unit_outputs, inputs)
        self.table = feature_columns.table(grid()[0], features)
        self.hidden = [k for k, u in enumerate(self.units) if u.name not in model.output_names]
        names = [u.name for u in self.units]
        self.outputs = [names.index(name) for name in model.output_names]

    def draw(self, compact: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The heatmap of h(x) (or of the K classes), and the map of every hidden perceptron
        (name, layer, activation and cells)."""
        import numpy as np

        z = self.program(self.table)
        h = z[:, self.outputs]
        if not np.isfinite(h).all():
            raise ValueError("the network's output is not a finite number everywhere on the "
                             "plane")
        if len(self.outputs) == 1:
            heatmap = {"size": SIZE, **_cells(h[:, 0], compact, 0.0, 1.0)}
        else:
            labels, top = classmap.classes(h)
            heatmap = {"size": SIZE, "classes": len(self.outputs),
                       **_cells(top, compact, 1 / len(self.outputs), 1.0),
                       **classmap.labels(labels, compact)}
        coarse = z[grid()[1]]
        maps = []
        for k in self.hidden:
            unit, values = self.units[k], np.nan_to_num(coarse[:, k])
            low, high = float(values.min()), float(values.max())
            maps.append({"name": unit.name, "layer": unit.layer, "activation": unit.activation,
                         "size": UNIT_SIZE, **_cells(values, True, low, high)})
        return heatmap, maps


def _cells(values: Any, compact: bool, low: float, high: float) -> dict[str, Any]:
    """``{"values": [...]}`` rounded to 4 decimals, or ``{"low", "high", "bytes"}``."""
    import numpy as np

    if not compact:
        return {"values": np.round(values, 4).tolist()}
    span = high - low or 1.0
    scaled = np.clip(np.rint((values - low) / span * 255), 0, 255).astype(np.uint8)
    return {"low": low, "high": high, "bytes": base64.b64encode(scaled.tobytes()).decode()}
