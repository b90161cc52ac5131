"""Predict, then check: a number the learner works out by hand, graded against the engine's.

An :class:`Exercise` holds one quantity of a pass (a delta_j, a dE/dw_{i->j}, an update
w_{t+1} = w_t - eta dE/dw) as the engine computed it, with its formula written twice:
in symbols and with the numbers substituted.  :meth:`Exercise.check` grades an answer:
right when it agrees with the engine's value to the digits shown on screen
(:func:`autograd.display.format_number`, 4 significant digits).  Each wrong answer earns
the next hint, in this order: the formula in symbols, then with its numbers, then the
answer; the value itself is given (``expected``) only once right or after giving up.

>>> ex = Exercise("delta_6", 0.123456, "2 (z_6 - y) z_6 (1 - z_6)", "2 (0.7 - 1) 0.7 (0.3)")
>>> ex.check(0.2)
Verdict(correct=False, hint='delta_6 = 2 (z_6 - y) z_6 (1 - z_6)', expected=None)
>>> ex.check(0.1235).correct, ex.outcome
(True, 'after hints')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autograd.display import format_number
from autograd.value import Value

FIRST_TRY, AFTER_HINTS, GIVEN_UP = "first try", "after hints", "given up"
"""How an exercise ended: right at once, right after one or more hints, or given up."""


def agrees(answer: float, expected: float) -> bool:
    """Whether ``answer`` reads as ``expected`` does on screen: ``format_number`` of both
    is the same text (4 significant digits; 0.12345 and 0.1235 agree with 0.123456)."""
    return math.isfinite(answer) and format_number(answer) == format_number(expected)


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer: ``correct``; the ``hint`` earned (the worked line
    ``name = formula = numbers = value`` once right or given up); and ``expected``,
    the engine's value, only once right or given up (else None)."""

    correct: bool
    hint: str | None
    expected: float | None

    def __str__(self) -> str:
        if self.correct:
            return f"right: {self.hint}"
        if self.expected is not None:
            return f"the answer: {self.hint}"
        return f"not yet; hint: {self.hint}"


class Exercise:
    """One quantity to predict: ``name`` (e.g. ``"delta_3"``), the engine's ``value``
    (a float or a Value, read at once), its ``formula`` in symbols and the same with
    ``numbers`` substituted; see the module text."""

    def __init__(self, name: str, value: float | Value, formula: str, numbers: str) -> None:
        self.name = name
        self.value = float(value.data if isinstance(value, Value) else value)
        self.formula, self.numbers = formula, numbers
        self.wrong = 0
        self.outcome: str | None = None

    @property
    def hints(self) -> list[str]:
        """The hints in the order they are earned: symbols, numbers, the answer."""
        return [f"{self.name} = {self.formula}",
                f"{self.name} = {self.formula} = {self.numbers}",
                f"{self.name} = {format_number(self.value)}"]

    def worked(self) -> str:
        """The whole line: name = formula = numbers = the value as shown."""
        return f"{self.name} = {self.formula} = {self.numbers} = {format_number(self.value)}"

    def check(self, answer: float | None = None, give_up: bool = False) -> Verdict:
        """Grade ``answer`` (see :func:`agrees`); a wrong one earns the next hint (the
        last is repeated), ``give_up`` shows the answer.  Once an exercise is right or
        given up, its :attr:`outcome` stays (:data:`FIRST_TRY`, :data:`AFTER_HINTS` or
        :data:`GIVEN_UP`)."""
        if answer is not None and agrees(float(answer), self.value):
            if self.outcome is None:
                self.outcome = FIRST_TRY if self.wrong == 0 else AFTER_HINTS
            return Verdict(True, self.worked(), self.value)
        if give_up:
            self.outcome = self.outcome or GIVEN_UP
            return Verdict(False, self.worked(), self.value)
        if answer is None:
            raise TypeError(f"check({self.name}): give an answer (a number) or give_up=True")
        self.wrong += 1
        return Verdict(False, self.hints[min(self.wrong, 3) - 1], None)
