"""One update described: which points it used and how each weight moved (the tutorial, 1.3).

Sequential mode updates on one point i, w_{t+1} = w_t - eta dE_i/dw; batch mode on a group
of points, with dE/dw = c sum_i dE_i/dw (+ 2 lambda w with the L2 rate lambda), c = 1 for
the tutorial's sum of squares and 1/N for the mean losses.  The gradient the update used is the
engine's (left in every ``.grad`` by the training step); each point's dE_i/dw is
:meth:`nn.Module.trace` on that point at the weights w_t, for the first
:data:`MAX_TERMS` points of the group.
"""

from __future__ import annotations

from typing import Any

from nn import losses
from nn.unit import parameter_name
from viz.playground.training.trainer import Trainer

MAX_TERMS = 12
"""At most this many points of a batch get their own term dE_i/dw."""


def one_update(trainer: Trainer, points: list[int], rows: list[list[float]],
               settings: dict[str, Any]) -> dict[str, Any]:
    """Run one update of ``trainer`` and describe it.  ``points`` maps the training rows
    (``rows``, the model's inputs) to the indices of the session's points."""
    stepper, model = trainer.stepper, trainer.model
    if stepper is None:
        raise ValueError("there are no points to train on; add points of both colours")
    named = model.named_parameters()
    before = [w.data for _, w in named]
    start = stepper.position * stepper.size
    trainer.run(1, 0.0)
    used = stepper.order[start:start + stepper.size]
    gradient = [w.grad for _, w in named]
    after = [w.data for _, w in named]
    terms = _terms(trainer, [rows[k] for k in used[:MAX_TERMS]],
                   [trainer.y[k] for k in used[:MAX_TERMS]], before, settings["loss"])
    scale = losses.LOSSES[settings["loss"]].scale  # the trainer's loss, a named one
    one, many = scale(1), scale(len(used))
    return {
        "mode": settings["mode"], "points": [points[k] for k in used], "eta": settings["lr"],
        "plain": settings["optimizer"] == "sgd" and settings["momentum"] == 0,
        "factor": 1.0 if one is None or many is None else many / one, "l2": settings["l2"],
        "listed": len(terms),
        "weights": [{"name": name, "before": b, "gradient": g, "after": a,
                     "terms": [t[name] for t in terms]}
                    for (name, _), b, g, a in zip(named, before, gradient, after, strict=True)],
    }


def _terms(trainer: Trainer, rows: list[list[float]], targets: list[int],
           weights: list[float], loss: str) -> list[dict[str, float]]:
    """dE_i/dw of every weight for each row, at ``weights`` (the weights are put back)."""
    params = trainer.model.parameters()
    now = [w.data for w in params]
    for w, value in zip(params, weights, strict=True):
        w.data = value
    try:
        traces = [trainer.model.trace(row, y, loss=loss) for row, y in zip(rows, targets,
                                                                           strict=True)]
    finally:
        for w, value in zip(params, now, strict=True):
            w.data = value
    units, terms = trainer.model.units(), []
    for t in traces:
        assert t.bias_grads is not None and t.weight_grads is not None  # t has a target
        terms.append({**{parameter_name(None, u.name): t.bias_grads[u.name] for u in units},
                      **{parameter_name(src, u.name): t.weight_grads[(src, u.name)]
                         for u in units for src, _ in u.weights}})
    return terms
