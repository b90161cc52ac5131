"""One browser tab's playground: data, settings, model and training.

A :class:`Session` changes only while its ``lock`` is held (a first-come,
first-served lock, :class:`viz.playground.turns.Turns`), so two requests of one tab
never interleave on its model.  A training request runs in slices of at most
:data:`SLICE_SECONDS`, taking the lock for each, so that the tab's other requests (a
view, a click) wait for one slice at most, never for the whole request; the slices of
all tabs take turns on :data:`ENGINE`, so that each training request gets its share.  At most
:data:`MAX_PENDING` requests of one session are running or waiting at once.  Tabs
train independently: the engine's ``no_grad`` switch belongs to the thread that flips
it.  What the page draws is :mod:`viz.playground.view`;
:class:`viz.playground.store.Store` keeps the sessions.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
import time
from collections.abc import Iterator
from typing import Any

from nn import DivergedError
from viz.playground import classes, features, models, split, updates, validate
from viz.playground.guard import Refused
from viz.playground.maps import Pictures
from viz.playground.training import Trainer
from viz.playground.turns import Turns
from viz.playground.validate import BadRequest

CURVE_POINTS = 400
"""The loss curve keeps at most about this many points (older ones thinned out)."""

CURVE_SECONDS = 0.01
"""While training, the loss curve gets a point after an epoch at most this often."""

SLICE_SECONDS = 0.025
"""A training request holds the engine and the session's lock for at most about this long
at a time."""

ENGINE = Turns()
"""The engine's turns: one training slice of any session at a time, first come, first
served.  Concurrent training requests thus take turns slice by slice, each training for
its whole ``max_seconds`` however many others run (they take longer, not train less), and
no thread holds Python's interpreter from another for long: the views and clicks of every
tab, which do not wait for this, go in between the slices."""

MAX_PENDING = 4
"""At most this many requests of one session are running or waiting for it at once."""


class Busy(Refused):
    """A session already has :data:`MAX_PENDING` requests running or waiting (429)."""

    def __init__(self, sid: str) -> None:
        super().__init__(429, f"session {sid} already has {MAX_PENDING} requests running or "
                              "waiting; send the next when one has been answered", "busy",
                         {"Retry-After": "1"})


class Diverged(Refused):
    """Training stopped (400, code ``diverged``): the next update would have left a weight
    that is not finite; every weight is that of the last finite update."""

    def __init__(self, reason: str) -> None:
        super().__init__(400, f"training stopped: {reason}", "diverged")


class Session:
    """A data set, settings, a model and its trainer; see the module text.

    ``X``, ``y`` are the points of the plane and their labels; ``test`` the indices of
    the points that test (see :mod:`viz.playground.split`).
    """

    def __init__(self, sid: str, state: dict[str, Any]) -> None:
        self.id = sid
        self.lock = Turns()
        self._pending = 0
        self._pending_lock = threading.Lock()
        self.settings: dict[str, Any] = state["settings"]
        self.X, self.y = state["X"], state["y"]
        self.selected: int | None = None
        self.version = 0
        self.kept: dict[str, Any] = {}  # what viz.playground.view keeps between reads
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
        self.model = model if model is not None else models.build(self.settings)
        self.pictures = Pictures(self.model, self.settings["features"])
        self.curve: list[list[float | None]] = []
        self._retrain(0)

    def apply(self, settings: dict[str, Any]) -> None:
        """Merge checked ``settings``; a change of the network rebuilds it (fresh weights),
        a change of training keeps the weights (a new loss or split restarts the curve)."""
        old = self.settings
        new = classes.settle(old, settings, self.y, validate.DEFAULTS["loss"])
        shape = ("model", "seed", "features", "classes") + (
            ("hidden", "activation") if new["model"] == "mlp" else ())
        self.settings = new
        if any(old[k] != new[k] for k in shape):
            self.rebuild()
            return
        if old["loss"] != new["loss"] or old["split"] != new["split"]:
            self.curve = []
        self._retrain(self.trainer.epochs)

    def set_points(self, X: list[list[float]], y: list[int]) -> None:
        """Replace the data (weights kept, loss curve restarted)."""
        self.X, self.y, self.selected, self.curve = X, y, None, []
        self._retrain(self.trainer.epochs)

    def generate(self, name: str, n: int, noise: float, seed: int) -> None:
        """Replace the data by a preset of ``nn.datasets`` (in the session's classes, where
        it draws K; see :func:`classes.preset`)."""
        X, y = classes.preset(name, n, noise, seed, self.settings["classes"])
        self.set_points([[round(a, 4), round(b, 4)] for a, b in X], y)

    def set_weight(self, name: str, value: float) -> None:
        """Give the weight ``name`` (a parameter name, e.g. ``w[in_x->1]``) a new value."""
        dict(self.model.named_parameters())[name].data = value
        self._changed()

    def train(self, request: dict[str, Any]) -> int:
        """Run the updates (or epochs) asked for within ``max_seconds`` of training, one
        slice at a time under :data:`ENGINE` and the lock; returns the updates run.  The
        time counted is the slices' own: neither the wait for a turn nor the view drawn
        afterwards is taken from it.  The caller does not hold the lock."""
        with self.lock:
            if not self.X:
                raise BadRequest("there are no points to train on; add points of both "
                                 "colours first")
            wanted = request.get("updates") or request["epochs"] * self.trainer.per_epoch
        ran, left = 0, request["max_seconds"]
        while ran < wanted and (ran == 0 or left > 0):
            with ENGINE, self.lock:
                started = time.perf_counter()
                ran += self._slice(wanted - ran, min(SLICE_SECONDS, left))
                left -= time.perf_counter() - started
        return ran

    def step(self) -> dict[str, Any]:
        """One update, described (see :func:`viz.playground.updates.one_update`); the caller
        holds the lock."""
        if not self.X:
            raise BadRequest("there are no points to train on; add points of both colours first")
        with self._stopping():
            done = updates.one_update(self.trainer, self.train_points, self.train_rows,
                                      self.settings)
        self._changed()
        return done

    def _slice(self, updates: int, seconds: float) -> int:
        """Up to ``updates`` updates within ``seconds`` (at least one), then measure."""
        last = [time.perf_counter()]

        def on_epoch() -> None:
            if time.perf_counter() - last[0] >= CURVE_SECONDS:
                self._measure()
                last[0] = time.perf_counter()

        with self._stopping():
            ran = self.trainer.run(updates, seconds, on_epoch)
        self._changed()
        return ran

    @contextlib.contextmanager
    def _stopping(self) -> Iterator[None]:
        """Updates that may diverge.  A step that would not be finite is not applied
        (:class:`nn.DivergedError`); and when the weights reached give a loss that is not
        finite (outputs that overflow, though every weight is finite), training goes back
        to where it stood before these updates.  Either way the request is refused with
        :class:`Diverged`, and the session is measured where it stays: its loss, trace and
        explanation are numbers again."""
        before = self.trainer.checkpoint()
        stopped = None
        try:
            yield
        except DivergedError as error:
            stopped = error
        self._changed()
        if not self._measured():
            stepper = self.trainer.stepper
            assert stepper is not None  # there are points
            stopped = stopped or stepper.diverged("the loss E is no longer a finite number")
            self.trainer.restore(before)
            self._changed()
            stopped = stopped.went_back(f"training went back to epoch {self.trainer.epoch:g}, "
                                        "the last point where the loss was finite")
        if stopped is not None:
            raise Diverged(stopped.reason)

    def _measured(self) -> bool:
        """Whether the losses on the points are finite numbers."""
        losses = [self.loss] + ([self.test_loss] if self.test else [])
        return all(E is not None and math.isfinite(E) for E in losses)

    def select(self, index: int | None) -> None:
        """Trace point ``index`` (None: no point) in the view and the diagram."""
        self.selected = index
        self.version += 1

    def adopt(self, text: str) -> None:
        """Load an uploaded model file (see :func:`models.adopt`)."""
        settings, model = models.adopt(text, self.settings, self.y)
        self.settings = settings
        self.rebuild(model)

    def _retrain(self, epochs: int) -> None:
        """A new trainer on the current data, split and training settings."""
        s = self.settings
        self.test = split.test_indices(self.X, self.y, s["split"], s["seed"])
        testing = set(self.test)
        rows = features.rows(self.X, s["features"])
        train = [k for k in range(len(rows)) if k not in testing]
        self.train_points, self.train_rows = train, [rows[k] for k in train]
        self.trainer = Trainer(self.model, s, [rows[k] for k in train],
                               [self.y[k] for k in train], epochs,
                               ([rows[k] for k in self.test], [self.y[k] for k in self.test]))
        self._changed()

    def _changed(self) -> None:
        """Weights or data moved: a new version, measured, the loss curve extended."""
        self.version += 1
        self._measure()

    def _measure(self) -> None:
        """Losses and accuracies now, and a point (epoch, loss, test loss) on the curve;
        all None when the network's outputs on the points are not finite numbers."""
        try:
            self.loss, self.accuracy = self.trainer.measure()
            self.test_loss, self.test_accuracy = self.trainer.measure_test()
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
        return {"format": validate.STATE_FORMAT, "version": 1, "settings": self.settings,
                "points": [[a, b, label] for (a, b), label in zip(self.X, self.y, strict=True)],
                "model": json.loads(self.model_file()), "epochs": self.trainer.epochs}

    def model_file(self) -> str:
        """The model as ``nn.load`` reads it."""
        return models.document(self.model)
