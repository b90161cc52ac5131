"""Input features beyond the plane's x and y: each an extra input node of the network.

A feature is computed from a point's (x, y) and fed to the network as one more input, so the
diagram shows it as an input node and its weights as edges: the tutorial's networks of any
feed-forward structure (section 3.1) with more than two inputs.  Features are named by their
formula on the plane's coordinates (``x^2``); the input node's name writes it on the model's own
input names (``in_x^2`` for the 2-5-1 network, whose inputs are ``in_x`` and ``in_y``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

PLANE_INPUTS = ["x", "y"]
"""Input names of the perceptron and MLP kinds: the plane's coordinates."""

TUTORIAL_INPUTS = ["in_x", "in_y"]
"""Input names of the tutorial's 2-5-1 network (docs/tutorial.md, section 3) and of the
learner's own network."""

FEATURES: dict[str, tuple[str, Callable[[float, float], float]]] = {
    "x^2": ("{x}^2", lambda x, y: x * x),
    "y^2": ("{y}^2", lambda x, y: y * y),
    "x*y": ("{x}*{y}", lambda x, y: x * y),
    "sin(x)": ("sin({x})", lambda x, y: math.sin(x)),
    "sin(y)": ("sin({y})", lambda x, y: math.sin(y)),
}
"""Each feature: the template of its input node's name, and its value from (x, y)."""


def input_names(base: Sequence[str], features: Sequence[str]) -> list[str]:
    """The model's inputs: ``base`` (its names of x and y), then one per feature."""
    x, y = base
    return [x, y] + [FEATURES[f][0].format(x=x, y=y) for f in features]


def from_names(names: Sequence[str]) -> list[str] | None:
    """The features of a model whose inputs are ``names``, or None if they are not two
    plane coordinates followed by features (in the order :data:`FEATURES` lists them)."""
    if len(names) < 2:
        return None
    known = {FEATURES[f][0].format(x=names[0], y=names[1]): f for f in FEATURES}
    found = [known[name] for name in names[2:] if name in known]
    if len(found) != len(names) - 2 or found != sorted(found, key=list(FEATURES).index) or \
            len(set(found)) != len(found):
        return None
    return found


def rows(X: Sequence[Sequence[float]], features: Sequence[str]) -> list[list[float]]:
    """Each point [x, y] with its feature values appended (the network's inputs)."""
    if not features:
        return [list(p) for p in X]
    make = [FEATURES[f][1] for f in features]
    return [[x, y, *(float(f(x, y)) for f in make)] for x, y in X]

