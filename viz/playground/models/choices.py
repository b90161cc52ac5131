"""The settings a session may have: each one's choices or range, the defaults, the check.

:func:`settings` checks a (possibly partial) settings body key by key, each value against
its choices or range, and raises :class:`BadRequest` naming the field (``settings.lr``);
how the settings fit together is :mod:`viz.playground.models.setting_rules`'.
"""

from __future__ import annotations

from typing import Any

from nn.activations import ACTIVATIONS
from viz.playground.api.fields import BadRequest, choice, fields, integer, kind, number
from viz.playground.models import own_network, regression
from viz.playground.models.features import FEATURES
from viz.playground.models.k_classes import MAX_CLASSES

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

MODELS = ("perceptron", "tutorial", "mlp", "network")
"""The model kinds: the tutorial's single perceptron (section 2), its 2-5-1 network (3), an MLP,
the learner's own network (:mod:`.own_network`)."""

LOSSES = ("squared_error", "mse", "binary_cross_entropy", "cross_entropy")
"""The losses offered: the tutorial's sum of squares (1.3), the 1/(2N) mean, cross-entropy
(two classes); softmax cross-entropy (3 or more classes, see :mod:`.k_classes`)."""

OPTIMIZERS = ("sgd", "adam")
"""Plain (momentum) gradient descent, or Adam."""

MODES = ("batch", "sequential")
"""The tutorial's batch updates (section 1.3: one per epoch) or sequential ones (one per
example)."""

DEFAULTS: dict[str, Any] = {
    "model": "tutorial", "hidden": [5], "activation": "tanh", "loss": "squared_error",
    "lr": 0.5, "mode": "sequential", "optimizer": "sgd", "momentum": 0.0, "seed": 1,
    "features": [], "l2": 0.0, "batch_size": None, "split": 0.5, "classes": 2,
    "edges": own_network.EDGES, "activations": own_network.ACTIVATIONS_DEFAULT,
    "task": "classification",
}
"""The settings of a new session: the tutorial's recipe of section 3 (2-5-1, sequential,
eta = 0.5), no extra input features, no L2 term, batches of the whole training set, and half of the
points training (the other half testing), two classes (red and blue): classification
(``task`` regression fits y = f(x) instead, see :mod:`viz.playground.models.regression`)."""


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
