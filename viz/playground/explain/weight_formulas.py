"""Any weight's partial derivative for the selected point, written out as a formula.

For the tutorial's 2-5-1 network (section 3.2, sigmoid everywhere, E = (h - y_i)^2) the
closed formulas of that section, e.g.

    dE_i/dw_{in_x->1} = 2 (z_6 - y_i) sigma(s_1) (1 - sigma(s_1)) in_x
                        sigma(s_6) (1 - sigma(s_6)) w_{1->6},
    dE_i/dw_{1->6}    = 2 (z_6 - y_i) sigma(s_6) (1 - sigma(s_6)) z_1,

with sigma(s_j) = z_j read off the forward pass; for any other network (or loss) the
delta form dE/dw_{i->j} = delta_j z_i.  Each comes with its value (the formula evaluated)
and the engine's gradient (``autograd.explain``) beside it.
"""

from __future__ import annotations

from typing import Any

from autograd.explain import Explanation
from nn.unit import parameter_name
from viz.playground.explain.formula import Term, constant, evaluate, formula, leaf, op, tex
from viz.playground.explain.recorded_pass import Graph, weight_symbol, z_symbol


def is_tutorial_network(graph: Graph) -> bool:
    """Whether the tutorial's closed formulas (section 3.2) apply: one sigmoid output reading
    sigmoid perceptrons that read only the inputs, and E = (h - y_i)^2."""
    inputs = set(graph.model.input_names)
    *hidden, out = graph.units
    return (graph.loss == "squared_error" and all(u.activation == "sigmoid" for u in graph.units)
            and all(set(graph.links[u.name]) <= inputs for u in hidden)
            and set(graph.links[out.name]) == {u.name for u in hidden} and bool(hidden))


def weight_formulas(graph: Graph, explanation: Explanation) -> list[dict[str, Any]]:
    """For every weight: its name, its formula (closed or delta form), and the engine's value."""
    closed = is_tutorial_network(graph)
    grads = explanation.gradients
    found = []
    for unit in graph.units:
        for source, w in [(None, unit.bias), *unit.weights]:
            term = _closed(graph, source, unit.name) if closed else _delta(graph, explanation,
                                                                           source, unit.name)
            lhs = rf"\frac{{\partial E_i}}{{\partial {weight_symbol(source, unit.name)}}}"
            found.append({"name": parameter_name(source, unit.name), "form": "closed" if closed
                          else "delta", "engine": grads[w],
                          "formula": formula(lhs, term, evaluate(term))})
    return found


def _sigma_terms(graph: Graph, j: str) -> list[Term]:
    """sigma(s_j) (1 - sigma(s_j)), with sigma(s_j) = z_j."""
    z = graph.z[j].data
    sigma = leaf(rf"\sigma(s_{{{tex(j)}}})", z)
    return [sigma, op("difference", constant(1), sigma)]


def _closed(graph: Graph, source: str | None, j: str) -> Term:
    """The tutorial's formula (section 3.2) of dE_i/dw_{source->j} (w_{0->j} for ``source``
    None)."""
    o = graph.output
    factors: list[Term] = [constant(2), op("difference", leaf(z_symbol(graph, o),
                                                                   graph.z[o].data),
                                               leaf("y_i", graph.target))]
    if j == o:
        factors += _sigma_terms(graph, o)
        if source is not None:
            factors.append(leaf(z_symbol(graph, source), graph.z[source].data))
        return op("product", *factors)
    factors += _sigma_terms(graph, j)
    if source is not None:
        factors.append(leaf(z_symbol(graph, source), graph.z[source].data))
    w_jo = dict(next(u for u in graph.units if u.name == o).weights)[j]
    factors += [*_sigma_terms(graph, o), leaf(weight_symbol(j, o), w_jo.data)]
    return op("product", *factors)


def _delta(graph: Graph, explanation: Explanation, source: str | None, j: str) -> Term:
    """delta_j z_i (delta_j alone for w_0), delta_j = dE/ds_j from the engine."""
    delta = leaf(rf"\delta_{{{tex(j)}}}", explanation.gradients[graph.s[j]])
    if source is None:
        return delta
    return op("product", delta, leaf(z_symbol(graph, source), graph.z[source].data))
