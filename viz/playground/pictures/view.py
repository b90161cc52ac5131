"""What the page draws of a session: its view (JSON-ready), the trace and the diagram.

The caller holds the session's lock.  The pictures (heatmap and hidden perceptrons'
maps) and the diagram are kept per version and per diagram key, so several reads of
one state cost one computation.
"""

from __future__ import annotations

from typing import Any

from viz.playground import diagram
from viz.playground.models import k_classes, regression
from viz.playground.training.session import Session


def view(session: Session, compact: bool = False) -> dict[str, Any]:
    """Everything the page draws (see the API table of docs/playground.md).  ``compact``
    sends the heatmap as bytes rather than a list of numbers."""
    drawn, maps, boundaries = _pictures(session, compact)
    trainer, model = session.trainer, session.model
    fitting = regression.active(session.settings)  # the curve h(x) (regression) or the plane
    answer = {
        "id": session.id, "version": session.version, "settings": session.settings,
        "points": regression.shown(session.X, session.y),
        "test_points": session.test,
        "epoch": trainer.epoch, "epochs": trainer.epochs, "updates_per_epoch": trainer.per_epoch,
        "loss": session.loss, "accuracy": session.accuracy,
        "test_loss": session.test_loss, "test_accuracy": session.test_accuracy,
        "curve": session.curve, "heatmap": None if fitting else drawn,
        "fitted": drawn if fitting else None, "unit_maps": maps,
        "boundaries": boundaries,
        "inputs": list(model.input_names), "weights": len(model.parameters()),
        "parameters": diagram.parameters(model), "edge_styles": diagram.styles(model),
        "diagram": diagram.key(model, session.selected, session.version),
        "selected": session.selected, "trace": trace(session),
    }
    return answer


def _pictures(session: Session, compact: bool) -> tuple[dict[str, Any], Any,
                                                         list[list[list[float]]]]:
    """The heatmap, the maps (None for a network too large to draw) and the boundaries of
    this version: on the quick grid (:func:`viz.playground.pictures.plane_maps.quick_size`)
    for the view that answers a training request while the page plays
    (:func:`viz.playground.training.time_slices.train` marks it ``quick``), on the full grid
    for any other (a regression's curve has one grid)."""
    pictures, quick = session.pictures, bool(session.kept.pop("quick", False))
    key = (session.version, compact, quick)
    kept = session.kept.get("pictures")
    if kept is None or kept[0] != key:
        kept = session.kept["pictures"] = (key, pictures.draw(compact, quick))
    drawn: tuple[dict[str, Any], Any, list[list[list[float]]]] = kept[1]
    return drawn


def trace(session: Session) -> dict[str, Any] | None:
    """s_j, z_j, delta_j of every perceptron and dE/dw of every weight (selected point)."""
    if session.selected is None:
        return None
    model = session.model
    x, target = session.X[session.selected], session.y[session.selected]
    inputs = session.inputs(x)
    t = model.trace(inputs, target, loss=session.settings["loss"])
    # with a target, a trace holds the deltas and gradients
    assert t.delta is not None and t.bias_grads is not None and t.weight_grads is not None
    units = [{"name": u.name, "activation": u.activation, "s": t.s[u.name],
              "z": t.z[u.name], "delta": t.delta[u.name], "bias": u.bias.data,
              "bias_grad": t.bias_grads[u.name]} for u in model.units()]
    edges = [{"from": src, "to": u.name, "weight": w.data,
              "grad": t.weight_grads[(src, u.name)]}
             for u in model.units() for src, w in u.weights]
    return {"index": session.selected, "input": x, "target": target,
            **k_classes.read_outputs(t.outputs), "loss": t.loss, "units": units, "edges": edges}


def svg(session: Session, open: tuple[str, ...] = ()) -> str:
    """The tagged diagram SVG for the session's current diagram key, the perceptrons
    named in ``open`` drawn as their operations (see :func:`diagram.opened`)."""
    key = (diagram.key(session.model, session.selected, session.version), open)
    kept = session.kept.get("svg")
    if kept is not None and kept[0] == key:
        shown: str = kept[1]
        return shown
    sample = target = None
    if session.selected is not None:
        sample = session.inputs(session.X[session.selected])
        target = session.y[session.selected]
    text = diagram.svg(session.model, sample, target, session.settings["loss"], open)
    session.kept["svg"] = (key, text)
    return text
