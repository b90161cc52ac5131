"""What a loss is: :class:`Loss`, E = scale(N) * sum_i term_i, one term per sample.

The catalogue of losses is :mod:`nn.losses`; this file holds the form they share, which
the compiled objective (:mod:`nn.objective`) records once for one sample and replays on
every sample.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from operator import add
from typing import Any

from autograd.value import Value
from nn.samples import Samples, pairs


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

    def unrecordable(self, outputs: Sequence[Value]) -> str | None:
        """Why one recorded term cannot stand for every sample of these model outputs
        (a term that branches on a value), or None when it can."""
        return None

    def __repr__(self) -> str:
        return f"<loss {self.name}>"


def as_value(x: Value | float) -> Value:
    """``x`` itself if it is a Value, else a new leaf holding it."""
    return x if isinstance(x, Value) else Value(x)
