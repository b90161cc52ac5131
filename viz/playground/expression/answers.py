"""``POST /api/expression``: the expression lab, any expression differentiated to any order.

The body ``{"text": "tanh(w * x + b)", "at": {"w": 0.5, "x": 1.0, "b": 0.0}, "wrt": "x",
"order": 2}`` is parsed by :mod:`viz.expr` (the ``backprop graph`` syntax and its one-line
errors), built from Values at ``at`` and differentiated ``order`` times
(:mod:`viz.playground.expression.derivatives`): f, df/dx, d2f/dx2, ... each a recorded graph,
drawn as :func:`viz.draw_graph` draws it (by the diagram's renderer: ``dot`` on the server,
Graphviz in WebAssembly on the static site) and explained node by node
(:mod:`viz.playground.expression.explain_steps`).  ``wrt`` may also list one variable per
order (mixed partial derivatives).  ``"mode": "forward"`` adds each graph's forward-mode
sweep of the variable ``sweep`` and the cost of both modes; ``plot`` samples the expression and its
derivatives over one variable.  ``GET /api/expression`` gives the limits.
"""

from __future__ import annotations

import ast
import math
from typing import Any

import autograd
from autograd import Value, topological_order
from autograd.display import format_number
from viz import expr
from viz.graph import build_graph
from viz.playground import diagram
from viz.playground.api.fields import BadRequest, choice, fields, integer, kind, number
from viz.playground.expression.derivatives import differentiate, grid, sampled
from viz.playground.expression.explain_steps import (
    forward_steps,
    fresh,
    name_nodes,
    places,
    reverse_steps,
    tangent_steps,
)

MAX_ORDER = 4
"""The highest derivative asked for."""

MAX_NODES = 400
"""A derivative's graph of more nodes is refused: too large to draw readably."""

MAX_POINTS = 401
"""The most grid points of a plot."""

PLOT_RANGE = 1e6
"""A plot's ends lie in [-PLOT_RANGE, PLOT_RANGE]."""


def limits() -> dict[str, Any]:
    """What a request may ask for (``GET /api/expression``)."""
    return {"length": expr.MAX_LENGTH, "order": MAX_ORDER, "nodes": MAX_NODES,
            "points": MAX_POINTS, "functions": list(expr.FUNCTIONS),
            "constants": list(expr.NUMBERS)}


def variables(text: str) -> list[str]:
    """The variables of ``text`` in the order they first appear (ExpressionError if the
    parser refuses the text)."""
    tree = expr.parse(text)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = sorted((n.lineno, n.col_offset, n.id) for n in ast.walk(tree)
                   if isinstance(n, ast.Name) and id(n) not in called
                   and n.id not in expr.NUMBERS)
    return list(dict.fromkeys(name for _, _, name in found))


def post(body: Any) -> tuple[int, dict[str, Any]]:
    """The answer to a POST: 200 and the lab's data (see module text), or 400 and
    ``{"error": the parser's message, "variables": [...]}`` for text the parser or the
    engine refuses; BadRequest for a malformed request."""
    given = fields(body, "expression", ("text",),
                   ("at", "wrt", "order", "mode", "sweep", "plot"))
    text = given["text"]
    if not isinstance(text, str):
        raise BadRequest(f"expression.text must be a string, got {kind(text)}")
    try:
        names = variables(text)
    except expr.ExpressionError as error:
        return 400, {"error": str(error)}
    request = _checked(given, names)
    try:
        f = expr.evaluate(text, request["at"])
    except expr.ExpressionError as error:
        return 400, {"error": str(error), "variables": names}
    return 200, _finite(_answer(f, names, request))


def _checked(given: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The request's fields, checked against the text's variables ``names``."""
    at = given.get("at", {})
    if not isinstance(at, dict):
        raise BadRequest(f"expression.at must be an object of variable -> number, "
                         f"got {kind(at)}")
    order = integer(given.get("order", 1), "expression.order", 0, MAX_ORDER)
    if order and not names:
        raise BadRequest("the expression has no variable to differentiate (it is a constant); "
                         "ask for order 0")
    wrt = given.get("wrt", names[:1] * order)
    wrt = [wrt] * order if isinstance(wrt, str) else wrt
    if not isinstance(wrt, list) or len(wrt) != order:
        raise BadRequest(f"expression.wrt must be a variable, or a list of {order} (one per "
                         f"order), got {kind(wrt)} {str(wrt)[:60]}")
    mode = choice(given.get("mode", "reverse"), "expression.mode", ("reverse", "forward"))
    sweep = given.get("sweep", (wrt or names or [None])[0])
    checked = [*wrt, *([sweep] if mode == "forward" else [])]
    if "plot" in given:
        plot = fields(given["plot"], "expression.plot", ("var",), ("from", "to", "points"))
        start = number(plot.get("from", -3.0), "expression.plot.from", -PLOT_RANGE, PLOT_RANGE)
        stop = number(plot.get("to", 3.0), "expression.plot.to", -PLOT_RANGE, PLOT_RANGE)
        if not start < stop:
            raise BadRequest(f"expression.plot.from must be below plot.to, got {start:g} "
                             f"and {stop:g}")
        points = integer(plot.get("points", 101), "expression.plot.points", 2, MAX_POINTS)
        checked.append(plot["var"])
        given["plot"] = (plot["var"], grid(start, stop, points))
    for name in checked:
        if name not in names:
            shown = name if isinstance(name, str) else kind(name)
            raise BadRequest(f"{shown!r:.40} is not a variable of the expression; its "
                             f"variables: {', '.join(names) or 'none (it is a constant)'}")
    return {"at": {name: at[name] for name in names if name in at}, "order": order,
            "wrt": wrt, "mode": mode, "sweep": sweep, "plot": given.get("plot")}


def _answer(f: Value, names: list[str], request: dict[str, Any]) -> dict[str, Any]:
    """Differentiate, draw and explain (see module text)."""
    if not math.isfinite(f.data):
        raise BadRequest(f"the expression is {f.data} at these values, not a finite number")
    taken = set(names)
    f.label = f.label or fresh("f", taken)
    name_nodes(f, taken)
    leaves = {node.label: node for node in topological_order(f)
              if node.op is None and node.label in names}
    graphs, sources = _derivatives(f, [leaves[x] for x in request["wrt"]], taken)
    answer = {"variables": names, "at": request["at"], "wrt": request["wrt"],
              "order": request["order"], "mode": request["mode"], "value": f.data,
              "derivatives": [d.data for d in graphs[1:]], "graphs": [], "sources": sources,
              "forward": [], "steps": []}
    for graph in graphs:
        order = topological_order(graph)
        explained = autograd.explain(graph)
        grads = {node: format_number(g) for node, g in explained.gradients.items()}
        answer["graphs"].append(diagram.drawn(build_graph(order, "LR", frozenset(), grads)))
        answer["forward"].append(forward_steps(explained, order, names))
        answer["steps"].append(reverse_steps(explained, order))
    if request["mode"] == "forward":
        answer.update(_forward_mode(graphs, leaves, request["sweep"]))
    if request["plot"] is not None:
        var, points = request["plot"]
        answer["plot"] = {"var": var, "x": points, "curves": sampled(graphs, leaves[var], points)}
    return answer


def _derivatives(f: Value, wrt: list[Value], taken: set[str]
                 ) -> tuple[list[Value], list[dict[str, str]]]:
    """[f, df/dx_1, d2f/dx_1dx_2, ...] (one order per Value of ``wrt``), and per graph the
    node each of its nodes came from (node ids: ``n<k>``); BadRequest for a derivative that
    does not exist, is not finite or is too large to draw."""
    graphs = [f]
    sources: list[dict[str, str]] = [{}]
    for k, x in enumerate(wrt, 1):
        try:
            d, came = differentiate(graphs[-1], x, fresh(f"seed{k}", taken))
        except (ArithmeticError, ValueError) as error:
            raise BadRequest(f"the derivative of order {k} does not exist here: {error}") from None
        size = len(topological_order(d))
        if size > MAX_NODES:
            raise BadRequest(f"the graph of the derivative of order {k} has {size} nodes, more "
                             f"than the {MAX_NODES} the lab draws; ask for a lower order or a "
                             "shorter expression")
        if not math.isfinite(d.data):
            raise BadRequest(f"the derivative of order {k} is {d.data} here, not a finite number")
        by = [v.label for v in wrt[:k]]
        d.label = d.label or fresh(f"{f.label}_" + ("" if all(len(v) == 1 for v in by)
                                                   else ",").join(by), taken)
        name_nodes(d, taken)
        before, now = places(topological_order(graphs[-1])), places(topological_order(d))
        sources.append({f"n{now[node]}": f"n{before[source]}" for node, source in came.items()})
        graphs.append(d)
    return graphs, sources


def _forward_mode(graphs: list[Value], leaves: dict[str, Value], sweep: str) -> dict[str, Any]:
    """Each graph's forward sweep of ``sweep``, its result and what each mode costs for the
    whole gradient: forward one sweep per variable, reverse one pass per output."""
    x, inputs = leaves[sweep], list(leaves.values())
    steps, tangents, counts = [], [], []
    for graph in graphs:
        if x in topological_order(graph):
            explained = autograd.explain(graph, mode="forward", wrt=x)
            steps.append(tangent_steps(explained, topological_order(graph)))
            tangents.append(explained.gradients.get(graph, 0.0))
        else:  # the graph does not depend on the variable: its tangent is 0, no step
            steps.append([])
            tangents.append(0.0)
        counts.append({mode: {"sweeps": result.sweeps, "rule_evaluations": result.rule_evaluations}
                       for mode in ("forward", "reverse")
                       for result in [autograd.jacobian(graph, inputs, mode=mode)]})
    return {"sweep": sweep, "forward_mode": steps, "tangents": tangents, "counts": counts}


def _finite(data: Any) -> Any:
    """``data`` with every number that is not finite as None (JSON has no inf or nan)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_finite(value) for value in data]
    return data
