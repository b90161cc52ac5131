"""The training loop of 000 section 4, once, for ``fit`` and the playground.

A :class:`Stepper` walks through the updates of an :class:`nn.objective.Objective` in a
resumable order:

- batch: one update per epoch on the whole set, w := w - eta sum_i dE_i/dw (or one per
  group of ``batch_size`` examples);
- sequential: one update per example, w := w - eta dE_i/dw.

The examples are visited in a new random order every epoch (when an epoch has more than
one update and ``shuffle`` is on), drawn from ``random.Random(seed)``, so runs repeat.
``update()`` does one update, so a caller may stop between any two (the playground runs
slices of a few milliseconds); :meth:`Stepper.measure` gives the loss and the accuracy
over the whole set with the weights reached.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from operator import eq
from typing import Any

from autograd.compile import INSTALL_HINT
from nn import checks, losses
from nn.objective import Objective
from nn.optim import Optimizer


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
        if objective.compiled and self.size > 1 and not objective.batched:
            raise ImportError(f"fit: compiled=True in batch mode needs NumPy; {INSTALL_HINT}")
        self.shuffle = shuffle and self.size < n
        self.rng = random.Random(seed)
        self.order = list(range(n))
        self.per_epoch = -(-n // self.size)
        self.epochs, self.position = 0, 0
        self.threshold = threshold(objective.loss, objective.y)

    @property
    def epoch_progress(self) -> float:
        """Epochs done, counting the current pass's share (e.g. 3.25)."""
        return self.epochs + self.position / self.per_epoch

    def update(self) -> None:
        """One gradient step w := w - eta dE/dw on the next group of examples."""
        if self.position == 0 and self.shuffle:
            self.rng.shuffle(self.order)
        start = self.position * self.size
        self.optimizer.zero_grad()
        self.objective.backward(self.order[start:start + self.size])
        self.optimizer.step()
        self.position += 1
        if self.position == self.per_epoch:
            self.epochs, self.position = self.epochs + 1, 0

    def epoch(self) -> None:
        """The updates left in the current pass (all of them at the start of one)."""
        self.update()
        while self.position:
            self.update()

    def measure(self) -> tuple[float, float | None]:
        """The loss E over the whole set now, and the accuracy (None when the targets are
        not class labels of a one-output model)."""
        E, outputs = self.objective.measure(ahead=self.size == len(self.objective.X))
        if self.threshold is None or not isinstance(outputs[0], float):
            return E, None
        return E, accuracy(outputs, self.objective.y, self.threshold)


def accuracy(outputs: Sequence[float], labels: Sequence[float], threshold: float) -> float:
    """The share of samples whose class, output > threshold, matches label == 1."""
    if len(outputs) != len(labels):
        raise ValueError(f"accuracy: {len(outputs)} outputs but {len(labels)} labels")
    above = map(float(threshold).__lt__, outputs)
    hits: int = sum(map(eq, above, map((1.0).__eq__, labels)))
    return hits / len(labels)


def threshold(loss_fn: Any, y: Sequence[Any]) -> float | None:
    """The decision threshold of the accuracy rule, or None if y are not class labels.

    An output counts as the positive class (1 or +1) when it is above it: 0 for losses
    on raw scores (``hinge``, ``binary_cross_entropy_with_logits``, or a callable with
    attribute ``threshold``), otherwise the midpoint of the two labels (0.5 for 0/1, 0
    for -1/+1)."""
    labels = set()
    for t in y:
        if not checks.is_number(t):
            return None
        labels.add(float(t))
    if not (labels <= {0.0, 1.0} or labels <= {-1.0, 1.0}):
        return None
    own = getattr(loss_fn, "threshold", None)
    if own is not None:
        return float(own)
    if loss_fn in losses.ON_SCORES:
        return 0.0
    return 0.0 if -1.0 in labels else 0.5
