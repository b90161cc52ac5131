"""The tutorial's building block: one perceptron sigma(w . a), w_0 the bias and a_0 = 1.

The tutorial, section 1.1: a perceptron scales its inputs a_1..a_n by weights w_1..w_n, adds the
bias b and feeds the sum through an activation sigma.  With w_0 := b and a_0 := 1,

    h(a) = sigma(w . a) = sigma(w_0 + w_1 a_1 + ... + w_n a_n).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from nn import arguments
from nn.activations import ActivationArg, resolve
from nn.module import Module
from nn.unit import Unit, Weights, make_rng, new_unit


class Perceptron(Module):
    """sigma(w . a) on ``n_inputs`` inputs; ``p.w`` is w_0 (the bias), w_1, ..., w_n,
    read-only (a :class:`nn.unit.Weights`: change a weight with ``p.w[k].data = ...``).

    ``activation``: "sigmoid", "tanh", "linear", "relu" or a callable on a Value.
    ``seed``: initial weights w ~ U(-1, 1) from ``random.Random(seed)``.
    ``input_names`` default to ["x1", ..., "xn"]; the perceptron's own unit is called
    ``name`` ("1"), so its parameters are "w[0->1]", "w[x1->1]", ...

    >>> p = Perceptron(2, seed=0)
    >>> h = p([0.5, -1.0])          # a Value: sigma(w_0 + w_1 0.5 - w_2)
    """

    def __init__(
        self,
        n_inputs: int,
        activation: ActivationArg = "sigmoid",
        seed: int | random.Random | None = None,
        input_names: Sequence[str] | None = None,
        name: str = "1",
    ) -> None:
        where = "Perceptron"
        self.input_names = arguments.input_names(where, n_inputs, input_names)
        self.name = arguments.name(where, name)
        if name in self.input_names:
            raise ValueError(f"{where}: name {name!r} is also an input name; names must differ")
        self.unit: Unit = new_unit(make_rng(seed, where), name, resolve(activation, where),
                                   self.input_names)
        self.w = Weights((self.unit.bias, *(w for _, w in self.unit.weights)))
        self.output_names = [name]

    @property
    def activation(self) -> str:
        """The name of sigma ("sigmoid", ..., or the callable's ``__name__``)."""
        return self.unit.activation.name

    def _units(self) -> list[Unit]:
        return [self.unit]

    def _config(self) -> dict[str, Any]:
        return {"n_inputs": len(self.input_names), "activation": self.unit.activation.saved_name(),
                "input_names": list(self.input_names), "name": self.name}

    def __repr__(self) -> str:
        return f"Perceptron({len(self.input_names)} inputs, activation={self.activation!r})"
