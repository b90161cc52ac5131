"""The forward pass of every model: its units in topological order, by the tutorial's rules.

Every model (Perceptron, Layer, MLP, Network) describes itself as a list of
:class:`nn.unit.Unit` in topological order; :func:`compile_plan` numbers the nodes once
and :func:`forward` evaluates them (docs/tutorial.md, section 1.2),

    s_j = w_0 + sum_k w_{k->j} z_k,        z_j = sigma(s_j),

where k runs over the inputs and perceptrons that feed j.  s_j is built as one chain
of additions starting from the bias (one multiplication and one addition per link,
nothing else), so a forward pass costs exactly the nodes of the formula.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from autograd.value import Constant, Value
from nn import arguments
from nn.arguments import listing
from nn.unit import Unit, in_layers

Step = tuple[Callable[[Value], Value], Value, tuple[tuple[int, Value], ...]]
"""One unit as :func:`forward` runs it: (sigma, w_0, ((slot of source k, w_{k->j}), ...))."""


class Plan(NamedTuple):
    """A model compiled for :func:`forward`: its units (layers set) and each one's step.

    Slots number the inputs 0..n-1, then the units in order; ``outputs`` are the
    slots of the output units.
    """

    input_names: tuple[str, ...]
    units: tuple[Unit, ...]
    steps: tuple[Step, ...]
    outputs: tuple[int, ...]


def compile_plan(
    input_names: Sequence[str], units: Sequence[Unit], output_names: Sequence[str]
) -> Plan:
    """Number the nodes once so that :func:`forward` indexes a list instead of a dict."""
    slot = {name: i for i, name in enumerate(input_names)}
    steps = []
    for unit in units:
        if unit.name in slot:
            raise ValueError(f"the name {unit.name!r} is used twice (by an input or another node)")
        links = tuple((slot[src], w) for src, w in unit.weights)
        steps.append((unit.activation.fn, unit.bias, links))
        slot[unit.name] = len(slot)
    return Plan(tuple(input_names), in_layers(input_names, units), tuple(steps),
                tuple(slot[name] for name in output_names))


class Sum(NamedTuple):
    """The recorded s_j of one unit: ``products``, the nodes w_{k->j} z_k in link order,
    and ``s``, the node w_0 + sum_k w_{k->j} z_k they add up to."""

    products: list[Value]
    s: Value


def forward(plan: Plan, z: list[Value], sums: list[Sum] | None = None) -> list[Value]:
    """Append z_j = sigma(w_0 + sum_k w_{k->j} z_k) of every unit to ``z`` (the inputs).

    ``z`` starts as the input values in input order (Values, or numbers lifted to
    constants); the result holds every node's output by slot.  When ``sums`` is a
    list, each unit's :class:`Sum` (its products and s_j) is appended to it too.
    """
    for activation, s, links in plan.steps:
        products: list[Value] = []
        for k, w in links:
            product = w * z[k]
            s = s + product
            if sums is not None:
                products.append(product)
        if sums is not None:
            sums.append(Sum(products, s))
        z.append(activation(s))
    return z


def read_inputs(names: Sequence[str], x: Any, where: str) -> list[Value]:
    """``x`` (a list in input order, a dict by name, or a bare number for one input) as a
    list in input order: Values kept, finite numbers lifted to constants once, anything
    else (NaN and infinities included) refused."""
    if isinstance(x, Mapping):
        missing = [name for name in names if name not in x]
        unknown = sorted(map(str, set(x) - set(names)))
        if missing or unknown:
            raise ValueError(
                f"{where}: inputs by name must be exactly {names}; "
                f"missing {listing(missing)}, unknown {listing(unknown)}"
            )
        values = [x[name] for name in names]
    elif isinstance(x, (Value, numbers.Real)) and len(names) == 1:
        values = [x]
    elif isinstance(x, (str, bytes, AbstractSet)) or not hasattr(x, "__iter__"):
        raise TypeError(
            f"{where}: input must be a list of {len(names)} numbers ({', '.join(names)}) "
            f"or a dict by name, got {type(x).__name__}"
        )
    else:
        values = list(x)
        if len(values) != len(names):
            raise ValueError(
                f"{where}: expected {len(names)} inputs ({', '.join(names)}), "
                f"got {len(values)}"
            )
    lifted = []
    for name, v in zip(names, values, strict=True):
        if isinstance(v, Value):
            lifted.append(v)
        elif arguments.is_number(v):
            if not math.isfinite(v):
                raise ValueError(f"{where}: input {name!r} is {v!r}, expected a finite number")
            lifted.append(Constant(float(v), name))
        else:
            raise TypeError(
                f"{where}: input {name!r} must be a number or a Value, got {type(v).__name__}"
            )
    return lifted
