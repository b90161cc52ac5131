"""Checks of the request bodies: types, ranges and sizes, with messages that say what is wrong.

The settings' own checks are :mod:`viz.playground.models.choices`'; the explain panel, the
learner's lab and the expression lab check their bodies beside their answers.  Every
request body is JSON; each check below either returns the cleaned value or
raises :class:`BadRequest`, whose message names the field (``settings.lr``,
``points[3][2]``, ...), what was expected and what came.  The server answers it
with status 400 and keeps serving.  Nothing a user sends is ever run as code: the
values only select among fixed choices or become numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nn.datasets import CURVES, GENERATORS
from viz.playground.api.fields import BadRequest, choice, fields, integer, kind, number
from viz.playground.models import regression
from viz.playground.models.choices import DEFAULTS, MAX_POINTS, settings
from viz.playground.models.setting_rules import settle

MAX_WEIGHT = 1000.0
"""A weight typed in by hand must lie in [-MAX_WEIGHT, MAX_WEIGHT]."""

MAX_BODY_BYTES = 1_000_000
"""A request body larger than this is refused before it is read."""

STATE_FORMAT = "autograd-dag playground state"
"""The ``format`` field of a saved playground state (data, settings, seed)."""


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
    checked: dict[str, Any] = {"settings": merged, "X": X, "y": y}
    if "model" in given:
        if not isinstance(given["model"], Mapping):
            raise BadRequest(f"state.model must be a model file (a JSON object), got "
                             f"{kind(given['model'])}")
        checked["model"] = given["model"]
    if "epochs" in given:
        checked["epochs"] = integer(given["epochs"], "state.epochs", 0, 10**9)
    return checked
