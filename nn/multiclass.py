"""K classes: softmax of K scores, and class labels read from targets and outputs.

A model for K classes has K outputs s_1..s_K, raw scores; sample i belongs to the class
of its largest score (the argmax rule), and its class probabilities are

    p_k = softmax(s)_k = e^{s_k} / sum_j e^{s_j} = e^{s_k - lse(s)},  lse(s) = ln sum_j e^{s_j},

with lse computed as a chain of the table's ``logaddexp``, so that no e^s is ever formed:
scores of +-1e4 give exact probabilities.  Labels are ints 0..K-1; a target may also be
given as a one-hot row (t_k = [k = label]).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import reduce
from typing import Any

from autograd.value import Value
from autograd.values_namespace import VALUES
from nn import arguments

Score = Value | float


def log_sum_exp(values: Sequence[Score]) -> Score:
    """lse(s) = ln sum_k e^{s_k} as the chain logaddexp(...logaddexp(s_1, s_2)..., s_K):
    a Value (recording its graph) when any s_k is one, else a float."""
    return reduce(VALUES.logaddexp, values)


def softmax(values: Sequence[Score]) -> list[Any]:
    """p_k = e^{s_k - lse(s)} for the scores ``values`` (Values or numbers): probabilities
    that sum to 1, Values when any score is a Value (so E can depend on them), else floats.
    """
    arguments.sequence("softmax", "values", values, " of scores")
    if not values:
        raise ValueError("softmax: no scores (softmax needs at least one)")
    for k, s in enumerate(values):
        if not (isinstance(s, Value) or arguments.is_number(s)) or not math.isfinite(float(s)):
            raise ValueError(f"softmax: score {k} is {s!r}, expected a finite number or a Value")
    lse = log_sum_exp(values)
    return [VALUES.exp(s - lse) for s in values]


def argmax(row: Sequence[float]) -> int:
    """The index of the largest entry (the first one on a tie): a sample's class."""
    return max(range(len(row)), key=row.__getitem__)


def label_of(t: Any, k: int) -> int | None:
    """The class 0..k-1 that target ``t`` names (an int, a float such as 2.0, or a one-hot
    row of k entries), or None when it names none."""
    if arguments.is_list(t):
        one_hot = [0] * (k - 1) + [1]
        if len(t) != k or not all(map(arguments.is_number, t)) or sorted(t) != one_hot:
            return None
        return list(t).index(1)
    if not arguments.is_number(t) or not math.isfinite(t) or t != int(t) or not 0 <= t < k:
        return None
    return int(t)


def labels_of(targets: Sequence[Any], k: int) -> list[int] | None:
    """The class of every target (see :func:`label_of`), or None if one names no class."""
    labels = [label_of(t, k) for t in targets]
    return None if None in labels else labels  # type: ignore[return-value]
