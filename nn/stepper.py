"""The training loop of the tutorial (section 1.3), once, for ``fit`` and the playground.

A :class:`Stepper` walks through the updates of an :class:`nn.objective.Objective` in a
resumable order:

- batch: one update per epoch on the whole set, w := w - eta sum_i dE_i/dw (or one per
  group of ``batch_size`` examples);
- sequential: one update per example, w := w - eta dE_i/dw.

The examples are visited in a new random order every epoch (when an epoch has more than
one update and ``shuffle`` is on), drawn from ``random.Random(seed)``, so runs repeat.
``update()`` does one update, so a caller may stop between any two (the playground runs
slices of a few milliseconds); :meth:`Stepper.measure` gives the loss and the accuracy
over the whole set with the weights reached, the accuracy by the rule that fits the model:
a threshold on one output, the argmax of K outputs (:func:`accuracy`, :func:`hits`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from nn.accuracy import Classifier
from nn.fused import FusedEpoch, fusable
from nn.objective import Objective
from nn.optim import DivergedError, Optimizer
from nn.sequential import sequential_steps
from nn.vector import WeightVector


class Stepper:
    """Updates of ``optimizer`` on ``objective``: ``update()`` one, ``epoch()`` a whole pass.

    ``epochs`` counts the passes done; ``position`` the updates done in the current pass.
    """

    def __init__(self, objective: Objective, optimizer: Optimizer, mode: str = "batch",
                 batch_size: int | None = None, shuffle: bool = True,
                 seed: int | None = None) -> None:
        n = len(objective.X)
        self.objective, self.optimizer = objective, optimizer
        self.size = 1 if mode == "sequential" else min(batch_size or n, n)
        self.shuffle = shuffle and self.size < n
        self.rng = random.Random(seed)
        self.order = list(range(n))
        self.per_epoch = -(-n // self.size)
        self.epochs, self.position = 0, 0
        self.classifier = Classifier(objective.loss, objective.y)  # the accuracy's rule
        batch, last = objective.batch, n % self.size or self.size
        self.vector = None
        if objective.steps_vector(optimizer.params) and objective.on_program(self.size) and \
                objective.on_program(last):
            assert batch is not None
            self.vector = WeightVector(optimizer.params, batch.parameters)
        self.steps = sequential_steps(objective, optimizer, self.size)
        self._running = False
        self._fusable = fusable(self)
        self.fused: FusedEpoch | None = None  # made once the batch program is on C
        self._after: tuple[float, float | None] | None = None  # measured by a C epoch

    @contextmanager
    def running(self) -> Iterator[None]:
        """Updates and measures in a row (``fit``'s epochs): when every step is a batch
        step of the compiled program, the weights stay in one vector (:mod:`nn.vector`)
        and BLAS on one thread until the end, when the Values get them back (also after
        an error).  Outside it, each update and measure is a run of its own."""
        if self.vector is None or self._running:
            yield
            return
        import numpy as np

        from autograd.blas import one_thread

        self._running = True
        try:  # an overflow is caught by the optimiser's check (DivergedError), not warned of
            with one_thread(), np.errstate(over="ignore", invalid="ignore"):
                yield
        finally:
            self._running = False
            self.vector.store()

    def sync(self) -> None:
        """Bring the Values up to date (``p.data``, and ``p.grad`` of the last step) in a
        run, before code outside it looks at them; the next update reads them again."""
        if self.vector is not None:
            self.vector.store()

    @property
    def epoch_progress(self) -> float:
        """Epochs done, counting the current pass's share (e.g. 3.25)."""
        return self.epochs + self.position / self.per_epoch

    @contextmanager
    def diverging(self) -> Iterator[None]:
        """Steps and measures whose numbers may stop being finite: the optimiser's
        :class:`nn.optim.DivergedError` gets the L2 rate among the settings to lower, and
        the engine's own refusal of a number that is not finite (a loss checking its
        predictions, an overflow) becomes one too.  The data were checked before any
        weight moved, so such an error can only come from the weights."""
        try:
            yield
        except DivergedError as error:
            raise self._lowered(error) from None
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            raise self.diverged(f"the network's output is no longer a finite number "
                                f"({error})") from None

    def diverged(self, what: str) -> DivergedError:
        """The :class:`nn.optim.DivergedError` saying ``what``, with the settings to lower:
        the optimiser's, and the L2 rate."""
        return self._lowered(self.optimizer.diverged(what))

    def _lowered(self, error: DivergedError) -> DivergedError:
        l2 = self.objective.l2
        return error.lower(f"the L2 rate (l2 = {l2:g})") if l2 else error

    def update(self) -> None:
        """One gradient step w := w - eta dE/dw on the next group of examples.

        A step that would leave a weight not finite, or whose outputs are not finite,
        raises :class:`nn.optim.DivergedError` (naming the learning rate, and the L2 rate
        when there is one) and changes nothing: the weights, the optimiser's state and
        the position stay as they were.
        """
        self._shuffle()
        self._after = None
        start = self.position * self.size
        rows = self.order[start:start + self.size]
        with self.diverging():
            if self.steps is not None:
                self.steps.run(self.order, self.position, self.position + 1, self._one)
            elif self.vector is None:
                self._step(rows)
            else:
                with self.running():
                    fused = self._native()
                    if fused is None or not fused.minibatch(rows):  # else one C call
                        vector = self.vector
                        vector.load()
                        g = vector.gradient(self.objective.gradient(rows, vector.at))
                        vector.set(self.optimizer.step_vector(vector.w, g))
        self.position += 1
        if self.position == self.per_epoch:
            self.epochs, self.position = self.epochs + 1, 0

    def _step(self, rows: list[int]) -> None:
        """One update on the examples ``rows``, through the Values' ``.grad``."""
        self.optimizer.zero_grad()
        self.objective.backward(rows)
        self.optimizer.step()

    def _one(self, position: int) -> None:
        """The sequential update at ``position`` of the pass, through the Values."""
        self.position = position
        self._step([self.order[position]])

    def epoch(self) -> None:
        """The updates left in the current pass (all of them at the start of one)."""
        self.advance(self.per_epoch - self.position)

    def advance(self, n: int) -> int:
        """Up to ``n`` updates (at least one), stopping at the end of the current pass;
        returns how many ran.  The same weights as that many :meth:`update` calls, bit for
        bit, but a full-batch epoch on C runs as one call (:mod:`nn.fused`) and sequential
        steps on the generated code as one call (:meth:`nn.sequential.SequentialSteps.run`).
        A refused step raises as in :meth:`update`, the steps before it taken and the
        position left at it."""
        fused = self._native() if self.size == len(self.objective.X) else None
        if self.position == 0 and fused is not None:
            taken, self._after = fused.epoch()  # the step and the measure after it
            if taken:
                self.epochs += 1
                return 1
        if self.steps is None:
            ran = 0
            while True:
                self.update()
                ran += 1
                if ran >= n or self.position == 0:
                    return ran
        self._shuffle()
        start = self.position
        stop = min(start + max(n, 1), self.per_epoch)
        with self.diverging():  # a refused step leaves the position at it
            self.steps.run(self.order, start, stop, self._one)
        self.position = stop
        if stop == self.per_epoch:
            self.epochs, self.position = self.epochs + 1, 0
        return stop - start

    def _native(self) -> FusedEpoch | None:
        """The C steps (:mod:`nn.fused`) in a run, once the batch program is on C."""
        batch = self.objective.batch
        if self.fused is None and self._fusable and batch is not None and \
                batch.native is not None and batch.native.ready():
            self.fused = FusedEpoch(self)
        return self.fused if self._running else None

    def _shuffle(self) -> None:
        """A new order of the examples at the start of a pass (when ``shuffle`` is on)."""
        if self.position == 0 and self.shuffle:
            self.rng.shuffle(self.order)

    def measure(self) -> tuple[float, float | None]:
        """The loss E over the whole set now, and the accuracy (None when the targets are
        not class labels) by the rule of :attr:`classifier` (:class:`nn.accuracy.Classifier`),
        whose ``rule`` then names it.  Outputs that are not finite raise
        :class:`nn.optim.DivergedError`."""
        found, self._after = self._after, None
        if found is not None and self.vector is not None and self.fused is not None and \
                self.vector.w is self.fused.V:  # the C epoch's, at the weights it left
            return found
        with self.diverging():
            E, outputs = self._measured(ahead=self.size == len(self.objective.X))
        return E, self.classifier(outputs)

    def _measured(self, ahead: bool) -> tuple[float, list[Any]]:
        """E and the outputs, at the vector's weights in a run (the Values' if E is not
        finite there, so that the scalar engine names what went wrong)."""
        if self.vector is None:
            return self.objective.measure(ahead)
        with self.running():
            self.vector.load()
            E, outputs = self.objective.measure(ahead, weights=self.vector.at)
            if math.isfinite(E):
                return E, outputs
            self.vector.store()
            return self.objective.measure(ahead)
