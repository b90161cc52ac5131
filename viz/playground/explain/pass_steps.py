"""The explain panel's steps: the forward pass and then the backward pass, one node a step.

Every number is read off :func:`autograd.explain` on the point's E (the reverse pass as
the engine runs it, see :mod:`viz.playground.explain.recorded_pass`): delta_j = dE/ds_j is the final
gradient of the node s_j, sigma'(s_j) the local derivative of z_j's step, w_{j->o} and
delta_o the local derivative and the gradient of the product w_{j->o} z_j in s_o, so

    delta_j = sigma'(s_j) sum_o w_{j->o} delta_o,      dE/dw_{i->j} = delta_j z_i

(the tutorial's delta recursion, section 4.2, in its symbols of section 1) is written with
the engine's own numbers, and its result is the engine's.  Nothing is differentiated here.
"""

from __future__ import annotations

from typing import Any

from autograd.explain import Explanation
from autograd.explain import formula as written
from nn.unit import parameter_name
from viz.playground.explain import softmax_formulas
from viz.playground.explain.formula import Term, apply, constant, formula, leaf, op, tex
from viz.playground.explain.recorded_pass import (
    Graph,
    derivative_symbol,
    local,
    weight_symbol,
    z_symbol,
)


def engine_steps(explanation: Explanation) -> list[dict[str, Any]]:
    """autograd.explain's steps as JSON: node, its value, its final gradient, its shares."""
    names = explanation.names
    return [{"index": s.index, "name": s.name, "value": s.node.data, "gradient": s.upstream,
             "made": None if s.op is None else written(s.node, names),
             "shares": [{"to": sh.name, "local": sh.local, "contribution": sh.contribution,
                         "total": sh.total} for sh in s.shares]} for s in explanation]


def forward_steps(graph: Graph) -> list[dict[str, Any]]:
    """One step per node in topological order: the inputs, then s_j and z_j of each j, then E."""
    order = graph.order()
    steps = [_step("forward", name, order, [], [formula(tex(name), leaf(tex(name), z.data),
                                                        z.data)],
                   f"an input: {name} is the point's own value, known from the start")
             for name, z in graph.z.items() if name in graph.model.input_names]
    for unit in graph.units:
        j = unit.name
        terms: list[Term] = [leaf(weight_symbol(None, j), unit.bias.data)]
        terms += [op("product", leaf(weight_symbol(i, j), w.data),
                     leaf(z_symbol(graph, i), graph.z[i].data)) for i, w in unit.weights]
        s_j = graph.s[j]
        lines = [formula(f"s_{{{tex(j)}}}", op("sum", *terms), s_j.data),
                 formula(f"z_{{{tex(j)}}}", apply(unit.activation, leaf(
                     f"s_{{{tex(j)}}}", s_j.data)), graph.z[j].data)]
        sources = ", ".join(i for i, _ in unit.weights)
        steps.append(_step("forward", j, order, [parameter_name(i, j) for i, _ in unit.weights],
                           lines, f"s_{j} reads z of {sources}: all are computed, since they "
                                  f"come earlier in the topological order"))
    steps.append(_step("forward", "E", order, [], [_loss_formula(graph)],
                       softmax_formulas.reads(graph) if softmax_formulas.is_scores(graph) else
                       f"E reads z_{graph.output} and the target y = {graph.target:g}"))
    return steps


def _loss_formula(graph: Graph) -> dict[str, Any]:
    """E = (z_o - y)^2 (the tutorial's, section 1.3), 1/2 (z_o - y)^2 (the mean over one
    point), or the cross-entropy -ln z_o (y = 1), -ln(1 - z_o) (y = 0); -ln p_t at K scores."""
    if softmax_formulas.is_scores(graph):
        return softmax_formulas.loss_formula(graph)
    z_o = graph.z[graph.output]
    error = op("square", op("difference", leaf(z_symbol(graph, graph.output), z_o.data),
                            leaf("y_i", graph.target)))
    if graph.loss == "squared_error":
        return formula("E", error, graph.E.data)
    if graph.loss == "mse":
        return formula("E", op("product", constant(0.5), error), graph.E.data)
    z = leaf(z_symbol(graph, graph.output), z_o.data)
    return formula("E", op("neglog", z if graph.target else op(
        "difference", constant(1), z)), graph.E.data)


def backward_steps(graph: Graph, explanation: Explanation) -> list[dict[str, Any]]:
    """One step per perceptron in reverse topological order: delta_j and the gradients of
    the weights into j, which become final there."""
    at = {step.node: step for step in explanation}
    grads = explanation.gradients
    order = graph.order()
    steps = []
    done: list[str] = []
    for unit in reversed(graph.units):
        j = unit.name
        s_j, z_j = graph.s[j], graph.z[j]
        is_output = j in graph.outputs
        g_local = local(at[z_j], s_j) if z_j in at and z_j is not s_j else 1.0
        g_prime = leaf(derivative_symbol(unit.activation, j, is_output), g_local)
        lines = []
        if is_output and softmax_formulas.is_scores(graph):  # softmax: p_o - [y_i = c]
            delta, readers = softmax_formulas.delta(graph, j), softmax_formulas.why_delta(j)
        elif is_output and z_j not in at:  # the cross-entropy reads s_o: dE/ds_o = z_o - y
            delta = op("difference", leaf(z_symbol(graph, j), z_j.data), leaf("y_i", graph.target))
            readers = "only E reads s_" + j
        elif is_output:
            lines += _output_gradient(graph, grads[z_j])  # then delta_o = 2 (z_o - y_i) g_o'(s_o)
            delta = op("product", _error_derivative(graph), g_prime)
            readers = "only E reads it"
        else:
            readers_units = graph.consumers(j)
            delta = op("product", g_prime, op("sum", *(op(
                "product", leaf(weight_symbol(j, o.name), local(at[m], z_j)),
                leaf(rf"\delta_{{{tex(o.name)}}}", at[m].upstream))
                for o in readers_units for m in [graph.links[o.name][j]])))
            readers = f"{', '.join(o.name for o in readers_units)} read it"
        lines.append(formula(rf"\delta_{{{tex(j)}}}", delta, grads[s_j]))
        lines.append(formula(rf"\frac{{\partial E}}{{\partial {weight_symbol(None, j)}}}",
                             leaf(rf"\delta_{{{tex(j)}}}", grads[s_j]), grads[unit.bias]))
        for i, w in unit.weights:
            m = graph.links[j][i]
            lines.append(formula(
                rf"\frac{{\partial E}}{{\partial {weight_symbol(i, j)}}}",
                op("product", leaf(rf"\delta_{{{tex(j)}}}", at[m].upstream),
                   leaf(z_symbol(graph, i), local(at[m], w))), grads[w]))
        done.append(j)
        names = [parameter_name(None, j)] + [parameter_name(i, j) for i, _ in unit.weights]
        edges = names + [parameter_name(j, o.name) for o in graph.consumers(j)]
        steps.append(_step("backward", j, order, edges, lines,
                           f"z_{j} is final: {readers}, and the pass has visited every node "
                           f"that reads it; so δ_{j} and the gradients of the weights into "
                           f"{j} are final now (final so far: δ of {', '.join(done)})"))
    return steps


def _output_gradient(graph: Graph, value: float) -> list[dict[str, Any]]:
    """dE/dz_o = 2 (z_o - y) for the tutorial's E (section 1.3), (z_o - y) for 1/2 (z_o - y)^2 (the
    cross-entropy reads s_o, not z_o: see :func:`backward_steps`)."""
    lhs = rf"\frac{{\partial E}}{{\partial z_{{{tex(graph.output)}}}}}"
    return [formula(lhs, _error_derivative(graph), value)]


def _error_derivative(graph: Graph) -> Any:
    """The terms of dE/dz_o: 2 (z_o - y_i) for the tutorial's squared error, (z_o - y_i) for mse."""
    z_o = graph.z[graph.output]
    error = op("difference", leaf(z_symbol(graph, graph.output), z_o.data),
               leaf("y_i", graph.target))
    return op("product", constant(2), error) if graph.loss == "squared_error" else error


def _step(kind: str, node: str, order: dict[str, int], edges: list[str],
          formulas: list[dict[str, Any]], why: str) -> dict[str, Any]:
    return {"pass": kind, "node": node, "order": order.get(node), "edges": edges,
            "formulas": formulas, "why": why}
