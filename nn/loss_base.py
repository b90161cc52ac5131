"""What every loss is: :class:`Loss`, E = scale(N) * sum_i term_i, one term per sample,
and the (prediction, target) pairs it reads, checked once.

The catalogue of losses is :mod:`nn.losses`; this file holds the form they share, which
the compiled objective (:mod:`nn.objective`) records once for one sample and replays on
every sample.  A loss takes ``predictions`` (one entry per sample: a Value or a number,
or a list of them for a model with several outputs) and ``targets`` of the same shape; a
bare Value or number counts as one sample.  :func:`pairs` checks the shapes and types,
lifts plain-number predictions to Values and returns, per sample, its (h, t) pairs, so
that every loss starts from the same checked input and says what is wrong in the same
words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import reduce
from operator import add
from typing import Any

from autograd.value import Value
from nn import arguments

Samples = list[list[tuple[Value, float]]]
"""Per sample, its (prediction h_k, target t_k) pairs, one per output."""


class Loss:
    """A loss of the form E = scale(N) * sum_i sample_term(h_i, t_i).

    ``sample_term(h, t)`` is one sample's share, built from Values (a list of its outputs
    h_k and one of its targets t_k, numbers or Values, so the same term can be recorded
    once with the targets as inputs); by default sum_k term(h_k, t_k), one ``term`` per
    output, and a loss that couples the outputs of a sample (softmax cross-entropy)
    overrides it.  ``scale(N)`` is the factor for N samples (None for a plain sum);
    ``prepare(name, samples)`` checks the (prediction, target) pairs and returns them
    with the targets the term expects.  ``on_scores``: the predictions are raw scores,
    classified by their sign.  Calling the loss evaluates E on the scalar engine.
    """

    def __init__(self, name: str, term: Callable[[Value, Any], Value] | None,
                 scale: Callable[[int], float | None], on_scores: bool = False,
                 prepare: Callable[[str, Samples], Samples] | None = None) -> None:
        self.name, self.term, self.scale, self.on_scores = name, term, scale, on_scores
        self.prepare = prepare or (lambda name, samples: samples)
        self.__name__ = self.__qualname__ = name
        self.__doc__ = (term or self.sample_term).__doc__

    def sample_term(self, h: Sequence[Value], t: Sequence[Any]) -> Value | float:
        """sum_k term(h_k, t_k): one sample's share, output by output."""
        term = self.term
        assert term is not None, f"{self.name} defines sample_term itself"
        return reduce(add, [term(hk, tk) for hk, tk in zip(h, t, strict=True)])

    def samples(self, predictions: Any, targets: Any) -> Samples:
        """The checked (prediction, target) pairs of every sample, as the term sees them."""
        return self.prepare(self.name, pairs(self.name, predictions, targets))

    def __call__(self, predictions: Any, targets: Any) -> Value:
        """E for these predictions and targets, as a Value (its graph reaches the predictions)."""
        samples = self.samples(predictions, targets)
        E = as_value(reduce(add, [self.sample_term([p for p, _ in sample], [y for _, y in sample])
                                  for sample in samples]))
        factor = self.scale(len(samples))
        return E if factor is None else E * factor

    def targets(self, predictions: Any, targets: Any) -> list[list[float]]:
        """The checked targets as the term sees them, one list per sample."""
        return [[y for _, y in sample] for sample in self.samples(predictions, targets)]

    def why_unrecordable(self, outputs: Sequence[Value]) -> str | None:
        """Why one recorded term cannot stand for every sample of these model outputs
        (a term that branches on a value), or None when it can."""
        return None

    def __repr__(self) -> str:
        return f"<loss {self.name}>"


def as_value(x: Value | float) -> Value:
    """``x`` itself if it is a Value, else a new leaf holding it."""
    return x if isinstance(x, Value) else Value(x)


# -- the (prediction, target) pairs ----------------------------------------------------


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
