"""Loss functions E(predictions, targets) built from Values, and a registry by name.

Every loss takes ``predictions`` (one entry per sample: a Value or a number, or a list
of them for a model with several outputs) and ``targets`` (the same shape, numbers)
and returns a Value, so ``E.backward()`` fills the gradient of every parameter that
the predictions depend on.  A bare Value or number counts as a single sample.
Targets are constants: a Value given as a target contributes its ``.data`` only.

N below is the number of samples; a sample with several outputs contributes the sum
of its per-output terms.  :func:`get` turns a name ("squared_error", "mse",
"binary_cross_entropy", "binary_cross_entropy_with_logits", "hinge") into the
function, so training code can take either.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from operator import add
from types import MappingProxyType
from typing import Any

from autograd import ops
from autograd.value import Value
from nn import checks

Scalar = Value | float
Predictions = Scalar | Sequence[Scalar | Sequence[Scalar]]
Targets = float | Sequence[float | Sequence[float]]
Loss = Callable[..., Value]

_LOG_FLOOR = -100.0
"""ln p is clamped to at least this (p below e^-100 counts as e^-100, with no gradient)."""


def squared_error(predictions: Predictions, targets: Targets) -> Value:
    """000's error measure E = sum_i (h(x_i) - y_i)^2, summed over samples and outputs.

    Its gradient is the seed's dE/dw = sum_i 2 (h(x_i) - y_i) dh(x_i)/dw, so one
    gradient step with eta on it is exactly 000's batch update.
    """
    return _sum_of_squares(_samples("squared_error", predictions, targets))


def mse(predictions: Predictions, targets: Targets) -> Value:
    """001's error E = 1/(2N) sum_{i=1}^N (y_hat_i - y_i)^2 (the mean over samples).

    The 1/2 cancels the 2 of the derivative: for one sample dE/dy_hat = y_hat - y,
    the start of 001's output error term delta_1^m = (y_hat - y) g_o'(a_1^m).
    """
    samples = _samples("mse", predictions, targets)
    return _sum_of_squares(samples) * (1.0 / (2 * len(samples)))


def binary_cross_entropy(
    predictions: Predictions, targets: Targets, from_logits: bool = False
) -> Value:
    """E = -1/N sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], targets y_i in [0, 1].

    With ``from_logits=False`` the predictions are probabilities p in [0, 1]; with
    ``from_logits=True`` they are raw scores s with p = sigma(s), and each term is
    computed as softplus(s) - y s, which never overflows and never takes log(0).
    A probability that is the direct output of a sigmoid node, p = sigma(s), is
    evaluated through its logit s in the same stable way (the value and the
    gradient dE/ds = (sigma(s) - y) / N are unchanged, only exact); any other
    probability has each ln clamped at -100, where its gradient is 0.
    """
    name = "binary_cross_entropy"
    checks.flag(name, "from_logits", from_logits)
    samples = _samples(name, predictions, targets)
    for i, sample in enumerate(samples):
        for p, y in sample:
            if not 0.0 <= y <= 1.0:
                raise ValueError(f"{name}: target {i} is {y!r}, expected a value in [0, 1]")
            if not from_logits and p.op is not ops.SIGMOID and not 0.0 <= p.data <= 1.0:
                raise ValueError(
                    f"{name}: prediction {i} is {p.data!r}, not a probability in [0, 1]; "
                    "pass from_logits=True for raw scores"
                )
    terms = []
    for sample in samples:
        for p, y in sample:
            if from_logits:
                terms.append(_softplus(p) - y * p)
            elif p.op is ops.SIGMOID:
                s = p.parents[0]
                terms.append(_softplus(s) - y * s)
            else:
                terms.append(_cross_entropy_of_probability(p, y))
    return _as_value(reduce(add, terms)) * (1.0 / len(samples))


def binary_cross_entropy_with_logits(predictions: Predictions, targets: Targets) -> Value:
    """:func:`binary_cross_entropy` on raw scores s, p = sigma(s) (``from_logits=True``)."""
    return binary_cross_entropy(predictions, targets, from_logits=True)


def hinge(predictions: Predictions, targets: Targets) -> Value:
    """Max-margin loss E = 1/N sum_i max(0, 1 - y_i s_i) on scores s and labels y = +-1.

    Labels may be given as -1/+1 or as 0/1; 0 then stands for the negative class
    (y = 2 label - 1).  Mixing 0 and -1 in one call is refused as ambiguous.  A
    sample is classified by the sign of its score.
    """
    name = "hinge"
    samples = _samples(name, predictions, targets)
    labels = {y for sample in samples for _, y in sample}
    if not labels <= {-1.0, 0.0, 1.0}:
        odd = sorted(labels - {-1.0, 0.0, 1.0})[0]
        raise ValueError(f"{name}: label {odd!r} is not a class; expected -1/+1 (or 0/1)")
    if {-1.0, 0.0} <= labels:
        raise ValueError(f"{name}: labels mix 0 and -1; use -1/+1 or 0/1, not both")
    terms = [
        (1.0 - (y if y else -1.0) * p).relu() for sample in samples for p, y in sample
    ]
    return reduce(add, terms) * (1.0 / len(samples))


def l2_penalty(parameters: Iterable[Value], alpha: float) -> Value:
    """The weight-decay term alpha sum_w w^2 over ``parameters`` (add it to a loss).

    Its gradient 2 alpha w pulls every weight towards 0; alpha must be >= 0.
    """
    name = "l2_penalty"
    rate = checks.non_negative(name, "alpha", alpha)
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
}
LOSSES = MappingProxyType(_REGISTRY)
"""Every loss by name (read-only)."""

ON_SCORES = frozenset({hinge, binary_cross_entropy_with_logits})
"""Losses whose predictions are raw scores: their class boundary is at 0."""


def get(loss: str | Loss) -> Loss:
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


def _samples(name: str, predictions: Any, targets: Any) -> list[list[tuple[Value, float]]]:
    """Check shapes and types; one list of (prediction Value, target float) per sample."""
    if _is_scalar(predictions):
        predictions = [predictions]
    if _is_scalar(targets):
        targets = [targets]
    for what, seq in (("predictions", predictions), ("targets", targets)):
        checks.sequence(name, what, seq, " (one entry per sample)")
    if len(predictions) != len(targets):
        raise ValueError(
            f"{name}: {len(predictions)} predictions but {len(targets)} targets; "
            "give one target per prediction"
        )
    if not predictions:
        raise ValueError(f"{name}: no predictions (an empty batch has no loss)")
    pairs = enumerate(zip(predictions, targets, strict=True))
    return [_sample(name, i, p, t) for i, (p, t) in pairs]


def _sample(name: str, i: int, p: Any, t: Any) -> list[tuple[Value, float]]:
    if _is_scalar(p):
        if isinstance(t, Sequence) and not isinstance(t, str):
            raise ValueError(f"{name}: prediction {i} is one number but target {i} is {t!r}")
        return [(_lift(name, i, p), _target(name, i, t))]
    if isinstance(p, str) or not isinstance(p, Sequence):
        raise TypeError(
            f"{name}: prediction {i} must be a Value, a number or a list of them, "
            f"got {type(p).__name__}"
        )
    if _is_scalar(t) or isinstance(t, str) or not isinstance(t, Sequence) or len(t) != len(p):
        raise ValueError(f"{name}: prediction {i} has {len(p)} outputs but target {i} is {t!r}")
    if not p:
        raise ValueError(f"{name}: prediction {i} is an empty list")
    for j, pj in enumerate(p):
        if not _is_scalar(pj):
            raise TypeError(
                f"{name}: prediction {i}, output {j} must be a Value or a number, "
                f"got {type(pj).__name__}"
            )
    return [(_lift(name, i, pj), _target(name, i, tj)) for pj, tj in zip(p, t, strict=True)]


def _is_scalar(x: Any) -> bool:
    # float and int first: the numbers.Real check below is slow, and this runs per sample
    return (x.__class__ in (float, int) or isinstance(x, Value)
            or (isinstance(x, numbers.Real) and not isinstance(x, bool)))


def _lift(name: str, i: int, p: Value | float) -> Value:
    """A prediction as a Value; a plain number must be finite (a Value is taken as it is)."""
    if isinstance(p, Value):
        return p
    if not math.isfinite(p):
        raise ValueError(f"{name}: prediction {i} is {p!r}, expected a finite number")
    return Value(p)


def _target(name: str, i: int, t: Any) -> float:
    if not _is_scalar(t):
        raise TypeError(f"{name}: target {i} must be a number, got {type(t).__name__}")
    y = float(t)
    if not math.isfinite(y):
        raise ValueError(f"{name}: target {i} is {y!r}, expected a finite number")
    return y


def _sum_of_squares(samples: list[list[tuple[Value, float]]]) -> Value:
    return reduce(add, [(p - y) ** 2 for sample in samples for p, y in sample])


def _softplus(s: Value) -> Value:
    """ln(1 + e^s), evaluated without overflow on either side (derivative sigma(s))."""
    if s.data >= 0:
        return s + (1.0 + (-s).exp()).log()
    return (1.0 + s.exp()).log()


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


def _as_value(x: Value | float) -> Value:
    return x if isinstance(x, Value) else Value(x)
