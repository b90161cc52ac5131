"""Units, the one forward pass every model shares, and the recording of that pass for teaching.

Every model (Perceptron, MLP, Network) describes itself as a list of perceptrons in
topological order, each with its bias w_0 (input a_0 = 1) and its weights
w_{i->j}.  :func:`forward` evaluates that list with 000 section 4's rules,

    s_j = w_0 + sum_k w_{k->j} z_k,        z_j = sigma(s_j),

where k runs over the inputs and perceptrons that feed j.  s_j is built as one chain
of additions starting from the bias (one multiplication and one addition per link,
nothing else), so a forward pass costs exactly the nodes of the formula.

:func:`record` runs the same pass, keeps every s_j and z_j and, given a target,
reads delta_j = dE/ds_j and the weight gradients from the engine (``autograd.grad``
on the recorded nodes: no second implementation of backprop, no ``.grad`` touched).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, NamedTuple

from autograd import grad
from autograd.value import Constant, Value
from nn import losses
from nn.activations import Activation


@dataclass(frozen=True)
class Unit:
    """One perceptron j as the model protocol shows it.

    ``bias`` is w_0 (its input is a_0 = 1); ``weights`` holds (source name,
    w_{source->j}) in input order; ``layer`` is 1 + the largest layer among j's
    perceptron sources (inputs are layer 0).  ``activation`` is the name of sigma.
    """

    name: str
    activation: str
    bias: Value
    weights: tuple[tuple[str, Value], ...]
    layer: int


class Spec(NamedTuple):
    """A perceptron as a model hands it to :func:`compile_plan`: name, sigma, w_0, links."""

    name: str
    activation: Activation
    bias: Value
    weights: tuple[tuple[str, Value], ...]


class Plan(NamedTuple):
    """A model compiled for :func:`forward`: each unit's (sigma, w_0, ((slot, w), ...)).

    Slots number the inputs 0..n-1, then the units in order; ``outputs`` are the
    slots of the output units.
    """

    input_names: tuple[str, ...]
    specs: tuple[Spec, ...]
    steps: tuple[tuple[Any, Value, tuple[tuple[int, Value], ...]], ...]
    outputs: tuple[int, ...]


def units_of(input_names: Sequence[str], specs: Sequence[Spec]) -> list[Unit]:
    """The protocol's :class:`Unit` list for ``specs`` (given in topological order)."""
    layer = dict.fromkeys(input_names, 0)
    units = []
    for spec in specs:
        k = 1 + max((layer[src] for src, _ in spec.weights), default=0)
        layer[spec.name] = k
        units.append(Unit(spec.name, spec.activation.name, spec.bias, spec.weights, k))
    return units


def compile_plan(
    input_names: Sequence[str], specs: Sequence[Spec], output_names: Sequence[str]
) -> Plan:
    """Number the nodes once so that :func:`forward` indexes a list instead of a dict."""
    slot = {name: i for i, name in enumerate(input_names)}
    steps = []
    for spec in specs:
        if spec.name in slot:
            raise ValueError(f"the name {spec.name!r} is used twice (by an input or another node)")
        links = tuple((slot[src], w) for src, w in spec.weights)
        steps.append((spec.activation.fn, spec.bias, links))
        slot[spec.name] = len(slot)
    return Plan(tuple(input_names), tuple(specs), tuple(steps),
                tuple(slot[name] for name in output_names))


def forward(plan: Plan, z: list, s_out: list | None = None) -> list:
    """Append z_j = sigma(w_0 + sum_k w_{k->j} z_k) of every unit to ``z`` (the inputs).

    ``z`` starts as the input values in input order (Values, or numbers lifted to
    constants); the result holds every node's output by slot.  When ``s_out`` is a
    list, each s_j is appended to it too.
    """
    for activation, s, links in plan.steps:
        for k, w in links:
            s = s + w * z[k]
        if s_out is not None:
            s_out.append(s)
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
        elif v.__class__ is float or (isinstance(v, numbers.Real) and not isinstance(v, bool)):
            if not math.isfinite(v):
                raise ValueError(f"{where}: input {name!r} is {v!r}, expected a finite number")
            lifted.append(Constant(float(v), name))
        else:
            raise TypeError(
                f"{where}: input {name!r} must be a number or a Value, got {type(v).__name__}"
            )
    return lifted


@dataclass
class Trace:
    """One recorded forward pass (and, given a target, its backward pass) in 000's symbols.

    ``s[j]`` is the weighted sum s_j, ``z[j]`` the output z_j = sigma(s_j), ``outputs``
    the model's outputs.  With a target: ``loss`` is E for this sample, ``delta[j]`` is
    delta_j = dE/ds_j, ``weight_grads[(i, j)]`` is dE/dw_{i->j} = delta_j z_i and
    ``bias_grads[j]`` is dE/dw_0 = delta_j; without a target these are None.
    """

    inputs: dict[str, float]
    s: dict[str, float]
    z: dict[str, float]
    outputs: list[float]
    loss: float | None = None
    delta: dict[str, float] | None = None
    weight_grads: dict[tuple[str, str], float] | None = None
    bias_grads: dict[str, float] | None = None


def record(plan: Plan, inputs: list, target: Any = None, loss: Any = "squared_error") -> Trace:
    """Run :func:`forward` on ``inputs``, keep every s_j and z_j, and with a target the gradients.

    The loss is ``nn.losses.get(loss)`` applied to this one sample: predictions
    ``[h]`` and targets ``[target]``, with h the output Value (or the list of outputs
    of a model with several).  The recorded s_j and z_j nodes get labels "s_j", "z_j".
    """
    loss_fn = losses.get(loss)
    s_nodes: list[Value] = []
    z = forward(plan, list(inputs), s_nodes)
    n = len(plan.input_names)
    names = [spec.name for spec in plan.specs]
    for name, s, zj in zip(names, s_nodes, z[n:], strict=True):
        if not s.is_leaf:
            s.label = f"s_{name}"
        if zj is not s:
            zj.label = f"z_{name}"
    outputs = [z[k] for k in plan.outputs]
    result = Trace(
        inputs={name: float(x) for name, x in zip(plan.input_names, inputs, strict=True)},
        s={name: s.data for name, s in zip(names, s_nodes, strict=True)},
        z={name: zj.data for name, zj in zip(names, z[n:], strict=True)},
        outputs=[h.data for h in outputs],
    )
    if target is None:
        return result
    prediction = outputs[0] if len(outputs) == 1 else outputs
    E = loss_fn([prediction], [target])
    if E.is_leaf:
        raise RuntimeError(
            "trace: a target needs the graph of the forward pass, but none was recorded; "
            "call trace(x, target) outside autograd.no_grad()"
        )
    weights = [w for spec in plan.specs for _, w in spec.weights]
    biases = [spec.bias for spec in plan.specs]
    grads = grad(E, s_nodes + biases + weights)
    m = len(s_nodes)
    result.loss = E.data
    result.delta = dict(zip(names, grads[:m], strict=True))
    result.bias_grads = dict(zip(names, grads[m:2 * m], strict=True))
    links = [(src, spec.name) for spec in plan.specs for src, _ in spec.weights]
    result.weight_grads = dict(zip(links, grads[2 * m:], strict=True))
    return result


def listing(names: list[str], limit: int = 6) -> str:
    """Names for an error message: "a, b, c", "none", or the first few "and k more"."""
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
