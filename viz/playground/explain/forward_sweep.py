"""The same gradient by forward mode: one sweep for one weight w, and the cost of both modes.

``autograd.explain(E, mode="forward", wrt=w)`` carries with every node v its tangent
dv/dw (written with a dot) in topological order; per perceptron j that is

    s_j' = sum_i (w_{i->j} z_i' + z_i w_{i->j}'),    z_j' = sigma'(s_j) s_j',

and at the end E' = dE/dw.  Forward mode needs one such sweep per weight, reverse mode
one pass for all of them: :func:`autograd.jacobian` counts both (sweeps and rule
evaluations), and :func:`autograd.jvp` gives the same number as the reverse pass.
"""

from __future__ import annotations

from typing import Any

import autograd
from autograd.explain import Explanation
from autograd.value import Value
from nn.unit import parameter_name
from viz.playground.explain import softmax_formulas
from viz.playground.explain.formula import Term, constant, formula, leaf, op, tex
from viz.playground.explain.recorded_pass import (
    Graph,
    derivative_symbol,
    local,
    weight_symbol,
    z_symbol,
)


def dot(symbol: str) -> str:
    """The tangent of a symbol, d(symbol)/dw: the dot over its letter (s_1 -> s-dot_1)."""
    letter, _, subscript = symbol.partition("_")
    return rf"\dot{{{letter}}}_{subscript}" if subscript else rf"\dot{{{symbol}}}"


def sweep(graph: Graph, reverse: Explanation, name: str) -> dict[str, Any]:
    """The forward sweep of dE/dw for the weight ``name``, its steps, tangents and counts."""
    params = dict(graph.model.named_parameters())
    w = params[name]
    ex = autograd.explain(graph.E, mode="forward", wrt=w)
    at = {step.node: step for step in ex}
    tangent = ex.gradients
    order = graph.order()
    steps, tangents = [], {}
    for unit in graph.units:
        j, s_j, z_j = unit.name, graph.s[unit.name], graph.z[unit.name]
        if s_j not in tangent:
            continue
        terms = [_share_term(graph, share.parent, share.local, tangent[share.parent], i, j)
                 for i, m in graph.links[j].items() if m in at for share in at[m].shares]
        if unit.bias is w:
            terms.append(constant(1))
        lines = [formula(dot(f"s_{{{tex(j)}}}"), op("sum", *terms), tangent[s_j])]
        if z_j is not s_j and z_j in at:
            lines.append(formula(dot(f"z_{{{tex(j)}}}"), op(
                "product", leaf(derivative_symbol(unit.activation, j, j in graph.outputs),
                                local(at[z_j], s_j)), leaf(dot(f"s_{{{tex(j)}}}"), tangent[s_j])),
                tangent.get(z_j, tangent[s_j])))
        tangents[j] = {"s": tangent[s_j], "z": tangent.get(z_j, tangent[s_j])}
        steps.append({"pass": "forward mode", "node": j, "order": order[j],
                      "edges": [parameter_name(i, j) for i in graph.links[j]], "formulas": lines,
                      "why": f"s_{j} and z_{j} depend on {name}: their tangents follow from "
                             "those of their sources, which come earlier in the order"})
    steps.append({"pass": "forward mode", "node": "E", "order": None, "edges": [],
                  "formulas": [_final(graph, reverse, tangent)],
                  "why": f"E' is dE/d{name}: one sweep gave one weight's gradient"})
    params_list = list(params.values())
    counts = {mode: _count(graph.E, params_list, mode) for mode in ("forward", "reverse")}
    return {"wrt": name, "steps": steps, "tangents": tangents, "gradient": tangent[graph.E],
            "jvp": autograd.jvp(graph.E, [w], [1.0])[0], "reverse": reverse.gradients[w],
            "counts": counts, "engine_steps": len(ex)}


def _share_term(graph: Graph, parent: Value, local: float, parent_tangent: float,
                i: str, j: str) -> Term:
    """One share of s_j': w_{i->j} z_i' (from z_i) or z_i w_{i->j}' (from the weight)."""
    if parent is graph.z.get(i):
        return op("product", leaf(weight_symbol(i, j), local),
                  leaf(dot(z_symbol(graph, i)), parent_tangent))
    return op("product", leaf(z_symbol(graph, i), local),
              constant(parent_tangent))


def _final(graph: Graph, reverse: Explanation, tangent: dict[Value, Any]) -> dict[str, Any]:
    """E' = dE/dz_o z_o' (dE/dz_o from the reverse pass), or delta_o s_o' for the
    cross-entropy, which reads s_o; the sum over the K scores at K outputs."""
    if softmax_formulas.is_scores(graph):
        return softmax_formulas.final_tangent(graph, reverse, tangent)
    o = graph.output
    node = graph.z[o] if graph.z[o] in reverse.gradients else graph.s[o]
    symbol = f"z_{{{tex(o)}}}" if node is graph.z[o] else f"s_{{{tex(o)}}}"
    return formula(dot("E"), op("product", leaf(rf"\frac{{\partial E}}{{\partial {symbol}}}",
                                                 reverse.gradients[node]),
                                 leaf(dot(symbol), tangent.get(node, 0.0))), tangent[graph.E])


def _count(E: Value, params: list[Value], mode: str) -> dict[str, int]:
    """Sweeps and rule evaluations of E's whole gradient in ``mode``."""
    result = autograd.jacobian(E, params, mode=mode)
    return {"sweeps": result.sweeps, "rule_evaluations": result.rule_evaluations}
