"""One perceptron j, the single description every model, pass, program, diagram and file reads.

The tutorial's perceptron (docs/tutorial.md, sections 1.1 and 1.2): perceptron j reads
the outputs z_i of its sources i (inputs, whose z_i is x_i, or other perceptrons) and
computes

    s_j = w_0 + sum_i w_{i->j} z_i,        z_j = sigma(s_j),

with w_0 the bias (the weight of the constant input a_0 = 1).  Its initial weights are
drawn uniformly from (-1, 1) (the tutorial's random initial weight vector, section 2) by a
``random.Random(seed)``, never the global random state.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from autograd.value import Value
from nn import arguments
from nn.activations import Activation


@dataclass(frozen=True)
class Unit:
    """Perceptron j: its ``name``, ``activation`` sigma (an :class:`Activation`, which is
    also its name), ``bias`` w_0 and ``weights``, the pairs (source i, w_{i->j}) in source
    order.

    ``layer`` is 1 + the largest layer among j's perceptron sources (inputs are layer 0):
    a model's ``units()`` sets it; a unit that reads only inputs is in layer 1.
    """

    name: str
    activation: Activation
    bias: Value
    weights: tuple[tuple[str, Value], ...]
    layer: int = 1

    @property
    def sources(self) -> tuple[str, ...]:
        """The names of the nodes j reads, in order (the i of each w_{i->j})."""
        return tuple(src for src, _ in self.weights)

    def parameters(self) -> list[tuple[str, Value]]:
        """(name, Value) of w_0 = w_{0->j} (``"w[0->j]"``) then each w_{i->j} (``"w[i->j]"``)."""
        return [(bias_name(self.name), self.bias),
                *((parameter_name(src, self.name), w) for src, w in self.weights)]


def parameter_name(source: str | None, unit: str) -> str:
    """The name ``"w[i->j]"`` of the weight w_{i->j} from ``source`` i into ``unit`` j; for
    ``source`` None, the bias's :func:`bias_name`."""
    return bias_name(unit) if source is None else f"w[{source}->{unit}]"


def bias_name(unit: str) -> str:
    """The name ``"w[0->j]"`` of j's bias w_0 = w_{0->j}, the weight of the input a_0 = 1."""
    return f"w[0->{unit}]"


def with_bias_names(state: Mapping[str, Any]) -> dict[str, Any]:
    """``state`` with the bias's older name ``"b[j]"`` read as ``"w[0->j]"`` (files written
    before the rename still load); a state that names one bias both ways is refused."""
    renamed: dict[str, Any] = {}
    for name, value in state.items():
        old = isinstance(name, str) and len(name) > 3 and name[:2] == "b[" and name[-1] == "]"
        new = bias_name(name[2:-1]) if old else name
        if new in renamed:
            raise ValueError(f"parameters name the bias {new} twice: as {new} and by its "
                             f"older name b[{new[5:-1]}]")
        renamed[new] = value
    return renamed


def in_layers(input_names: Sequence[str], units: Sequence[Unit]) -> tuple[Unit, ...]:
    """``units`` (in topological order) with each ``layer`` set by the rule of :class:`Unit`."""
    layer = dict.fromkeys(input_names, 0)
    placed = []
    for unit in units:
        k = 1 + max((layer[src] for src in unit.sources), default=0)
        layer[unit.name] = k
        placed.append(unit if unit.layer == k else Unit(unit.name, unit.activation, unit.bias,
                                                        unit.weights, k))
    return tuple(placed)


def make_rng(seed: int | random.Random | None, where: str) -> random.Random:
    """The generator of initial weights: ``random.Random(seed)``, or ``seed`` if it is one."""
    if isinstance(seed, random.Random):
        return seed
    return random.Random(arguments.seed(where, seed))


def initial_weight(rng: random.Random, label: str) -> Value:
    """One initial weight w ~ U(-1, 1), labelled with its parameter name."""
    return Value(rng.uniform(-1.0, 1.0), label)


def new_unit(rng: random.Random, name: str, activation: Activation,
             sources: Sequence[str]) -> Unit:
    """Perceptron ``name`` reading ``sources``, its w_0 drawn first, then w_{i->j} in order."""
    bias = initial_weight(rng, bias_name(name))
    weights = tuple((src, initial_weight(rng, parameter_name(src, name))) for src in sources)
    return Unit(name, activation, bias, weights)


class Weights(tuple[Value, ...]):
    """``p.w`` of a perceptron: w_0, w_1, ..., w_n, read-only (a tuple).

    It cannot grow or have an entry replaced: the model keeps the Values it was built
    with, so such a change would silently be ignored.  Change a weight through
    ``p.w[k].data``.  It compares equal to any list of the same Values
    (``p.parameters() == p.w``).
    """

    def __setitem__(self, index: Any, value: Any) -> None:
        raise TypeError(
            "Perceptron.w: a weight cannot be replaced by another Value (the model would "
            "not see it); change its value instead: p.w[k].data = number"
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return tuple(other) == tuple(self)
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__
