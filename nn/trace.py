"""The forward pass recorded for teaching: every s_j and z_j, and given a target, delta_j.

:func:`record_pass` runs :func:`nn.forward.forward` and keeps its nodes by name (each
product w_{i->j} z_i, s_j, z_j and E: :class:`Recorded`, what a viewer of the pass walks);
:func:`record` reads their numbers and, given a target, delta_j = dE/ds_j and the weight
gradients from the engine (``autograd.grad`` on the recorded nodes: no second
implementation of backprop, no ``.grad`` touched).  The notation is the tutorial's
(docs/tutorial.md, sections 1.2 and 1.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from autograd import grad
from autograd.value import Value
from nn import losses
from nn.forward import Plan, Sum, forward
from nn.unit import Unit


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
class Recorded:
    """The nodes of one recorded pass, by name (the Values themselves, not their numbers).

    ``z`` holds every node's output z: an input's z_i is x_i itself, a perceptron's z_j =
    sigma(s_j); ``s[j]`` is s_j; ``products[j][i]`` is the node w_{i->j} z_i of the link
    from i (s_j adds them up after the bias w_0, which is ``units[j].bias`` itself);
    ``outputs`` names the model's outputs and ``E`` is the loss on the target (None
    without one).  Labels: "s_j", "z_j" and "E".
    """

    units: dict[str, Unit]
    s: dict[str, Value]
    z: dict[str, Value]
    products: dict[str, dict[str, Value]]
    outputs: list[str]
    E: Value | None

    def operations(self, name: str) -> list[tuple[str, str | None, Value]]:
        """Perceptron ``name``'s operations as (kind, source, node), in the order of
        :class:`Operation`: the bias w_0 a_0 (the node w_0), each w_{i->j} z_i in link
        order, s_j, z_j and, on an output with a target, E."""
        unit = self.units[name]
        found: list[tuple[str, str | None, Value]] = [("product", None, unit.bias)]
        found += [("product", i, node) for i, node in self.products[name].items()]
        found += [("sum", None, self.s[name]), ("activation", None, self.z[name])]
        if self.E is not None and name in self.outputs:
            found.append(("loss", None, self.E))
        return found


@dataclass
class Trace:
    """One recorded forward pass (and, given a target, its backward pass) in the tutorial's symbols.

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


def record_pass(plan: Plan, inputs: list[Value], target: Any = None,
                loss: Any = "squared_error") -> Recorded:
    """Run :func:`forward` on ``inputs`` and keep its nodes by name (see :class:`Recorded`).

    With a target, E is ``nn.losses.get(loss)`` applied to this one sample: predictions
    ``[h]`` and targets ``[target]``, with h the output Value (or the list of outputs of
    a model with several).
    """
    loss_fn = losses.get(loss)
    sums: list[Sum] = []
    z = forward(plan, list(inputs), sums)
    names = [*plan.input_names, *(unit.name for unit in plan.units)]
    for unit, part, zj in zip(plan.units, sums, z[len(plan.input_names):], strict=True):
        if not part.s.is_leaf:
            part.s.label = f"s_{unit.name}"
        if zj is not part.s:
            zj.label = f"z_{unit.name}"
    outputs = [z[k] for k in plan.outputs]
    E = None
    if target is not None:
        E = loss_fn([outputs[0] if len(outputs) == 1 else outputs], [target])
        E.label = "E"
    return Recorded(
        units={unit.name: unit for unit in plan.units},
        s={unit.name: part.s for unit, part in zip(plan.units, sums, strict=True)},
        z=dict(zip(names, z, strict=True)),
        products={unit.name: dict(zip(unit.sources, part.products, strict=True))
                  for unit, part in zip(plan.units, sums, strict=True)},
        outputs=[names[k] for k in plan.outputs], E=E)


def record(plan: Plan, inputs: list[Value], target: Any = None,
           loss: Any = "squared_error", open: Sequence[str] = ()) -> Trace:
    """:func:`record_pass`'s numbers: every s_j and z_j, and with a target the gradients.

    For each perceptron named in ``open`` the values of its operations are kept too (see
    :meth:`Recorded.operations`), and their gradients read with the others in one
    ``grad`` call.
    """
    names = [unit.name for unit in plan.units]
    unknown = [name for name in open if name not in names]
    if isinstance(open, str) or unknown:
        raise ValueError(f"trace: open must list perceptrons of the model, got {open!r}; "
                         f"its perceptrons are {', '.join(names)}")
    nodes = record_pass(plan, inputs, target, loss)
    result = Trace(
        inputs={name: float(nodes.z[name]) for name in plan.input_names},
        s={name: nodes.s[name].data for name in names},
        z={name: nodes.z[name].data for name in names},
        outputs=[nodes.z[name].data for name in nodes.outputs],
    )
    opened = {name: nodes.operations(name) for name in open}
    if nodes.E is None:
        result.operations = _read(opened, None) if open else None
        return result
    if nodes.E.is_leaf:
        raise RuntimeError(
            "trace: a target needs the graph of the forward pass, but none was recorded; "
            "call trace(x, target) outside autograd.no_grad()"
        )
    s_nodes = [nodes.s[name] for name in names]
    weights = [w for unit in plan.units for _, w in unit.weights]
    biases = [unit.bias for unit in plan.units]
    kept = [node for ops in opened.values() for _, _, node in ops]
    grads = grad(nodes.E, s_nodes + biases + weights + kept)
    result.operations = _read(opened, grads[len(grads) - len(kept):]) if open else None
    m = len(s_nodes)
    result.loss = nodes.E.data
    result.delta = dict(zip(names, grads[:m], strict=True))
    result.bias_grads = dict(zip(names, grads[m:2 * m], strict=True))
    links = [(src, unit.name) for unit in plan.units for src in unit.sources]
    result.weight_grads = dict(zip(links, grads[2 * m:len(grads) - len(kept)], strict=True))
    return result


def _read(opened: dict[str, list[tuple[str, str | None, Value]]],
          grads: list[float] | None) -> dict[str, list[Operation]]:
    """Each opened perceptron's :class:`Operation` s: the recorded Values' data, and
    ``grads`` (dE/d each, in the same order) or None without a target."""
    read = iter(grads) if grads is not None else None
    return {name: [Operation(kind, source, node.data, None if read is None else next(read))
                   for kind, source, node in ops] for name, ops in opened.items()}
