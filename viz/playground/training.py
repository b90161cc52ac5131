"""Training in small, interruptible pieces: single updates of 000 section 4, under a time budget.

``nn.fit`` runs whole epochs; the page needs one update at a time ("step"), and runs
that stop after a fraction of a second so that the plane is redrawn several times a
second however large the network.  Each update is the engine's own backpropagation:

- batch mode: one update per epoch, w := w - eta sum_i dE_i/dw over every point;
- sequential mode: one update per point, w := w - eta dE_i/dw, the points visited in
  a new order every epoch (drawn from ``random.Random(seed)``, so runs repeat).

Updates go through a compiled replay (``autograd.compile``) whenever ``fit`` would
take one (:func:`nn.compiled.for_fit`: same gradients as ``E.backward()`` on the full
graph, much faster), else through the scalar engine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import nn
from autograd import no_grad
from nn import losses
from nn.compiled import for_fit
from nn.optim import SGD, Adam
from nn.train import accuracy, update

THRESHOLD = 0.5
"""Class boundary of the sigmoid output h: blue when h > 0.5."""


class Trainer:
    """Updates of one model on one data set with one set of training settings.

    ``epochs`` counts the whole passes done; ``position`` is the number of updates
    done in the current pass (always 0 in batch mode).
    """

    def __init__(self, model: nn.Module, settings: dict[str, Any], X: list[list[float]],
                 y: list[int], epochs: int = 0) -> None:
        self.model, self.X, self.y = model, X, y
        self.loss = losses.get(settings["loss"])
        self.sequential = settings["mode"] == "sequential"
        params = model.parameters()
        if settings["optimizer"] == "adam":
            self.optimizer: SGD | Adam = Adam(params, lr=settings["lr"])
        else:
            self.optimizer = SGD(params, settings["lr"], momentum=settings["momentum"])
        self.rng = random.Random(settings["seed"])
        self.order = list(range(len(X)))
        self.epochs, self.position = epochs, 0
        rows = 1 if self.sequential else len(X)  # examples in one update
        self.fast = for_fit(model, self.loss, settings["mode"], rows, None, params, 0.0, y)

    @property
    def per_epoch(self) -> int:
        """Updates in one epoch: one per point (sequential) or one (batch)."""
        return max(len(self.X), 1) if self.sequential else 1

    @property
    def epoch(self) -> float:
        """Epochs done, counting the current pass's share (e.g. 3.25)."""
        return self.epochs + self.position / self.per_epoch

    def run(self, updates: int, seconds: float,
            on_epoch: Callable[[], object] | None = None) -> int:
        """Up to ``updates`` updates, stopping once ``seconds`` have passed; returns how many ran.

        At least one update runs; ``on_epoch()`` is called after each completed epoch.
        Raises ValueError (nothing changed by the failing update) when a gradient is
        not finite.
        """
        if not self.X:
            raise ValueError("there are no points to train on; add points of both colours")
        deadline = time.perf_counter() + seconds
        done = 0
        while done < updates and (done == 0 or time.perf_counter() < deadline):
            if self.sequential and self.position == 0:
                self.rng.shuffle(self.order)
            rows = [self.order[self.position]] if self.sequential else self.order
            self._update(rows)
            done += 1
            self.position += 1
            if self.position == self.per_epoch:
                self.epochs, self.position = self.epochs + 1, 0
                if on_epoch is not None:
                    on_epoch()
        return done

    def _update(self, rows: list[int]) -> None:
        """One step w := w - eta dE/dw, with E the loss over ``rows``."""
        X, y = [self.X[i] for i in rows], [self.y[i] for i in rows]
        update(self.model, self.loss, self.optimizer, X, y, self.fast)

    def outputs(self, X: list[list[float]]) -> list[float]:
        """h(x) for every row of ``X`` (``predict`` replays a compiled batch where it pays)."""
        return self.model.predict(X) if X else []

    def measure(self) -> tuple[float | None, float | None]:
        """The loss E over all points and the share classified right (None without points)."""
        if not self.X:
            return None, None
        h = self.outputs(self.X)
        with no_grad():
            E = float(self.loss(h, self.y))
        return E, accuracy(h, self.y, THRESHOLD)
