"""Softmax cross-entropy: the loss of a model with one raw score per class.

For K scores s_i1..s_iK per sample and class labels t_i in 0..K-1,

    E = -1/N sum_i ln softmax(s_i)[t_i] = 1/N sum_i (lse(s_i) - sum_k [k = t_i] s_ik),

with lse(s) = ln sum_k e^{s_k} a chain of ``logaddexp`` (:func:`nn.multiclass.log_sum_exp`),
so that scores of +-1e4 give a finite E and exact gradients.  Its gradient at the scores
is the closed form dE/ds_ik = (p_ik - [k = t_i]) / N, p = softmax(s).  The targets are
stored as one-hot rows, so one sample's term is the same graph for every sample (the
targets are inputs of the compiled program, the label chooses nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import add
from typing import Any

from autograd.value import Value
from nn import arguments
from nn.loss_base import Loss, Samples, pairs
from nn.multiclass import label_of, log_sum_exp


class CrossEntropy(Loss):
    """E = 1/N sum_i (lse(s_i) - sum_k t_ik s_ik) on K >= 2 scores per sample and labels
    0..K-1 (or one-hot rows t_i), checked with errors that name the sample."""

    def __init__(self) -> None:
        super().__init__("cross_entropy", None, lambda n: 1.0 / n)

    def sample_term(self, h: Sequence[Value], t: Sequence[Any]) -> Value | float:
        """lse(s) - sum_k t_k s_k = -ln softmax(s)[label] for a one-hot row t."""
        picked: Value | float = reduce(add, [tk * sk for sk, tk in zip(h, t, strict=True)])
        return log_sum_exp(h) - picked

    def samples(self, predictions: Any, targets: Any) -> Samples:
        """Every sample's (s_k, t_k) pairs, the label turned into its one-hot row."""
        name = self.name
        arguments.sequence(name, "predictions", predictions, " of K scores per sample")
        arguments.sequence(name, "targets", targets, " of class labels 0..K-1")
        rows = [_one_hot(name, i, p, t) for i, (p, t) in
                enumerate(zip(predictions, targets, strict=False))]
        return pairs(name, predictions, rows + list(targets[len(rows):]))


cross_entropy = CrossEntropy()
"""Softmax cross-entropy E = -1/N sum_i ln softmax(s_i)[t_i] (see the module text)."""


def _one_hot(name: str, i: int, p: Any, t: Any) -> list[float]:
    """Target ``t`` of sample ``i`` (scores ``p``) as the one-hot row t_k = [k = label]."""
    k = len(p) if arguments.is_list(p) else 1
    if k < 2:
        raise ValueError(
            f"{name}: prediction {i} has one output, but softmax cross-entropy needs one score "
            f"per class (K >= 2 outputs); for two classes and one output use "
            f"binary_cross_entropy_with_logits")
    label = label_of(t, k)
    if label is None:
        if arguments.is_list(t):
            raise ValueError(f"{name}: target {i} is {t!r}, not a one-hot row of {k} entries "
                             f"(one 1, the rest 0)")
        raise ValueError(
            f"{name}: target {i} is {t!r}, not a class label 0..{k - 1} (the model has {k} "
            f"outputs, one score per class; a label k needs a model with at least k + 1)")
    return [float(j == label) for j in range(k)]
