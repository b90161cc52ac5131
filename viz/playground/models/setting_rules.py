"""Merging changed settings: each rule of the task, the classes and the learner's network.

A request that changes settings gives only the changed ones; :func:`settle` merges them
into the current settings and applies, in turn, the rules of the task
(:func:`viz.playground.models.regression.settle`: one linear output, no classes), else
those of the classes (:func:`viz.playground.models.k_classes.settle`), then those of the
learner's network (:func:`viz.playground.models.own_network.settle`).  A rule that
refuses raises BadRequest before anything is changed.
"""

from __future__ import annotations

from typing import Any

from viz.playground.models import k_classes, own_network, regression


def settle(current: dict[str, Any], given: dict[str, Any], labels: list[int],
           fallback_loss: str, where: str = "settings") -> dict[str, Any]:
    """``current`` settings with the checked changes ``given``, fitted by every rule (see
    the module text); ``labels`` are the points' classes, ``fallback_loss`` the loss when
    K drops to 2."""
    new = {**current, **given}
    switched = new["task"] != current["task"]
    if not regression.settle(new, given, switched, where):
        k_classes.settle(new, given, labels, fallback_loss, where)
    own_network.settle(new, given, where)
    return new
