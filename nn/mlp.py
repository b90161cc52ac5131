"""Layered networks (the tutorial, section 4): Layer and MLP, hidden activation g, output g_o.

Node j of layer k computes a_j^k = sum_{i=0}^{r_{k-1}} w_{ij}^k o_i^{k-1} (with
o_0^{k-1} = 1, so w_{0j}^k is the bias b_j^k) and outputs o_j^k = g(a_j^k), except in
the last layer m, whose nodes output g_o(a_j^m).  In the symbols of section 1.1 a_j^k
is s_j and o_j^k is z_j.  Node j of layer k is called "k.j" (both 1-based), so its parameters are
"w[0->k.j]" and "w[i->k.j]".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from nn import arguments
from nn.activations import ActivationArg, resolve
from nn.module import Module
from nn.perceptron import Perceptron
from nn.unit import Unit, make_rng


class Layer(Module):
    """``n_outputs`` perceptrons "k.1", "k.2", ... (k = ``index``), each reading every input.

    ``layer.perceptrons`` holds them.  Returns a Value when ``n_outputs`` is 1, else a list
    of Values in node order.
    """

    def __init__(
        self,
        n_inputs: int,
        n_outputs: int,
        activation: ActivationArg = "sigmoid",
        seed: int | random.Random | None = None,
        input_names: Sequence[str] | None = None,
        index: int = 1,
    ) -> None:
        where = "Layer"
        self.input_names = arguments.input_names(where, n_inputs, input_names)
        arguments.integer(where, "n_outputs", n_outputs, at_least=1)
        arguments.integer(where, "index", index, at_least=1)
        rng = make_rng(seed, where)
        self.index = index
        self.perceptrons = [
            Perceptron(n_inputs, activation, rng, self.input_names, f"{index}.{j}")
            for j in range(1, n_outputs + 1)
        ]
        self.output_names = [p.name for p in self.perceptrons]

    def _units(self) -> list[Unit]:
        return [p.unit for p in self.perceptrons]

    def _config(self) -> dict[str, Any]:
        return {"n_inputs": len(self.input_names), "n_outputs": len(self.perceptrons),
                "activation": self.perceptrons[0].unit.activation.saved_name(),
                "input_names": list(self.input_names), "index": self.index}

    def __repr__(self) -> str:
        return (f"Layer({len(self.input_names)} -> {len(self.perceptrons)}, "
                f"activation={self.perceptrons[0].activation!r})")


class MLP(Module):
    """A layered network: ``n_inputs`` inputs, then one layer per entry of ``sizes``.

    Hidden layers use ``activation`` (the tutorial's g), the last layer ``output_activation``
    (g_o; None means the same as ``activation``).  Any widths, including 1.
    A single output returns a Value, several a list.  ``mlp.layers`` holds the
    :class:`Layer` objects; initial weights w ~ U(-1, 1) from ``random.Random(seed)``.

    >>> net = MLP(2, [4, 4, 1], activation="tanh", output_activation="linear", seed=0)
    """

    def __init__(
        self,
        n_inputs: int,
        sizes: Sequence[int],
        activation: ActivationArg = "sigmoid",
        output_activation: ActivationArg | None = None,
        seed: int | random.Random | None = None,
        input_names: Sequence[str] | None = None,
    ) -> None:
        where = "MLP"
        self.input_names = arguments.input_names(where, n_inputs, input_names)
        if not arguments.is_list(sizes) or not sizes:
            raise TypeError(
                f"{where}: sizes must be a non-empty list of layer widths, got {sizes!r}"
            )
        for k, width in enumerate(sizes, 1):
            if not arguments.is_int(width) or width < 1:
                raise ValueError(f"{where}: sizes[{k - 1}] (layer {k}) must be an int >= 1, "
                                 f"got {width!r}")
        g = resolve(activation, where)
        g_o = g if output_activation is None else resolve(output_activation, where)
        rng = make_rng(seed, where)
        self.layers: list[Layer] = []
        names = self.input_names
        for k, width in enumerate(sizes, 1):
            layer = Layer(len(names), width, g_o if k == len(sizes) else g, rng, names, index=k)
            self.layers.append(layer)
            names = layer.output_names
        self.output_names = list(names)
        self._g, self._g_o = g, g_o
        self._plan()  # checks that no input is named like a node

    def _units(self) -> list[Unit]:
        return [unit for layer in self.layers for unit in layer._units()]

    def _config(self) -> dict[str, Any]:
        return {"n_inputs": len(self.input_names),
                "sizes": [len(layer.perceptrons) for layer in self.layers],
                "activation": self._g.saved_name(), "output_activation": self._g_o.saved_name(),
                "input_names": list(self.input_names)}

    def __repr__(self) -> str:
        widths = " -> ".join(str(n) for n in [len(self.input_names)]
                             + [len(layer.perceptrons) for layer in self.layers])
        return f"MLP({widths}, activation={self._g.name!r}, output_activation={self._g_o.name!r})"
