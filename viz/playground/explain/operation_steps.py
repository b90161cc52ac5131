"""The explain panel's steps through an opened perceptron, one operation a step.

The diagram opens perceptron j into the operations the engine runs for it (the tutorial, 1.1;
:mod:`viz.netopen`): p_i = w_{i->j} z_i for every link (w_{0->j} a_0 with a_0 = 1
first), s_j = sum of them, z_j = g(s_j) and, on an output, E.  For each of them this
module writes the panel's lines: forward, its value (``w_{i->j} z_i = w . z = p``, then
s_j's and z_j's own lines); backward, its gradient dE/d(it) (``dE/dz_j = sum_o w_{j->o}
delta_o``, ``delta_j``'s line, and ``dE/dp_i = delta_j`` for a product, since
ds_j/dp_i = 1, then the weight's own dE/dw_{i->j} = delta_j z_i).  Every value and
gradient is the engine's own, from :meth:`nn.Module.trace` with ``open`` (``autograd.grad``
of E), as the diagram writes them.
"""

from __future__ import annotations

from typing import Any

import nn
from nn.unit import parameter_name
from viz.playground.explain.formula import constant, formula, latex, leaf, op, tex
from viz.playground.explain.recorded_pass import Graph, weight_symbol, z_symbol


def operation_steps(graph: Graph, trace: nn.Trace,
                    steps: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per perceptron j, its operations in the diagram's order, each ``{"op": tag,
    "value", "grad", "forward": [lines], "backward": [lines]}`` (``tag`` as the diagram's
    ``data-op`` after ``j:``); ``steps`` are the panel's, whose s_j, z_j, delta_j and E
    lines are reused as they are."""
    found: dict[str, list[dict[str, Any]]] = {}
    for unit in graph.units:
        j = unit.name
        own = [s for s in steps if s["node"] == j]
        forward, backward = own[0]["formulas"], own[-1]["formulas"]
        delta = next(f for f in backward if f["lhs"].startswith(r"\delta_"))
        d = leaf(delta["lhs"], delta["result"])
        weights = dict(unit.weights)
        found[j] = []
        for operation in (trace.operations or {})[j]:
            grad = operation.grad if operation.grad is not None else float("nan")
            if operation.kind == "product":
                i = operation.source
                w = weights[i].data if i is not None else unit.bias.data
                z = leaf(z_symbol(graph, i), graph.z[i].data) if i is not None else \
                    leaf("a_0", 1.0)
                term = op("product", leaf(weight_symbol(i, j), w), z)
                symbol = latex(term, False)
                tag = parameter_name(i, j)
                dw = (trace.weight_grads or {}).get((i, j), float("nan")) if i is not None \
                    else (trace.bias_grads or {}).get(j, float("nan"))
                lines = ([formula(symbol, term, operation.value)],
                         [formula(rf"\frac{{\partial E}}{{\partial ({symbol})}}", d, grad),
                          formula(rf"\frac{{\partial E}}{{\partial {weight_symbol(i, j)}}}",
                                  op("product", d, z), dw)])
            elif operation.kind == "sum":
                tag, lines = "s", ([forward[0]], [delta])
            elif operation.kind == "activation":
                tag, lines = "z", ([forward[1]], [_dz(graph, trace, j, grad)])
            else:
                E = next(s for s in steps if s["node"] == "E")["formulas"]
                tag, lines = "E", (E, [formula(r"\frac{\partial E}{\partial E}", constant(1), 1.0)])
            found[j].append({"op": tag, "value": operation.value, "grad": grad,
                             "forward": lines[0], "backward": lines[1]})
    return found


def _dz(graph: Graph, trace: nn.Trace, j: str, grad: float) -> dict[str, Any]:
    """dE/dz_j: at a hidden j the sum over the perceptrons o reading it of w_{j->o} delta_o
    (the tutorial's recursion, 4.2, before g'(s_j)); at an output, the loss's derivative,
    as a number."""
    lhs = rf"\frac{{\partial E}}{{\partial z_{{{tex(j)}}}}}"
    readers = graph.consumers(j)
    if not readers:
        return formula(lhs, leaf(lhs, grad), grad)
    terms = [op("product", leaf(weight_symbol(j, o.name), dict(o.weights)[j].data),
                leaf(rf"\delta_{{{tex(o.name)}}}", (trace.delta or {})[o.name]))
             for o in readers]
    return formula(lhs, op("sum", *terms) if len(terms) > 1 else terms[0], grad)

