"""Checks of public arguments shared across nn: each returns the value or raises a clear error.

Every message starts with ``where`` (the function or class the user called), names the
argument ``what`` and says what was expected, e.g. ``"fit: epochs must be an int, got
float"``.  A bool is never accepted as a number (True is an int in Python, but passing it
as a count or a rate is a mistake).  Range checks whose wording is specific to one
caller (``"n must be at least 2 (one point of each class)"``) stay with that caller.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any


def integer(where: str, what: str, x: Any, at_least: int | None = None) -> int:
    """``x`` as an int (not a bool); with ``at_least``, also ``x >= at_least``.

    TypeError ``"{where}: {what} must be an int, got {type}"``; ValueError
    ``"{where}: {what} must be at least {at_least}, got {x}"``.
    """
    if isinstance(x, bool) or not isinstance(x, int):
        raise TypeError(f"{where}: {what} must be an int, got {type(x).__name__}")
    if at_least is not None and x < at_least:
        raise ValueError(f"{where}: {what} must be at least {at_least}, got {x}")
    return x


def seed(where: str, x: Any) -> int | None:
    """A random seed: an int (not a bool) or None, else TypeError ``"must be an int or None"``."""
    if x is not None and (isinstance(x, bool) or not isinstance(x, int)):
        raise TypeError(f"{where}: seed must be an int or None, got {type(x).__name__}")
    return x


def number(where: str, what: str, x: Any) -> float:
    """``x`` as a float if it is a real number (not a bool), else TypeError "must be a number"."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{where}: {what} must be a number, got {type(x).__name__}")
    return float(x)


def non_negative(where: str, what: str, x: Any) -> float:
    """A finite number >= 0 (a rate of noise, a penalty alpha, a tolerance) as a float.

    TypeError as :func:`number`; ValueError ``"must be a finite number >= 0, got {x!r}"``.
    """
    value = number(where, what, x)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{where}: {what} must be a finite number >= 0, got {x!r}")
    return value


def positive(where: str, what: str, x: Any) -> float:
    """A finite number > 0 (the step size eta) as a float.

    TypeError as :func:`number`; ValueError ``"must be a finite number > 0, got {x!r}"``.
    """
    value = number(where, what, x)
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{where}: {what} must be a finite number > 0, got {x!r}")
    return value


def flag(where: str, what: str, x: Any) -> bool:
    """``x`` if it is True or False, else TypeError ``"must be True or False, got {x!r}"``."""
    if not isinstance(x, bool):
        raise TypeError(f"{where}: {what} must be True or False, got {x!r}")
    return x


def sequence(where: str, what: str, x: Any, detail: str = "") -> Sequence[Any]:
    """``x`` if it is a list-like sequence (not a str), else TypeError ``"must be a list"``.

    ``detail`` is added after "a list", e.g. ``" (one entry per sample)"``.
    """
    if isinstance(x, str) or not isinstance(x, Sequence):
        raise TypeError(f"{where}: {what} must be a list{detail}, got {type(x).__name__}")
    return x
