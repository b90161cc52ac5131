"""The forward pass recorded for teaching: every s_j and z_j, and given a target, delta_j.

:func:`record` runs :func:`nn.forward.forward`, keeps every s_j and z_j and, given a
target, reads delta_j = dE/ds_j and the weight gradients from the engine
(``autograd.grad`` on the recorded nodes: no second implementation of backprop, no
``.grad`` touched).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from autograd import grad
from autograd.value import Value
from nn import losses
from nn.forward import Plan, forward


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


def record(plan: Plan, inputs: list[Value], target: Any = None,
           loss: Any = "squared_error") -> Trace:
    """Run :func:`forward` on ``inputs``, keep every s_j and z_j, and with a target the gradients.

    The loss is ``nn.losses.get(loss)`` applied to this one sample: predictions
    ``[h]`` and targets ``[target]``, with h the output Value (or the list of outputs
    of a model with several).  The recorded s_j and z_j nodes get labels "s_j", "z_j".
    """
    loss_fn = losses.get(loss)
    s_nodes: list[Value] = []
    z = forward(plan, list(inputs), s_nodes)
    n = len(plan.input_names)
    names = [unit.name for unit in plan.units]
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
    weights = [w for unit in plan.units for _, w in unit.weights]
    biases = [unit.bias for unit in plan.units]
    grads = grad(E, s_nodes + biases + weights)
    m = len(s_nodes)
    result.loss = E.data
    result.delta = dict(zip(names, grads[:m], strict=True))
    result.bias_grads = dict(zip(names, grads[m:2 * m], strict=True))
    links = [(src, unit.name) for unit in plan.units for src in unit.sources]
    result.weight_grads = dict(zip(links, grads[2 * m:], strict=True))
    return result
