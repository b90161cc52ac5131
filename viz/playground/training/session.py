"""One browser tab's playground: data, settings, model and training.

A :class:`Session` changes only while its ``lock`` is held (a first-come,
first-served lock, :class:`viz.playground.training.fair_lock.FairLock`), so two requests of one tab
never interleave on its model.  A training request runs in slices
(:mod:`viz.playground.training.time_slices`), taking the lock for each, so that the tab's other
requests (a view, a click) wait for one slice at most, never for the whole request.  At most
:data:`MAX_PENDING` requests of one session are running or waiting at once.  Tabs
train independently: the engine's ``no_grad`` switch belongs to the thread that flips
it.  What the page draws is :mod:`viz.playground.pictures.view`;
:class:`viz.playground.api.sessions.Store` keeps the sessions.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from typing import Any

from nn.curves import CURVES
from viz.playground.api import request_bodies
from viz.playground.api.fields import BadRequest
from viz.playground.models import choices, features, k_classes, kinds, regression, setting_rules
from viz.playground.pictures.plane_maps import Pictures
from viz.playground.pictures.regression_curves import Curves
from viz.playground.server.header_checks import Refused
from viz.playground.training import data_split, one_update, time_slices
from viz.playground.training.fair_lock import FairLock
from viz.playground.training.trainer import Trainer

CURVE_POINTS = 400
"""The loss curve keeps at most about this many points (older ones thinned out)."""

MAX_PENDING = 4
"""At most this many requests of one session are running or waiting for it at once."""


class Busy(Refused):
    """A session already has :data:`MAX_PENDING` requests running or waiting (429)."""

    def __init__(self, sid: str) -> None:
        super().__init__(429, f"session {sid} already has {MAX_PENDING} requests running or "
                              "waiting; send the next when one has been answered", "busy",
                         {"Retry-After": "1"})


class Session:
    """A data set, settings, a model and its trainer; see the module text.

    ``X``, ``y`` are the points of the plane and their labels; ``test`` the indices of
    the points that test (see :mod:`viz.playground.training.data_split`).
    """

    def __init__(self, sid: str, state: dict[str, Any]) -> None:
        self.id = sid
        self.lock = FairLock()
        self._pending = 0
        self._pending_lock = threading.Lock()
        self.settings: dict[str, Any] = state["settings"]
        self.X, self.y = state["X"], state["y"]
        self.selected: int | None = None
        self.version = 0
        self.kept: dict[str, Any] = {}  # what view keeps between reads, the other task's points
        if "model" in state:  # a page bringing back its session: its weights
            self.adopt(json.dumps(state["model"]))
        else:
            self.rebuild()
        if state.get("epochs"):
            self._retrain(state["epochs"])

    @contextlib.contextmanager
    def admitted(self) -> Iterator[None]:
        """Count a request as pending; :class:`Busy` if too many already are."""
        with self._pending_lock:
            if self._pending >= MAX_PENDING:
                raise Busy(self.id)
            self._pending += 1
        try:
            yield
        finally:
            with self._pending_lock:
                self._pending -= 1

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """A pending request's turn on this session (:meth:`admitted`, then ``lock``)."""
        with self.admitted(), self.lock:
            yield

    # -- changes (the caller holds the lock, except in train) ---------------------------

    def rebuild(self, model: Any = None) -> None:
        """A new model (fresh weights from the seed, or ``model``): epoch 0, empty loss curve."""
        self.model = model if model is not None else kinds.build(self.settings)
        self.pictures: Pictures | Curves = (
            Curves(self.model) if regression.active(self.settings)
            else Pictures(self.model, self.settings["features"]))
        self.curve: list[list[float | None]] = []
        self._retrain(0)

    def apply(self, settings: dict[str, Any]) -> None:
        """Merge checked ``settings``; a change of the network rebuilds it (fresh weights),
        a change of training keeps the weights (a new loss or split restarts the curve)."""
        old = self.settings
        new = setting_rules.settle(old, settings, self.y, choices.DEFAULTS["loss"])
        shape = ("model", "seed", "features", "classes", "task") + (
            ("hidden", "activation") if new["model"] == "mlp" else ()) + (
            ("edges", "activations") if new["model"] == "network" else ())
        self.settings = new
        if old["task"] != new["task"]:
            regression.swap(self, old)
        if any(old[k] != new[k] for k in shape):
            self.rebuild()
            return
        if old["loss"] != new["loss"] or old["split"] != new["split"]:
            self.curve = []
        self._retrain(self.trainer.epochs)

    def set_points(self, X: list[list[float]], y: list[Any]) -> None:
        """Replace the data (weights kept, loss curve restarted)."""
        self.X, self.y, self.selected, self.curve = X, y, None, []
        self._retrain(self.trainer.epochs)

    def generate(self, name: str, n: int, noise: float, seed: int) -> None:
        """Replace the data by a preset of ``nn.datasets`` (in the session's classes, where
        it draws K; see :func:`k_classes.preset`)."""
        if regression.active(self.settings) or name in CURVES:
            self.set_points(*regression.preset(name, n, noise, seed, self.settings))
            return
        X, y = k_classes.preset(name, n, noise, seed, self.settings["classes"])
        self.set_points([[round(a, 4), round(b, 4)] for a, b in X], y)

    def set_weight(self, name: str, value: float) -> None:
        """Give the weight ``name`` (a parameter name, e.g. ``w[in_x->1]``) a new value."""
        dict(self.model.named_parameters())[name].data = value
        self.changed()

    def train(self, request: dict[str, Any]) -> int:
        """Run the updates (or epochs) asked for, within ``max_seconds`` of training
        (:func:`viz.playground.training.time_slices.train`); the caller does not hold the lock."""
        return time_slices.train(self, request)

    def step(self) -> dict[str, Any]:
        """One update, described (see :func:`viz.playground.training.one_update.one_update`);
        the caller holds the lock."""
        if not self.X:
            raise BadRequest("there are no points to train on; add points of both colours first")
        with time_slices.stopping(self):  # measures the session after it
            return one_update.one_update(self.trainer, self.train_points, self.train_rows,
                                         self.settings)

    def select(self, index: int | None) -> None:
        """Trace point ``index`` (None: no point) in the view and the diagram."""
        self.selected = index
        self.version += 1

    def adopt(self, text: str) -> None:
        """Load an uploaded model file (see :func:`kinds.adopt`)."""
        settings, model = kinds.adopt(text, self.settings, self.y)
        old, self.settings = self.settings, settings
        if old["task"] != settings["task"]:
            regression.swap(self, old)
        self.rebuild(model)

    def _retrain(self, epochs: int) -> None:
        """A new trainer on the current data, split and training settings."""
        s = self.settings
        self.test = data_split.test_indices(self.X, self.y, s["split"], s["seed"])
        testing = set(self.test)
        rows = features.rows(self.X, s["features"])
        train = [k for k in range(len(rows)) if k not in testing]
        self.train_points, self.train_rows = train, [rows[k] for k in train]
        self.trainer = Trainer(self.model, s, [rows[k] for k in train],
                               [self.y[k] for k in train], epochs,
                               ([rows[k] for k in self.test], [self.y[k] for k in self.test]))
        self.changed()

    def changed(self) -> None:
        """Weights or data moved: a new version, measured, the loss curve extended."""
        self.version += 1
        self.measure()

    def measure(self) -> None:
        """Losses and accuracies now, and a point (epoch, loss, test loss) on the curve;
        all None when the network's outputs on the points are not finite numbers."""
        try:
            self.loss, self.accuracy = self.trainer.measure()
            self.test_loss, self.test_accuracy = self.trainer.measure_test()
            if regression.active(self.settings):  # no classes: the loss alone measures
                self.accuracy = self.test_accuracy = None
        except (ValueError, OverflowError, ZeroDivisionError):  # DivergedError included
            self.loss = self.accuracy = self.test_loss = self.test_accuracy = None
            return
        epoch = round(self.trainer.epoch, 4)
        point = [epoch, self.loss, self.test_loss]
        if self.loss is None or (self.curve and self.curve[-1] == point):
            return
        self.curve.append(point)
        if len(self.curve) > CURVE_POINTS:
            self.curve = self.curve[:-1:2] + self.curve[-1:]

    # -- what the page reads --------------------------------------------------------------

    def inputs(self, point: list[float]) -> list[float]:
        """The model's inputs for a point of the plane: x, y and the features."""
        return features.rows([point], self.settings["features"])[0]

    def state(self) -> dict[str, Any]:
        """The saved state: data, settings, the weights (a model file) and the epochs done."""
        return {"format": request_bodies.STATE_FORMAT, "version": 1, "settings": self.settings,
                "points": regression.shown(self.X, self.y),
                "model": json.loads(self.model_file()), "epochs": self.trainer.epochs}

    def model_file(self) -> str:
        """The model as ``nn.load`` reads it."""
        return kinds.document(self.model)
