"""K classes in the playground: the ``classes`` setting, its loss, its presets and its files.

With two classes (the default) a model has one sigmoid output h(x), "how blue", and one of
the two-class losses, exactly as the tutorial's demos.  With K = 3 to :data:`MAX_CLASSES`
classes it has K linear outputs s_1..s_K, one score per class, and the loss is softmax
cross-entropy (``nn.losses.cross_entropy``), chosen by :func:`settle` whenever the
settings say K > 2; a two-class loss is then refused with the reason, and so is
cross-entropy with two classes.  A point's label is a class 0..K-1.

Changing K never drops a point: fewer classes than some points' labels need is refused,
with how many points are in the way.  A CSV file brings its own K (its highest label + 1,
at least 2).  The presets :func:`preset` draws in K classes are the generators of
``nn.datasets`` that take ``classes`` (spiral, blobs); the others draw two.
"""

from __future__ import annotations

import inspect
from typing import Any

import nn
from nn import datasets
from viz.plane import ALPHA, CLASS_COLOURS, FAINTEST
from viz.playground.api.fields import BadRequest

MAX_CLASSES = 5
"""The playground's classes: 2 to MAX_CLASSES (keys 1 to 5 choose the class a click adds)."""

CLASS_LOSS = "cross_entropy"
"""The loss of K > 2 classes: softmax cross-entropy on the K scores."""


def outputs(k: int) -> tuple[int, str]:
    """The output perceptrons of a model for ``k`` classes and their activation: one sigmoid
    for two classes, k linear scores (softmax is in the loss) for more."""
    return (1, "sigmoid") if k == 2 else (k, "linear")


def classes_of(n_outputs: int) -> int | None:
    """The classes a model with ``n_outputs`` outputs is for (None: no playground model)."""
    if n_outputs == 1:
        return 2
    return n_outputs if 3 <= n_outputs <= MAX_CLASSES else None


def settle(new: dict[str, Any], given: dict[str, Any], labels: list[int],
           fallback_loss: str, where: str) -> None:
    """Fit merged classification settings ``new`` (with the changes ``given``) to the
    classes, in place: cross-entropy for K > 2 (refusing a two-class loss asked for at the
    same time), ``fallback_loss`` when K drops to 2 (refusing cross-entropy asked for with
    two classes).  BadRequest if some of the points' ``labels`` have no class among the K."""
    k = new["classes"]
    if k > 2:
        if given.get("loss", CLASS_LOSS) != CLASS_LOSS:
            raise BadRequest(f"{where}.loss: {k} classes need one score per class and the "
                             f"softmax cross-entropy ({CLASS_LOSS}); {given['loss']} is for "
                             "two classes (one output)")
        new["loss"] = CLASS_LOSS
    elif new["loss"] == CLASS_LOSS:
        if "loss" in given:
            raise BadRequest(f"{where}.loss: {CLASS_LOSS} (softmax over one score per class) "
                             "is for 3 or more classes; with 2 classes the model has one "
                             "output: choose squared_error, mse or binary_cross_entropy, or "
                             "set classes to 3 or more")
        new["loss"] = fallback_loss
    beyond = [t for t in labels if t >= k]
    if beyond:
        named = ", ".join(map(str, sorted(set(beyond))))
        raise BadRequest(f"{where}.classes: with {k} classes (labels 0 to {k - 1}) "
                         f"{len(beyond):,} point(s) of class {named} would have no class; "
                         "remove those points first (or clear all, or load a preset), "
                         "nothing was changed")


def of_points(y: list[int]) -> int:
    """The classes a set of points brings (a CSV file): its highest label + 1, at least 2."""
    return max(2, max(y, default=0) + 1)


def take_points(session: Any, X: list[list[float]], y: list[Any]) -> None:
    """Give ``session`` (a :class:`viz.playground.training.session.Session`) the points of a
    file and the file's classes (:func:`of_points`): the model is rebuilt if K changes.
    Points of one input (a file of real-valued targets) switch the session to regression."""
    task = "regression" if X and len(X[0]) == 1 else "classification"
    if task != session.settings["task"]:
        session.apply({"task": task})
    if task == "regression":
        session.set_points(X, y)
        return
    k = of_points(y)
    if k > session.settings["classes"]:  # more classes first, so that every label fits
        session.apply({"classes": k})
        session.set_points(X, y)
        return
    session.set_points(X, y)
    if k != session.settings["classes"]:
        session.apply({"classes": k})


def takes_classes(name: str) -> bool:
    """Whether the preset ``name`` of ``nn.datasets`` draws K classes (``classes=``)."""
    return "classes" in inspect.signature(datasets.GENERATORS[name]).parameters


def preset(name: str, n: int, noise: float, seed: int, k: int) -> datasets.Points:
    """The preset's points: in ``k`` classes where the generator takes them, else two."""
    extra = {"classes": k} if takes_classes(name) else {}
    if extra and n < k:
        raise BadRequest(f"dataset.n must be at least {k} for {k} classes (one point of each), "
                         f"got {n}")
    return datasets.GENERATORS[name](n, noise=noise, seed=seed, **extra)


def read_outputs(outputs: list[float]) -> dict[str, Any]:
    """A traced point's outputs for the view: ``output`` h (one output; None for K),
    ``outputs`` (every output, the K scores s_k) and ``probabilities`` (softmax(s) for K
    outputs; None for one)."""
    if len(outputs) == 1:
        return {"output": outputs[0], "outputs": outputs, "probabilities": None}
    return {"output": None, "outputs": outputs, "probabilities": nn.softmax(outputs)}


def options() -> dict[str, Any]:
    """What the page needs to show K classes: the class colours of ``viz``'s figures
    (:data:`viz.plane.CLASS_COLOURS`, class 0 first), the regions' colour strengths of
    :func:`viz.plot_decision_boundary`, the losses of K > 2 and the presets drawing K."""
    return {"class_colours": list(CLASS_COLOURS[:MAX_CLASSES]),
            "regions": {"alpha": ALPHA, "faintest": FAINTEST},
            "class_losses": [CLASS_LOSS],
            "class_datasets": [name for name in datasets.GENERATORS if takes_classes(name)]}
