"""The accuracy of a model's outputs: the rule that fits the targets, and the count.

One output is a class by a threshold (:func:`threshold`: h > t is the positive class,
:func:`accuracy`); K outputs by their largest (:func:`hits`, the argmax rule).  A
:class:`Classifier` picks the rule for a training set once and applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import eq
from typing import Any

from nn import arguments, losses
from nn.multiclass import argmax, labels_of


def accuracy(outputs: Sequence[float], labels: Sequence[float], threshold: float) -> float:
    """The share of samples whose class, output > threshold, matches label == 1."""
    if len(outputs) != len(labels):
        raise ValueError(f"accuracy: {len(outputs)} outputs but {len(labels)} labels")
    above = map(float(threshold).__lt__, outputs)
    hits: int = sum(map(eq, above, map((1.0).__eq__, labels)))
    return hits / len(labels)


def positives(labels: Sequence[float]) -> Any:
    """The NumPy mask of the labels of the positive class (t == 1), for
    :func:`accuracy_of_vector`."""
    import numpy as np

    return np.array([t == 1.0 for t in labels])


def accuracy_of_vector(outputs: Any, positive: Any, threshold: float) -> float:
    """:func:`accuracy` of a NumPy vector of outputs against the mask :func:`positives`:
    the same count, (h > t) == (t == 1), in one comparison."""
    import numpy as np

    if len(positive) != len(outputs):
        raise ValueError(f"accuracy: {len(outputs)} outputs but {len(positive)} labels")
    return int(np.count_nonzero((outputs > threshold) == positive)) / len(outputs)


def hits(outputs: Sequence[Sequence[float]], labels: Sequence[int]) -> int:
    """How many samples have their largest output at their label (the argmax rule)."""
    return sum(argmax(h) == t for h, t in zip(outputs, labels, strict=True))


def threshold(loss_fn: Any, y: Sequence[Any]) -> float | None:
    """The decision threshold of the accuracy rule, or None if y are not class labels.

    An output counts as the positive class (1 or +1) when it is above it: 0 for losses
    on raw scores (``hinge``, ``binary_cross_entropy_with_logits``, or a callable with
    attribute ``threshold``), otherwise the midpoint of the two labels (0.5 for 0/1, 0
    for -1/+1)."""
    labels = set()
    for t in y:
        if not arguments.is_number(t):
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


class Classifier:
    """The accuracy rule of a training set's targets ``y`` under ``loss_fn``, applied by
    calling it; :attr:`rule` names the rule last applied: ``"h > t"`` for one output
    (threshold t, :func:`threshold`), ``"argmax"`` for K outputs and labels 0..K-1 (or
    one-hot rows)."""

    def __init__(self, loss_fn: Any, y: Sequence[Any]) -> None:
        self.y = y
        self.threshold = threshold(loss_fn, y)
        self.rule: str | None = None
        self._positive: Any = None  # t == 1 of every target: positives(y), made once
        self._classes: tuple[int, list[int] | None] = (0, None)

    def __call__(self, outputs: Sequence[Any], targets: Sequence[Any] | None = None
                 ) -> float | None:
        """The share of ``outputs`` classified right against ``targets`` (the training
        set's when None, e.g. a test set's otherwise); None when the targets are not
        class labels."""
        own = targets is None
        y = self.y if targets is None else list(targets)
        if isinstance(outputs[0], float):
            if self.threshold is None:
                return None
            self.rule = f"h > {self.threshold:g}"
            if own and hasattr(outputs, "ndim"):  # a NumPy vector: the labels' mask, kept
                if self._positive is None:
                    self._positive = positives(self.y)
                return accuracy_of_vector(outputs, self._positive, self.threshold)
            return accuracy(outputs, y, self.threshold)
        labels = self._labels(len(outputs[0])) if own else labels_of(y, len(outputs[0]))
        if labels is None:
            return None
        self.rule = "argmax"
        return hits(outputs, labels) / len(labels)

    def _labels(self, k: int) -> list[int] | None:
        """The class 0..k-1 of every target, or None if they are not class labels."""
        if self._classes[0] != k:
            self._classes = (k, labels_of(self.y, k))
        return self._classes[1]
