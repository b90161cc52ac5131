"""``POST /api/sessions/ID/explain``: the explain panel's data for the selected point.

The reverse pass (body ``{}``): the steps of the forward pass and of the backward pass
(:mod:`viz.playground.lesson`), the engine's own steps they are read from
(``autograd.explain``), every weight's formula (:mod:`viz.playground.weights`) and the
topological order.  Forward mode (``{"mode": "forward", "wrt": name}``): the sweep of
that weight and the cost of both modes (:mod:`viz.playground.sweeps`).  The caller holds
the session's lock.
"""

from __future__ import annotations

from typing import Any

import autograd
from viz.playground import diagram, validate
from viz.playground.lesson import backward_steps, engine_steps, forward_steps
from viz.playground.recorded import record
from viz.playground.session import Session
from viz.playground.sweeps import sweep
from viz.playground.validate import BadRequest
from viz.playground.weights import weight_formulas


def explain(session: Session, body: Any) -> dict[str, Any]:
    """The panel's steps for the selected point (see the module text), or BadRequest."""
    names = [name for name, _ in session.model.named_parameters()]
    wrt = validate.explanation(body, names)
    if session.selected is None:
        raise BadRequest("explain: no point is selected; POST /api/sessions/ID/select "
                         '{"index": ...} first')
    if len(names) > diagram.MAX_WEIGHTS:
        raise BadRequest(f"explain: the network has {len(names):,} weights; the panel steps "
                         f"through networks of at most {diagram.MAX_WEIGHTS} (those drawn)")
    point = session.X[session.selected]
    graph = record(session.model, session.inputs(point), session.y[session.selected],
                   session.settings["loss"])
    reverse = autograd.explain(graph.E)
    answer: dict[str, Any] = {"index": session.selected, "version": session.version,
                              "mode": "reverse" if wrt is None else "forward",
                              "order": graph.order(), "loss": graph.E.data}
    if wrt is not None:
        return {**answer, **sweep(graph, reverse, wrt)}
    return {**answer, "steps": forward_steps(graph) + backward_steps(graph, reverse),
            "engine": engine_steps(reverse), "weights": weight_formulas(graph, reverse)}
