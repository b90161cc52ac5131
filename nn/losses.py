"""Loss functions E(predictions, targets) built from Values, and a registry by name.

Every loss takes ``predictions`` (one entry per sample: a Value or a number, or a list
of them for a model with several outputs) and ``targets`` (the same shape, numbers)
and returns a Value, so ``E.backward()`` fills the gradient of every parameter that
the predictions depend on.  A bare Value or number counts as a single sample.
Targets are constants: a Value given as a target contributes its ``.data`` only.

N below is the number of samples; a sample with several outputs contributes the sum
of its per-output terms, except for :data:`cross_entropy` (softmax over K scores, one
term per sample: :mod:`nn.crossentropy`).  :func:`get` turns a name ("squared_error",
"mse", "binary_cross_entropy", "binary_cross_entropy_with_logits", "hinge",
"cross_entropy") into the function, so training code can take either.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from operator import add
from types import MappingProxyType
from typing import Any

from autograd import ops
from autograd.value import Value
from nn import arguments
from nn.activations import Sigmoid
from nn.crossentropy import cross_entropy
from nn.loss_base import Loss, Samples

__all__ = ["Loss", "squared_error", "mse", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "hinge", "cross_entropy", "l2_penalty", "LOSSES",
           "ON_SCORES", "get"]

Scalar = Value | float
Predictions = Scalar | Sequence[Scalar | Sequence[Scalar]]
Targets = float | Sequence[float | Sequence[float]]

_LOG_FLOOR = -100.0
"""ln p is clamped to at least this (p below e^-100 counts as e^-100, with no gradient)."""


def _squared(p: Value, y: Any) -> Value:
    """(h - y)^2."""
    term: Value = (p - y) ** 2
    return term


squared_error = Loss("squared_error", _squared, lambda n: None)
"""The tutorial's error E = sum_i (h(x_i) - y_i)^2 (section 1.3), summed over samples and
outputs.

Its gradient is dE/dw = sum_i 2 (h(x_i) - y_i) dh(x_i)/dw (section 2.1), so one gradient
step with eta on it is exactly the tutorial's batch update."""

mse = Loss("mse", _squared, lambda n: 1.0 / (2 * n))
"""The layered error E = 1/(2N) sum_{i=1}^N (y_hat_i - y_i)^2 (the mean over samples; the
tutorial, section 4).

The 1/2 cancels the 2 of the derivative: for one sample dE/dy_hat = y_hat - y, the
start of the output layer's delta_1^m = (y_hat - y) g_o'(a_1^m)."""


def _mean(n: int) -> float:
    return 1.0 / n


def _logistic_term(s: Value, y: Any) -> Value:
    """softplus(s) - y s = -[y ln sigma(s) + (1 - y) ln(1 - sigma(s))], stable for any s."""
    term: Value = s.softplus() - y * s
    return term


def _check_probabilities(name: str, samples: Samples, from_logits: bool) -> Samples:
    for i, sample in enumerate(samples):
        for p, y in sample:
            if not 0.0 <= y <= 1.0:
                raise ValueError(f"{name}: target {i} is {y!r}, expected a value in [0, 1]")
            if not from_logits and p.op is not ops.SIGMOID and not 0.0 <= p.data <= 1.0:
                raise ValueError(
                    f"{name}: prediction {i} is {p.data!r}, not a probability in [0, 1]; "
                    "pass from_logits=True for raw scores"
                )
    return samples


class _ProbabilityLoss(Loss):
    """Binary cross-entropy on probabilities: a sigmoid output is read through its logit."""

    def __call__(self, predictions: Predictions, targets: Targets,
                 from_logits: bool = False) -> Value:
        """E on probabilities, or on raw scores with ``from_logits=True``."""
        arguments.flag(self.name, "from_logits", from_logits)
        if from_logits:
            return binary_cross_entropy_with_logits(predictions, targets)
        return super().__call__(predictions, targets)

    def why_unrecordable(self, outputs: Sequence[Value]) -> str | None:
        """A probability that is not a sigmoid's output has ln p clamped by its value."""
        if all(p.op is ops.SIGMOID for p in outputs):
            return None
        return ("binary_cross_entropy clamps ln p at -100 for an output that is not a "
                "sigmoid, a branch on the value that one recorded pass cannot follow "
                "(use a sigmoid output, or binary_cross_entropy_with_logits)")


def _probability_term(p: Value, y: Any) -> Value | float:
    """A sigmoid output p = sigma(s) through its logit s (recorded, or kept by a
    :class:`~nn.activations.Sigmoid` under no_grad); any other p with ln clamped."""
    if p.op is ops.SIGMOID:
        return _logistic_term(p.parents[0], y)
    if isinstance(p, Sigmoid):
        return _logistic_term(Value(p.logit), y)
    return _cross_entropy_of_probability(p, float(y))


binary_cross_entropy = _ProbabilityLoss(
    "binary_cross_entropy", _probability_term, _mean,  # type: ignore[arg-type]
    prepare=lambda name, samples: _check_probabilities(name, samples, False))
"""E = -1/N sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], targets y_i in [0, 1].

With ``from_logits=False`` the predictions are probabilities p in [0, 1]; with
``from_logits=True`` they are raw scores s with p = sigma(s), and each term is computed
as softplus(s) - y s, which never overflows and never takes log(0).  A probability
that is the direct output of a sigmoid node, p = sigma(s), is evaluated through its
logit s in the same stable way (the value and the gradient dE/ds = (sigma(s) - y) / N
are unchanged, only exact); any other probability has each ln clamped at -100, where
its gradient is 0."""

binary_cross_entropy_with_logits = Loss(
    "binary_cross_entropy_with_logits", _logistic_term, _mean, on_scores=True,
    prepare=lambda name, samples: _check_probabilities(name, samples, True))
""":data:`binary_cross_entropy` on raw scores s, p = sigma(s) (``from_logits=True``)."""


def _hinge_term(s: Value, y: Any) -> Value:
    """max(0, 1 - y s) for a label y = +-1."""
    term: Value = (1.0 - y * s).relu()
    return term


def _hinge_labels(name: str, samples: Samples) -> Samples:
    labels = {y for sample in samples for _, y in sample}
    if not labels <= {-1.0, 0.0, 1.0}:
        odd = sorted(labels - {-1.0, 0.0, 1.0})[0]
        raise ValueError(f"{name}: label {odd!r} is not a class; expected -1/+1 (or 0/1)")
    if {-1.0, 0.0} <= labels:
        raise ValueError(f"{name}: labels mix 0 and -1; use -1/+1 or 0/1, not both")
    return [[(p, y if y else -1.0) for p, y in sample] for sample in samples]


hinge = Loss("hinge", _hinge_term, _mean, on_scores=True, prepare=_hinge_labels)
"""Max-margin loss E = 1/N sum_i max(0, 1 - y_i s_i) on scores s and labels y = +-1.

Labels may be given as -1/+1 or as 0/1; 0 then stands for the negative class
(y = 2 label - 1).  Mixing 0 and -1 in one call is refused as ambiguous.  A sample is
classified by the sign of its score."""


def l2_penalty(parameters: Iterable[Value], alpha: float) -> Value:
    """The weight-decay term alpha sum_w w^2 over ``parameters`` (add it to a loss).

    Its gradient 2 alpha w pulls every weight towards 0; alpha must be >= 0.
    """
    name = "l2_penalty"
    rate = arguments.non_negative(name, "alpha", alpha)
    params = list(parameters)
    for i, w in enumerate(params):
        if not isinstance(w, Value):
            raise TypeError(f"{name}: parameter {i} must be a Value, got {type(w).__name__}")
    if not params:
        return Value(0.0)
    return reduce(add, [w * w for w in params]) * rate


_REGISTRY: dict[str, Loss] = {
    "squared_error": squared_error,
    "mse": mse,
    "binary_cross_entropy": binary_cross_entropy,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "hinge": hinge,
    "cross_entropy": cross_entropy,
}
LOSSES = MappingProxyType(_REGISTRY)
"""Every loss by name (read-only)."""

ON_SCORES = frozenset(loss for loss in _REGISTRY.values() if loss.on_scores)
"""Losses whose predictions are raw scores: their class boundary is at 0."""


def get(loss: str | Callable[..., Value]) -> Callable[..., Value]:
    """The loss function named ``loss`` (a key of :data:`LOSSES`), or ``loss`` if callable."""
    if isinstance(loss, str):
        if loss not in _REGISTRY:
            known = ", ".join(sorted(_REGISTRY))
            raise ValueError(f"unknown loss {loss!r}; known losses: {known}")
        return _REGISTRY[loss]
    if callable(loss):
        return loss
    raise TypeError(
        f"loss must be a name ({', '.join(sorted(_REGISTRY))}) or a callable, "
        f"got {type(loss).__name__}"
    )


# -- helpers -----------------------------------------------------------------------------


def _cross_entropy_of_probability(p: Value, y: float) -> Value | float:
    """-(y ln p + (1 - y) ln(1 - p)), a term dropped when its weight y or 1 - y is 0."""
    term: Value | float = 0.0
    if y != 0.0:
        term = term - y * _clamped_log(p)
    if y != 1.0:
        term = term - (1.0 - y) * _clamped_log(1.0 - p)
    return term


def _clamped_log(p: Value) -> Value | float:
    return p.log() if p.data > math.exp(_LOG_FLOOR) else _LOG_FLOOR
