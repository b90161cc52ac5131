"""``POST /api/sessions/ID/explain``: the explain panel's data for the selected point.

The reverse pass (body ``{}``): the steps of the forward pass and of the backward pass
(:mod:`viz.playground.explain.pass_steps`), the engine's own steps they are read from
(``autograd.explain``), every weight's formula (:mod:`viz.playground.explain.weight_formulas`),
the topological order and each perceptron's operations, to step through it opened
(:mod:`viz.playground.explain.operation_steps`).  Forward mode (``{"mode": "forward", "wrt":
name}``): the sweep of that weight and the cost of both modes
(:mod:`viz.playground.explain.forward_sweep`).  The caller holds the session's lock.
"""

from __future__ import annotations

from typing import Any

import autograd
from autograd.explain import Explanation
from viz.playground import diagram
from viz.playground.api.fields import BadRequest, fields, kind
from viz.playground.explain.forward_sweep import sweep
from viz.playground.explain.operation_steps import operation_steps
from viz.playground.explain.pass_steps import backward_steps, engine_steps, forward_steps
from viz.playground.explain.recorded_pass import Graph, record
from viz.playground.explain.weight_formulas import weight_formulas
from viz.playground.training.session import Session


def steps(graph: Graph, reverse: Explanation) -> list[dict[str, Any]]:
    """The panel's steps: the forward pass, then the backward pass (counted from 0)."""
    return forward_steps(graph) + backward_steps(graph, reverse)


def selected_pass(session: Session, where: str) -> tuple[Graph, Explanation]:
    """The selected point's recorded pass and ``autograd.explain`` of its E, or BadRequest
    (``where`` names the request) without a selected point or beyond the drawn sizes."""
    if session.selected is None:
        raise BadRequest(f"{where}: no point is selected; POST /api/sessions/ID/select "
                         '{"index": ...} first')
    weights = len(session.model.parameters())
    if weights > diagram.MAX_WEIGHTS:
        raise BadRequest(f"{where}: the network has {weights:,} weights; the panel steps "
                         f"through networks of at most {diagram.MAX_WEIGHTS} (those drawn)")
    graph = record(session.model, session.inputs(session.X[session.selected]),
                   session.y[session.selected], session.settings["loss"])
    return graph, autograd.explain(graph.E)


def explain(session: Session, body: Any) -> dict[str, Any]:
    """The panel's steps for the selected point (see the module text), or BadRequest."""
    names = [name for name, _ in session.model.named_parameters()]
    wrt = explanation(body, names)
    graph, reverse = selected_pass(session, "explain")
    answer: dict[str, Any] = {"index": session.selected, "version": session.version,
                              "mode": "reverse" if wrt is None else "forward",
                              "order": graph.order(), "loss": graph.E.data}
    if wrt is not None:
        return {**answer, **sweep(graph, reverse, wrt)}
    shown = steps(graph, reverse)
    trace = session.model.trace(session.inputs(session.X[session.selected]),
                                session.y[session.selected], loss=session.settings["loss"],
                                open=[unit.name for unit in graph.units])
    return {**answer, "steps": shown, "engine": engine_steps(reverse),
            "weights": weight_formulas(graph, reverse),
            "operations": operation_steps(graph, trace, shown)}


def explanation(body: Any, names: list[str]) -> str | None:
    """What to explain: ``{}`` (or ``{"mode": "reverse"}``) for the backward pass, or
    ``{"mode": "forward", "wrt": name}`` for forward mode's sweep of one weight; returns
    the weight's name, or None for the reverse pass."""
    given = fields(body, "explain", (), ("mode", "wrt"))
    mode = given.get("mode", "reverse")
    if mode not in ("reverse", "forward"):
        raise BadRequest(f"explain.mode must be 'reverse' or 'forward', got {mode!r:.40}")
    wrt = given.get("wrt")
    if mode == "reverse":
        if wrt is not None:
            raise BadRequest("explain.wrt is for mode 'forward' only (the reverse pass gives "
                             "every weight's gradient at once)")
        return None
    if not isinstance(wrt, str) or wrt not in names:
        shown = wrt if isinstance(wrt, str) else kind(wrt)
        raise BadRequest(f"explain.wrt must name a weight of the model, such as "
                         f"{', '.join(names[:3])}; got {shown!r:.60}")
    return wrt
