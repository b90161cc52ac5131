"""The (prediction, target) pairs of a loss, checked once: one list per sample.

A loss takes ``predictions`` (one entry per sample: a Value or a number, or a list of
them for a model with several outputs) and ``targets`` of the same shape; a bare Value
or number counts as one sample.  :func:`pairs` checks the shapes and types, lifts
plain-number predictions to Values and returns, per sample, its (h, t) pairs, so that
every loss of :mod:`nn.losses` starts from the same checked input and says what is
wrong in the same words.
"""

from __future__ import annotations

import math
from typing import Any

from autograd.value import Value
from nn import arguments

Samples = list[list[tuple[Value, float]]]
"""Per sample, its (prediction h_k, target t_k) pairs, one per output."""


def pairs(name: str, predictions: Any, targets: Any) -> Samples:
    """Check shapes and types; one list of (prediction Value, target float) per sample.

    ``name`` (the loss) starts every error message."""
    if _is_scalar(predictions):
        predictions = [predictions]
    if _is_scalar(targets):
        targets = [targets]
    for what, seq in (("predictions", predictions), ("targets", targets)):
        arguments.sequence(name, what, seq, " (one entry per sample)")
    if len(predictions) != len(targets):
        raise ValueError(
            f"{name}: {len(predictions)} predictions but {len(targets)} targets; "
            "give one target per prediction"
        )
    if not predictions:
        raise ValueError(f"{name}: no predictions (an empty batch has no loss)")
    numbered = enumerate(zip(predictions, targets, strict=True))
    return [_sample(name, i, p, t) for i, (p, t) in numbered]


def _sample(name: str, i: int, p: Any, t: Any) -> list[tuple[Value, float]]:
    if _is_scalar(p):
        if arguments.is_list(t):
            raise ValueError(f"{name}: prediction {i} is one number but target {i} is {t!r}")
        return [(_lift(name, i, p), _target(name, i, t))]
    if not arguments.is_list(p):
        raise TypeError(
            f"{name}: prediction {i} must be a Value, a number or a list of them, "
            f"got {type(p).__name__}"
        )
    if _is_scalar(t) or not arguments.is_list(t) or len(t) != len(p):
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
    return x.__class__ in (float, int) or isinstance(x, Value) or arguments.is_number(x)


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
