"""The task ``regression``: fitting a function y = f(x) to points (x, y) of the plane.

The ``task`` setting is ``classification`` (the tutorial's demos: points [x, y, label]) or
``regression``: 1-D data, points (x, y) with y a real-valued target, and every model kind
on one input (``x``, or ``in_x`` for the 2-5-1 network adapted to one input and the
learner's network) with one linear output h(x), g_o(s) = s, trained by default on the tutorial's
squared error E = sum (h - y)^2, whose output delta is delta_o = 2 (h - y) g_o'(s_o).
There are no classes (``classes`` stays 2 and is hidden), no input features (x alone)
and no accuracy (the loss measures the fit); the presets are :data:`nn.curves.CURVES`.

:func:`settle` applies these rules whenever settings are merged (a change asked for that
breaks one is refused, saying why); a change of task keeps each task's points apart
(:func:`swap`), so going back brings the other task's points back as they were.
"""

from __future__ import annotations

from typing import Any

from nn.curves import CURVES
from viz.playground.api.fields import BadRequest, choice, number
from viz.playground.models.features import FEATURES, TUTORIAL_INPUTS, input_names

TASKS = ("classification", "regression")
"""What the model learns: a class of each point of the plane, or a function y = f(x)."""

LOSSES = ("squared_error", "mse")
"""The losses of a real-valued target: the tutorial's sum of squares (1.3) and the 1/(2N) mean."""

LEARNING_RATES = {"classification": 0.5, "regression": 0.1}
"""Gradient descent's usual eta for each task: the tutorial's 0.5 for a sigmoid output, 0.1 for
a linear one (whose steps 2 (h - y) are not damped by sigma'(s) <= 1/4)."""

DEFAULT_LOSS = "squared_error"
"""Regression's loss unless the learner chooses mse: E = sum (h - y)^2."""


def active(settings: dict[str, Any]) -> bool:
    """Whether ``settings`` are for regression."""
    return bool(settings.get("task") == "regression")


def task(value: Any, where: str) -> str:
    """A checked task name."""
    return choice(value, where, TASKS)


def outputs(settings: dict[str, Any]) -> tuple[int, str]:
    """The output perceptrons and their activation g_o: one linear h(x) in regression,
    else those of the classes (:func:`viz.playground.models.k_classes.outputs`)."""
    from viz.playground.models import k_classes

    return (1, "linear") if active(settings) else k_classes.outputs(settings["classes"])


def inputs(settings: dict[str, Any], base: list[str]) -> list[str]:
    """The model's input names on the plane's ``base`` names of x and y: x alone in
    regression, else x, y and the features' inputs."""
    return [base[0]] if active(settings) else input_names(base, settings["features"])


def settle(new: dict[str, Any], given: dict[str, Any], switched: bool, where: str) -> bool:
    """Fit merged settings ``new`` to the task (in place) and say whether it is regression.

    In regression, classes, features or a classification loss asked for are refused with
    the reason; on a switch to regression the classes go back to 2, the features are
    dropped and the loss becomes :data:`DEFAULT_LOSS`; the learner's network loses the
    links from in_y and the features' inputs unless its edges are ``given``.  A task
    ``switched`` with gradient descent and no learning rate given takes the task's usual
    eta (:data:`LEARNING_RATES`)."""
    if switched and "lr" not in given and new["optimizer"] == "sgd":
        new["lr"] = LEARNING_RATES[new["task"]]
    if not active(new):
        return False
    if given.get("classes", 2) != 2:
        raise BadRequest(f"{where}.classes: regression fits one real-valued output h(x) to "
                         "the points' y; classes are for classification (set task to "
                         "classification first)")
    if given.get("features"):
        raise BadRequest(f"{where}.features: regression fits y = f(x) on the input x alone; "
                         "input features are for classification on the plane (x, y)")
    if "loss" in given and given["loss"] not in LOSSES:
        raise BadRequest(f"{where}.loss: {given['loss']} compares a probability with a class; "
                         "a real-valued target y needs squared_error (E = sum (h - y)^2) "
                         "or mse (E = 1/(2N) sum (h - y)^2)")
    new["classes"], new["features"] = 2, []
    if new["loss"] not in LOSSES:
        new["loss"] = DEFAULT_LOSS
    if "edges" not in given:
        kept = [link for link in new["edges"] if link[0] not in _plane_only()]
        new["edges"] = kept or [["in_x", "out"]]
    if switched and "activations" not in given:  # the network's output becomes linear h(x)
        read = {source for source, _ in new["edges"]}
        new["activations"] = {name: act for name, act in new["activations"].items()
                              if name in read}
    return True


def _plane_only() -> set[str]:
    """The learner's network's inputs that regression does not have (in_y, features)."""
    return set(input_names(TUTORIAL_INPUTS, list(FEATURES))) - {TUTORIAL_INPUTS[0]}


def points(value: Any, where: str) -> tuple[list[list[float]], list[float]]:
    """Regression points [x, y] (both in [-1, 1]) as rows [x] and targets y; the caller
    has checked ``value`` is a list of at most the session's most points."""
    X, y = [], []
    for i, p in enumerate(value):
        if not isinstance(p, list) or len(p) != 2:
            raise BadRequest(f"{where}[{i}] must be a pair [x, y] (regression: y is the "
                             f"target), got {p!r:.60}")
        X.append([number(p[0], f"{where}[{i}][0] (x)", -1.0, 1.0)])
        y.append(number(p[1], f"{where}[{i}][1] (y)", -1.0, 1.0))
    return X, y


def shown(X: list[list[float]], y: list[Any]) -> list[list[float]]:
    """The points as the view and the state give them: [x, y] (regression), [x, y, label]."""
    if X and len(X[0]) == 1:
        return [[p[0], t] for p, t in zip(X, y, strict=True)]
    return [[a, b, label] for (a, b), label in zip(X, y, strict=True)]


def preset(name: str, n: int, noise: float, seed: int,
           settings: dict[str, Any]) -> tuple[list[list[float]], list[float]]:
    """A regression preset's points, or BadRequest when the preset is not the task's."""
    if not active(settings):
        raise BadRequest(f"dataset.name: {name} draws points (x, y) of a function for "
                         "regression; set task to regression first")
    if name not in CURVES:
        raise BadRequest(f"dataset.name: {name} draws classes of points; in regression choose "
                         f"one of {', '.join(CURVES)} (or set task to classification)")
    X, y = CURVES[name](n, noise=noise, seed=seed)
    return [[round(p[0], 4)] for p in X], [round(t, 4) for t in y]


def swap(session: Any, old: dict[str, Any]) -> None:
    """After a change of task: keep the points of the task left, bring back the new task's
    (none the first time)."""
    shelf = session.kept.setdefault("task_points", {})
    shelf[old["task"]] = (session.X, session.y)
    session.X, session.y = shelf.pop(session.settings["task"], ([], []))
    session.selected = None
