"""Checks of all the page sends: types, ranges and sizes, with messages that say what is wrong.

Every request body is JSON; each check below either returns the cleaned value or
raises :class:`BadRequest`, whose message names the field (``settings.lr``,
``points[3][2]``, ...), what was expected and what came.  The server answers it
with status 400 and keeps serving.  Nothing a user sends is ever run as code: the
values only select among fixed choices or become numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nn.activations import ACTIVATIONS
from nn.datasets import CURVES, GENERATORS
from viz.playground.api.fields import BadRequest, choice, fields, integer, kind, number, parse
from viz.playground.models import own_network, regression
from viz.playground.models.features import FEATURES
from viz.playground.models.k_classes import MAX_CLASSES
from viz.playground.models.setting_rules import settle

__all__ = ["BadRequest", "parse", "fields", "settings", "points", "dataset", "train",
           "selection", "weight", "upload", "state"]

MAX_POINTS = 2000
"""At most this many data points in a session."""

MAX_HIDDEN_LAYERS = 6
"""At most this many hidden layers in an MLP."""

MAX_WIDTH = 32
"""At most this many perceptrons in one hidden layer."""

LR_RANGE = (1e-4, 10.0)
"""The learning rate eta must lie in this closed range."""

L2_RANGE = (0.0, 10.0)
"""The L2 rate lambda of E = loss + lambda sum w^2 must lie in this closed range."""

SPLIT_RANGE = (0.1, 1.0)
"""The share of the points that trains (the rest tests) must lie in this closed range."""

MAX_WEIGHT = 1000.0
"""A weight typed in by hand must lie in [-MAX_WEIGHT, MAX_WEIGHT]."""

MAX_BODY_BYTES = 1_000_000
"""A request body larger than this is refused before it is read."""

MODELS = ("perceptron", "tutorial", "mlp", "network")
"""The model kinds: the seed's single perceptron (demo 1), its 2-5-1 network (demo 2), an MLP,
the learner's own network (:mod:`viz.playground.models.own_network`)."""

LOSSES = ("squared_error", "mse", "binary_cross_entropy", "cross_entropy")
"""The losses offered: 000's sum of squares, 001's 1/(2N) mean, cross-entropy (two classes);
softmax cross-entropy (3 or more classes, see :mod:`viz.playground.models.k_classes`)."""

OPTIMIZERS = ("sgd", "adam")
"""Plain (momentum) gradient descent, or Adam."""

MODES = ("batch", "sequential")
"""000 section 4's batch updates (one per epoch) or sequential ones (one per example)."""

DEFAULTS: dict[str, Any] = {
    "model": "tutorial", "hidden": [5], "activation": "tanh", "loss": "squared_error",
    "lr": 0.5, "mode": "sequential", "optimizer": "sgd", "momentum": 0.0, "seed": 1,
    "features": [], "l2": 0.0, "batch_size": None, "split": 0.5, "classes": 2,
    "edges": own_network.EDGES, "activations": own_network.ACTIVATIONS_DEFAULT,
    "task": "classification",
}
"""The settings of a new session: 000 section 4.1's recipe (2-5-1, sequential, eta = 0.5),
no extra input features, no L2 term, batches of the whole training set, and half of the
points training (the other half testing), two classes (red and blue): classification
(``task`` regression fits y = f(x) instead, see :mod:`viz.playground.models.regression`)."""

STATE_FORMAT = "autograd-dag playground state"
"""The ``format`` field of a saved playground state (data, settings, seed)."""


def settings(body: Any, where: str = "settings") -> dict[str, Any]:
    """Checked (possibly partial) settings: only the keys given, each in its range."""
    given = fields(body, where, (), tuple(DEFAULTS))
    checks = {
        "model": lambda v, w: choice(v, w, MODELS),
        "hidden": hidden,
        "activation": lambda v, w: choice(v, w, tuple(ACTIVATIONS)),
        "loss": lambda v, w: choice(v, w, LOSSES),
        "lr": lambda v, w: number(v, w, *LR_RANGE),
        "mode": lambda v, w: choice(v, w, MODES),
        "optimizer": lambda v, w: choice(v, w, OPTIMIZERS),
        "momentum": lambda v, w: number(v, w, 0.0, 0.99),
        "seed": lambda v, w: integer(v, w, 0, 2**31 - 1),
        "features": features,
        "l2": lambda v, w: number(v, w, *L2_RANGE),
        "batch_size": lambda v, w: None if v is None else integer(v, w, 1, MAX_POINTS),
        "split": lambda v, w: number(v, w, *SPLIT_RANGE),
        "classes": lambda v, w: integer(v, w, 2, MAX_CLASSES),
        "edges": own_network.edges, "activations": own_network.activations, "task": regression.task,
    }
    return {key: checks[key](value, f"{where}.{key}") for key, value in given.items()}


def hidden(value: Any, where: str) -> list[int]:
    """The widths of an MLP's hidden layers: 1 to 6 layers of 1 to 32 perceptrons."""
    if not isinstance(value, list):
        shown = f'the text "{value:.40}"' if isinstance(value, str) else kind(value)
        raise BadRequest(f"{where} must be a list of layer widths such as [4, 4] (the "
                         f"sizes of the hidden layers, in order), got {shown}")
    if not 1 <= len(value) <= MAX_HIDDEN_LAYERS:
        raise BadRequest(f"{where} must hold 1 to {MAX_HIDDEN_LAYERS} hidden layers, "
                         f"got {len(value)}")
    return [integer(w, f"{where}[{k}]", 1, MAX_WIDTH) for k, w in enumerate(value)]


def features(value: Any, where: str) -> list[str]:
    """Distinct names of :data:`FEATURES`, returned in the order that lists them."""
    if not isinstance(value, list):
        raise BadRequest(f"{where} must be a list of feature names such as [\"x^2\"], "
                         f"got {kind(value)}")
    for k, name in enumerate(value):
        if not isinstance(name, str) or name not in FEATURES:
            shown = name if isinstance(name, str) else kind(name)
            raise BadRequest(f"{where}[{k}] must be one of {', '.join(FEATURES)}; "
                             f"got {shown!r:.40}")
    if len(set(value)) != len(value):
        raise BadRequest(f"{where} names a feature twice: {value!r:.80}")
    return [name for name in FEATURES if name in value]


def points(value: Any, where: str = "points", classes: int = 2,
           task: str = "classification") -> tuple[list[list[float]], list[Any]]:
    """At most 2,000 points [x, y, label] with x, y in [-1, 1] and label a class 0 to
    ``classes`` - 1 (0 red, 1 blue, ...); in regression pairs [x, y], y the target
    (:func:`viz.playground.models.regression.points`: rows [x] and targets)."""
    shape = "[x, y] pairs" if task == "regression" else "[x, y, label] triples"
    if not isinstance(value, list):
        raise BadRequest(f"{where} must be a list of {shape}, got {kind(value)}")
    if len(value) > MAX_POINTS:
        raise BadRequest(f"{where} holds {len(value):,} points; at most {MAX_POINTS:,} "
                         "are allowed")
    if task == "regression":
        return regression.points(value, where)
    X, y = [], []
    for i, p in enumerate(value):
        if not isinstance(p, list) or len(p) != 3:
            raise BadRequest(f"{where}[{i}] must be a triple [x, y, label], got {kind(p)} "
                             f"{p!r:.60}")
        X.append([number(p[0], f"{where}[{i}][0] (x)", -1.0, 1.0),
                  number(p[1], f"{where}[{i}][1] (y)", -1.0, 1.0)])
        y.append(integer(p[2], f"{where}[{i}][2] (label)", 0, classes - 1))
    return X, y


def dataset(body: Any) -> dict[str, Any]:
    """A preset request: ``name`` of ``nn.datasets`` (``GENERATORS``, or ``CURVES`` in
    regression), ``n`` points, ``noise``, ``seed``."""
    given = fields(body, "dataset", ("name",), ("n", "noise", "seed"))
    return {"name": choice(given["name"], "dataset.name", (*GENERATORS, *CURVES)),
            "n": integer(given.get("n", 100), "dataset.n", 2, MAX_POINTS),
            "noise": number(given.get("noise", 0.0), "dataset.noise", 0.0, 1.0),
            "seed": integer(given.get("seed", 0), "dataset.seed", 0, 2**31 - 1)}


def train(body: Any) -> dict[str, Any]:
    """A training request: ``epochs`` or ``updates`` (exactly one), and ``max_seconds``."""
    given = fields(body, "train", (), ("epochs", "updates", "max_seconds"))
    if ("epochs" in given) == ("updates" in given):
        raise BadRequest("train needs exactly one of epochs (whole passes over the data) "
                         "or updates (single optimiser steps)")
    checked = {"max_seconds": number(given.get("max_seconds", 0.25), "train.max_seconds",
                                     0.01, 5.0)}
    if "epochs" in given:
        checked["epochs"] = integer(given["epochs"], "train.epochs", 1, 100_000)
    else:
        checked["updates"] = integer(given["updates"], "train.updates", 1, 1_000_000)
    return checked


def selection(body: Any, n_points: int) -> int | None:
    """The index of the point to trace, or None to clear the selection."""
    index = fields(body, "select", ("index",))["index"]
    if index is None:
        return None
    if n_points == 0:
        raise BadRequest("select.index: there are no points to select")
    return integer(index, "select.index", 0, n_points - 1)


def weight(body: Any, names: list[str]) -> tuple[str, float]:
    """A weight typed in: ``name`` (one of the model's parameters) and its new ``value``."""
    given = fields(body, "weight", ("name", "value"))
    name = given["name"]
    if not isinstance(name, str) or name not in names:
        shown = name if isinstance(name, str) else kind(name)
        raise BadRequest(f"weight.name must name a weight of the model, such as "
                         f"{', '.join(names[:3])}; got {shown!r:.60}")
    return name, number(given["value"], "weight.value", -MAX_WEIGHT, MAX_WEIGHT)


def upload(body: Any) -> tuple[str, str]:
    """A CSV file's ``text`` and its ``name`` (default ``data.csv``), as the page read it."""
    given = fields(body, "csv", ("text",), ("name",))
    if not isinstance(given["text"], str):
        raise BadRequest(f"csv.text must be the file's text (a string), got "
                         f"{kind(given['text'])}")
    name = given.get("name", "data.csv")
    if not isinstance(name, str) or not 1 <= len(name) <= 200:
        raise BadRequest("csv.name must be the file's name, a string of 1 to 200 characters")
    return given["text"], name


def state(body: Any) -> dict[str, Any]:
    """A saved state (or the body of a new session): ``settings`` and ``points``, both optional.

    A page bringing back a session that is gone also sends its ``model`` (the model
    file, checked when it is loaded) and the ``epochs`` it had done.
    """
    given = fields(body, "state", (), ("format", "version", "settings", "points", "model",
                                       "epochs"))
    if "format" in given and given["format"] != STATE_FORMAT:
        raise BadRequest(f"state.format must be {STATE_FORMAT!r}, got {given['format']!r:.60}")
    if "version" in given:
        integer(given["version"], "state.version", 1, 1)
    merged = settle(DEFAULTS, settings(given.get("settings", {}), "state.settings"), [],
                    DEFAULTS["loss"], "state.settings")
    X, y = points(given.get("points", []), "state.points", merged["classes"], merged["task"])
    checked = {"settings": merged, "X": X, "y": y}
    if "model" in given:
        if not isinstance(given["model"], Mapping):
            raise BadRequest(f"state.model must be a model file (a JSON object), got "
                             f"{kind(given['model'])}")
        checked["model"] = given["model"]
    if "epochs" in given:
        checked["epochs"] = integer(given["epochs"], "state.epochs", 0, 10**9)
    return checked


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
