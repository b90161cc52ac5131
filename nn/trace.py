"""The forward pass recorded for teaching: every s_j and z_j, and given a target, delta_j.

:func:`record` runs :func:`nn.forward.forward`, keeps every s_j and z_j and, given a
target, reads delta_j = dE/ds_j and the weight gradients from the engine
(``autograd.grad`` on the recorded nodes: no second implementation of backprop, no
``.grad`` touched).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from autograd import grad
from autograd.value import Value
from nn import losses
from nn.forward import Plan, forward


class Operation(NamedTuple):
    """One operation of a perceptron j as the engine ran it for one sample.

    ``kind`` is "product" (w_{i->j} z_i of the link from ``source`` i; ``source`` None for
    the bias w_0 a_0 with a_0 = 1, whose node is w_0 itself), "sum" (s_j = w_0 + sum_i
    w_{i->j} z_i), "activation" (z_j = g(s_j)) or "loss" (E, on an output perceptron);
    ``value`` is its value and ``grad`` dE/d(value) from ``autograd.grad`` (None without a
    target).
    """

    kind: str
    source: str | None
    value: float
    grad: float | None


@dataclass
class Trace:
    """One recorded forward pass (and, given a target, its backward pass) in 000's symbols.

    ``s[j]`` is the weighted sum s_j, ``z[j]`` the output z_j = sigma(s_j), ``outputs``
    the model's outputs.  With a target: ``loss`` is E for this sample, ``delta[j]`` is
    delta_j = dE/ds_j, ``weight_grads[(i, j)]`` is dE/dw_{i->j} = delta_j z_i and
    ``bias_grads[j]`` is dE/dw_0 = delta_j; without a target these are None.
    ``operations[j]`` lists the :class:`Operation` s of each perceptron j asked for by
    ``open`` (products in link order, bias first, then s_j, z_j and, with a target on an
    output perceptron, E).
    """

    inputs: dict[str, float]
    s: dict[str, float]
    z: dict[str, float]
    outputs: list[float]
    loss: float | None = None
    delta: dict[str, float] | None = None
    weight_grads: dict[tuple[str, str], float] | None = None
    bias_grads: dict[str, float] | None = None
    operations: dict[str, list[Operation]] | None = None


def record(plan: Plan, inputs: list[Value], target: Any = None,
           loss: Any = "squared_error", open: Sequence[str] = ()) -> Trace:
    """Run :func:`forward` on ``inputs``, keep every s_j and z_j, and with a target the gradients.

    The loss is ``nn.losses.get(loss)`` applied to this one sample: predictions
    ``[h]`` and targets ``[target]``, with h the output Value (or the list of outputs
    of a model with several).  The recorded s_j and z_j nodes get labels "s_j", "z_j".
    For each perceptron named in ``open`` the Values of its operations are kept too (see
    :func:`operations`), and their gradients read with the others in one ``grad`` call.
    """
    loss_fn = losses.get(loss)
    names = [unit.name for unit in plan.units]
    unknown = [name for name in open if name not in names]
    if isinstance(open, str) or unknown:
        raise ValueError(f"trace: open must list perceptrons of the model, got {open!r}; "
                         f"its perceptrons are {', '.join(names)}")
    s_nodes: list[Value] = []
    z = forward(plan, list(inputs), s_nodes)
    n = len(plan.input_names)
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
    opened = {name: operations(plan, name, s_nodes[k], z[n + k])
              for name in open for k in [names.index(name)]}
    if target is None:
        result.operations = _read(opened, None) if open else None
        return result
    prediction = outputs[0] if len(outputs) == 1 else outputs
    E = loss_fn([prediction], [target])
    if E.is_leaf:
        raise RuntimeError(
            "trace: a target needs the graph of the forward pass, but none was recorded; "
            "call trace(x, target) outside autograd.no_grad()"
        )
    weights = [w for unit in plan.units for _, w in unit.weights]
    biases = [unit.bias for unit in plan.units]
    outputs_named = {plan.units[k - n].name for k in plan.outputs}
    for name in opened:
        if name in outputs_named:
            opened[name].append(("loss", None, E))
    kept = [node for ops in opened.values() for _, _, node in ops]
    grads = grad(E, s_nodes + biases + weights + kept)
    result.operations = _read(opened, grads[len(grads) - len(kept):]) if open else None
    m = len(s_nodes)
    result.loss = E.data
    result.delta = dict(zip(names, grads[:m], strict=True))
    result.bias_grads = dict(zip(names, grads[m:2 * m], strict=True))
    links = [(src, unit.name) for unit in plan.units for src in unit.sources]
    result.weight_grads = dict(zip(links, grads[2 * m:len(grads) - len(kept)], strict=True))
    return result


def operations(plan: Plan, name: str, s: Value, z: Value) -> list[tuple[str, str | None, Value]]:
    """The recorded Values of perceptron ``name``'s operations, read back from its s_j:
    :func:`forward` builds s_j = (((w_0 + p_1) + p_2) + ...) with p_i = w_{i->j} z_i, so
    each sum's parents are the sum before it and one product."""
    unit = plan.units[[u.name for u in plan.units].index(name)]
    products, total = [], s
    for source in reversed(unit.sources):
        parents = total.parents
        if len(parents) != 2:
            raise RuntimeError(f"trace: the sum s_{name} was not recorded as a graph; call "
                               f"trace(x, open=...) outside autograd.no_grad()")
        total, product = parents
        products.append(("product", source, product))
    return [("product", None, total), *reversed(products), ("sum", None, s),
            ("activation", None, z)]


def _read(opened: dict[str, list[tuple[str, str | None, Value]]],
          grads: list[float] | None) -> dict[str, list[Operation]]:
    """Each opened perceptron's :class:`Operation` s: the recorded Values' data, and
    ``grads`` (dE/d each, in the same order) or None without a target."""
    read = iter(grads) if grads is not None else None
    return {name: [Operation(kind, source, node.data, None if read is None else next(read))
                   for kind, source, node in ops] for name, ops in opened.items()}
