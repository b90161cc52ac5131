"""Training in small, interruptible pieces: single updates (the tutorial's section 1.3) in a budget.

``nn.fit`` runs whole epochs; the page needs one update at a time ("step"), and runs
that stop after a fraction of a second so that the plane is redrawn several times a
second however large the network.  The updates, their order and the choice of the
compiled program or the scalar engine are ``nn``'s own (:class:`nn.stepper.Stepper`
on an :class:`nn.objective.Objective`, as in ``fit``, with its L2 rate and batch size);
this module only slices them.  The test points get an Objective of their own, the same
E = loss + l2 sum w^2, that only measures.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import nn
from nn import DivergedError, losses
from nn.objective import Objective
from nn.optim import SGD, Adam
from nn.stepper import Stepper


class Trainer:
    """Updates of one model on one data set with one set of training settings.

    ``X``, ``y`` are the training rows (the model's inputs, features included) and
    labels, ``test`` the test set's.  ``epochs`` counts the whole passes done;
    ``position`` is the number of updates done in the current pass (always 0 in batch
    mode with the whole set as one batch).
    """

    def __init__(self, model: nn.Module, settings: dict[str, Any], X: list[list[float]],
                 y: list[int], epochs: int = 0,
                 test: tuple[list[list[float]], list[int]] = ([], [])) -> None:
        self.model, self.X, self.y = model, X, y
        self.loss = losses.get(settings["loss"])
        params = model.parameters()
        if settings["optimizer"] == "adam":
            self.optimizer: SGD | Adam = Adam(params, lr=settings["lr"])
        else:
            self.optimizer = SGD(params, settings["lr"], momentum=settings["momentum"])
        self.stepper: Stepper | None = None
        self.test: Objective | None = None
        if X:
            objective = Objective(model, self.loss, settings["l2"], params, X, y)
            self.stepper = Stepper(objective, self.optimizer, settings["mode"],
                                   settings["batch_size"], seed=settings["seed"])
            self.stepper.epochs = epochs
        if test[0]:
            self.test = Objective(model, self.loss, settings["l2"], params, *test)
        self.start_epochs = epochs

    @property
    def epochs(self) -> int:
        """Whole passes done."""
        return self.stepper.epochs if self.stepper else self.start_epochs

    @property
    def position(self) -> int:
        """Updates done in the current pass."""
        return self.stepper.position if self.stepper else 0

    @property
    def per_epoch(self) -> int:
        """Updates in one epoch: one per point (sequential) or one (batch)."""
        return self.stepper.per_epoch if self.stepper else 1

    @property
    def epoch(self) -> float:
        """Epochs done, counting the current pass's share (e.g. 3.25)."""
        return self.stepper.epoch_progress if self.stepper else float(self.start_epochs)

    def run(self, updates: int, seconds: float,
            on_epoch: Callable[[], object] | None = None) -> int:
        """Up to ``updates`` updates, stopping once ``seconds`` have passed; returns how many ran.

        At least one update runs; ``on_epoch()`` is called after each completed epoch.
        The updates run in chunks (:meth:`nn.stepper.Stepper.advance`: one call of the
        generated steps for a whole chunk, in sequential mode), each at most the rest of
        an epoch: the first of one update, then each twice the last while the time left
        holds it at the last chunk's cost per update.  Raises :class:`nn.DivergedError`
        (nothing changed by the failing update) when an update's gradient, result or
        outputs would not be finite.
        """
        if self.stepper is None:
            raise ValueError("there are no points to train on; add points of both colours")
        now = time.perf_counter()
        deadline = now + seconds
        done, chunk = 0, 1
        with self.stepper.running():  # the weights in one vector while it runs (nn.vector)
            while done < updates and (done == 0 or now < deadline):
                ran = self.stepper.advance(min(chunk, updates - done))
                done += ran
                if self.stepper.position == 0 and on_epoch is not None:
                    self.stepper.sync()  # on_epoch measures the test points on the Values
                    on_epoch()
                before, now = now, time.perf_counter()
                chunk = _next_chunk(chunk, ran, now - before, deadline - now)
        return done

    def checkpoint(self) -> tuple[Any, ...]:
        """Where training stands: the weights, the optimiser's state, the epochs and the
        place in the current one (order and random state), for :meth:`restore`."""
        st = self.stepper
        place = (st.epochs, st.position, list(st.order), st.rng.getstate()) if st else ()
        return [p.data for p in self.optimizer.params], self.optimizer.state_dict(), place

    def restore(self, checkpoint: tuple[Any, ...]) -> None:
        """Go back to a :meth:`checkpoint` of this trainer."""
        weights, state, place = checkpoint
        for p, w in zip(self.optimizer.params, weights, strict=True):
            p.data = w
        self.optimizer.load_state_dict(state)
        if self.stepper is not None:
            st = self.stepper
            st.epochs, st.position, st.order = place[0], place[1], list(place[2])
            st.rng.setstate(place[3])

    def updates_since(self, checkpoint: tuple[Any, ...]) -> int:
        """The updates run since a :meth:`checkpoint` (of the same stepper)."""
        epochs, position = checkpoint[2][:2] if checkpoint[2] else (0, 0)
        return (self.epochs - epochs) * self.per_epoch + self.position - position

    def back_to_finite(self, start: tuple[Any, ...], updates: int) -> None:
        """Go back to the :meth:`checkpoint` ``start`` and run its next ``updates`` again,
        an epoch at a time with the loss measured after each, as ``nn.fit`` does (the
        last piece may be part of one); stop at the first piece whose loss (or one of whose
        steps) is not finite, at the end of the last piece whose losses were finite (or at
        ``start``).

        The updates come out the same as the first time: their order, the random state and
        the optimiser's state are the checkpoint's, and the rules are the engine's.
        """
        self.restore(start)
        kept, done = start, 0
        assert self.stepper is not None  # a checkpoint with updates after it has points
        while done < updates:
            n = min(self.per_epoch - self.position, updates - done)
            try:
                for _ in range(n):
                    self.stepper.update()
                losses = [self.measure()[0], self.measure_test()[0]]
            except DivergedError:
                break
            done += n
            if not all(E is None or math.isfinite(E) for E in losses):
                break
            kept = self.checkpoint()
        self.restore(kept)

    def measure(self) -> tuple[float | None, float | None]:
        """The loss E over all points and the share classified right (None without points)."""
        if self.stepper is None:
            return None, None
        return self.stepper.measure()

    def measure_test(self) -> tuple[float | None, float | None]:
        """The same on the test points (None, None without any), by the training set's rule:
        the threshold of one output, the argmax of K."""
        if self.test is None or self.stepper is None:
            return None, None
        E, outputs = self.test.measure()
        return E, self.stepper.classifier(outputs, self.test.y)


def _next_chunk(chunk: int, ran: int, spent: float, left: float) -> int:
    """The next chunk's size after a chunk of ``chunk`` updates of which ``ran`` ran in
    ``spent`` seconds: twice as many, or as many as ``left`` seconds hold at that cost
    if fewer (at least one).  A clock too coarse to see the chunk (the browser's) doubles."""
    if spent <= 0:
        return 2 * chunk
    return max(1, min(2 * chunk, int(left * ran / spent)))
