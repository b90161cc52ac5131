"""One browser tab's playground: data, settings, model and training, and what the page draws.

A :class:`Session` is used only through its methods, each called in its turn
(:meth:`Session.turn`, holding ``session.lock``), so two requests of one tab never
interleave on its model.  Tabs train independently: the engine's ``no_grad`` switch
belongs to the thread that flips it, so one tab's measuring does not stop another
tab's graph from being recorded.  Each request is bounded by its time budget, and at
most :data:`MAX_PENDING` requests of one session are running or waiting at once.
:class:`viz.playground.store.Store` keeps the sessions.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from html import escape
from typing import Any

from nn import datasets
from viz.network import draw_network
from viz.playground import models, validate
from viz.playground.guard import Refused
from viz.playground.training import Trainer
from viz.playground.validate import BadRequest
from viz.save import render

HEATMAP_SIZE = 40
"""The plane's heatmap is h(x) on HEATMAP_SIZE x HEATMAP_SIZE cell centres."""

GRID = [[-1 + (2 * i + 1) / HEATMAP_SIZE, 1 - (2 * j + 1) / HEATMAP_SIZE]
        for j in range(HEATMAP_SIZE) for i in range(HEATMAP_SIZE)]
"""Cell centres row by row from the top (y = 1) down, each row from x = -1 to 1."""

CURVE_POINTS = 400
"""The loss curve keeps at most about this many points (older ones thinned out)."""

CURVE_SECONDS = 0.01
"""While training, the loss curve gets a point after an epoch at most this often."""

MAX_DIAGRAM_WEIGHTS = 400
"""Larger networks are not drawn: graphviz would take seconds and the figure be unreadable."""

MAX_PENDING = 4
"""At most this many requests of one session are running or waiting for it at once."""


class Busy(Refused):
    """A session already has :data:`MAX_PENDING` requests running or waiting (429)."""

    def __init__(self, sid: str) -> None:
        super().__init__(429, f"session {sid} already has {MAX_PENDING} requests running or "
                              "waiting; send the next when one has been answered", "busy",
                         {"Retry-After": "1"})


class Session:
    """A data set, settings, a model and its trainer; see the module text."""

    def __init__(self, sid: str, state: dict[str, Any]) -> None:
        self.id = sid
        self.lock = threading.Lock()
        self._pending = 0
        self._pending_lock = threading.Lock()
        self.settings: dict[str, Any] = state["settings"]
        self.X, self.y = state["X"], state["y"]
        self.selected: int | None = None
        self.version = 0
        self._svg: tuple[int, str] = (-1, "")
        if "model" in state:  # a page bringing back its session: its weights
            self.adopt(json.dumps(state["model"]))
        else:
            self.rebuild()
        if state.get("epochs"):
            self._retrain(state["epochs"])

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for this session (``lock``); :class:`Busy` if too many requests already wait."""
        with self._pending_lock:
            if self._pending >= MAX_PENDING:
                raise Busy(self.id)
            self._pending += 1
        try:
            with self.lock:
                yield
        finally:
            with self._pending_lock:
                self._pending -= 1

    # -- changes ------------------------------------------------------------------------

    def rebuild(self, model: Any = None) -> None:
        """A new model (fresh weights from the seed, or ``model``): epoch 0, empty loss curve."""
        self.model = model if model is not None else models.build(self.settings)
        self.trainer = Trainer(self.model, self.settings, self.X, self.y)
        self.curve: list[list[float]] = []
        self._changed()

    def apply(self, settings: dict[str, Any]) -> None:
        """Merge checked ``settings``; a change of the network rebuilds it (fresh weights),
        a change of training keeps the weights (and a new loss restarts the loss curve)."""
        old, new = self.settings, {**self.settings, **settings}
        shape = ("model", "seed") + (("hidden", "activation") if new["model"] == "mlp" else ())
        self.settings = new
        if any(old[k] != new[k] for k in shape):
            self.rebuild()
            return
        if old["loss"] != new["loss"]:
            self.curve = []
        self._retrain(self.trainer.epochs)

    def set_points(self, X: list[list[float]], y: list[int]) -> None:
        """Replace the data (weights kept, loss curve restarted)."""
        self.X, self.y, self.selected, self.curve = X, y, None, []
        self._retrain(self.trainer.epochs)

    def generate(self, name: str, n: int, noise: float, seed: int) -> None:
        """Replace the data by a preset of ``nn.datasets``."""
        X, y = datasets.GENERATORS[name](n, noise=noise, seed=seed)
        self.set_points([[round(a, 4), round(b, 4)] for a, b in X], y)

    def train(self, request: dict[str, Any]) -> int:
        """Run the updates (or epochs) asked for, within ``max_seconds``; returns updates run."""
        if not self.X:
            raise BadRequest("there are no points to train on; add points of both colours first")
        wanted = request.get("updates") or request["epochs"] * self.trainer.per_epoch
        last = [time.perf_counter()]

        def on_epoch() -> None:
            if time.perf_counter() - last[0] >= CURVE_SECONDS:
                self._measure()
                last[0] = time.perf_counter()

        try:
            ran = self.trainer.run(wanted, request["max_seconds"], on_epoch)
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            raise BadRequest(f"training stopped: {error}; lower the learning rate and press "
                             "reset") from None
        self._changed()
        return ran

    def select(self, index: int | None) -> None:
        """Trace point ``index`` (None: no point) in the view and the diagram."""
        self.selected = index
        self.version += 1

    def adopt(self, text: str) -> None:
        """Load an uploaded model file (see :func:`models.adopt`)."""
        settings, model = models.adopt(text, self.settings)
        self.settings = settings
        self.rebuild(model)

    def _retrain(self, epochs: int) -> None:
        self.trainer = Trainer(self.model, self.settings, self.X, self.y, epochs)
        self._changed()

    def _changed(self) -> None:
        """Weights or data moved: measure, extend the loss curve, invalidate the diagram."""
        self.version += 1
        self._measure()

    def _measure(self) -> None:
        """Loss and accuracy now, and a point (epoch, loss) at the end of the loss curve."""
        self.loss, self.accuracy = self.trainer.measure()
        epoch = round(self.trainer.epoch, 4)
        if self.loss is None or (self.curve and self.curve[-1] == [epoch, self.loss]):
            return
        self.curve.append([epoch, self.loss])
        if len(self.curve) > CURVE_POINTS:
            self.curve = self.curve[:-1:2] + self.curve[-1:]

    # -- what the page reads ------------------------------------------------------------

    def view(self) -> dict[str, Any]:
        """Everything the page draws, as JSON-ready data."""
        return {
            "id": self.id, "version": self.version, "settings": self.settings,
            "points": [[a, b, label] for (a, b), label in zip(self.X, self.y, strict=True)],
            "epoch": self.trainer.epoch, "epochs": self.trainer.epochs,
            "updates_per_epoch": self.trainer.per_epoch,
            "loss": self.loss, "accuracy": self.accuracy, "curve": self.curve,
            "heatmap": {"size": HEATMAP_SIZE,
                        "values": [round(h, 4) for h in self.trainer.outputs(GRID)]},
            "weights": len(self.model.parameters()), "selected": self.selected,
            "trace": self._trace(),
        }

    def _trace(self) -> dict[str, Any] | None:
        """s_j, z_j, delta_j of every perceptron and dE/dw of every weight (selected point)."""
        if self.selected is None:
            return None
        x, target = self.X[self.selected], self.y[self.selected]
        t = self.model.trace(x, target, loss=self.settings["loss"])
        units = [{"name": u.name, "activation": u.activation, "s": t.s[u.name],
                  "z": t.z[u.name], "delta": t.delta[u.name], "bias": u.bias.data,
                  "bias_grad": t.bias_grads[u.name]} for u in self.model.units()]
        edges = [{"from": src, "to": u.name, "weight": w.data,
                  "grad": t.weight_grads[(src, u.name)]}
                 for u in self.model.units() for src, w in u.weights]
        return {"index": self.selected, "input": x, "target": target, "output": t.outputs[0],
                "loss": t.loss, "units": units, "edges": edges}

    def diagram(self) -> str:
        """The network diagram (graphviz SVG) with live weights, and the selected point's pass."""
        if self._svg[0] == self.version:
            return self._svg[1]
        n = len(self.model.parameters())
        if n > MAX_DIAGRAM_WEIGHTS:
            svg = _note(f"{n:,} weights: too many to draw (at most {MAX_DIAGRAM_WEIGHTS})")
        else:
            sample = None if self.selected is None else self.X[self.selected]
            target = None if sample is None else self.y[self.selected]
            diagram = draw_network(self.model, sample, target, loss=self.settings["loss"])
            svg = render(diagram, "svg").decode("utf-8")
        self._svg = (self.version, svg)
        return svg

    def state(self) -> dict[str, Any]:
        """The saved state: data and settings (the seed fixes the initial weights)."""
        return {"format": validate.STATE_FORMAT, "version": 1, "settings": self.settings,
                "points": self.view()["points"]}

    def model_file(self) -> str:
        """The model as ``nn.load`` reads it."""
        return models.document(self.model)

    def csv(self) -> str:
        """The data as ``nn.datasets.read_csv`` reads it (x,y,label)."""
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "data.csv")
            datasets.write_csv(path, self.X, self.y)
            with open(path, encoding="utf-8") as f:
                return f.read()


def _note(text: str) -> str:
    """A small SVG holding one line of text, in place of a diagram."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40">'
            f'<text x="10" y="25" font-family="Helvetica" font-size="14">{escape(text)}</text>'
            "</svg>")
