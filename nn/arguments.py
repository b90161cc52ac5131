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
from collections.abc import Iterable, Sequence
from typing import Any


def is_number(x: Any) -> bool:
    """Whether ``x`` is a real number and not a bool (True is an int, never a number here)."""
    return x.__class__ is float or (isinstance(x, numbers.Real) and not isinstance(x, bool))


def is_int(x: Any) -> bool:
    """Whether ``x`` is an int and not a bool."""
    return isinstance(x, int) and not isinstance(x, bool)


def is_list(x: Any, kind: type = Sequence) -> bool:
    """Whether ``x`` is a ``kind`` (a list-like Sequence by default, or e.g. Iterable) and
    not a str or bytes, which are sequences of characters, not of entries."""
    return isinstance(x, kind) and not isinstance(x, (str, bytes))


def integer(where: str, what: str, x: Any, at_least: int | None = None,
            symbol: bool = False) -> int:
    """``x`` as an int (not a bool); with ``at_least``, also ``x >= at_least``.

    TypeError ``"{where}: {what} must be an int, got {type}"``; ValueError
    ``"{where}: {what} must be at least {at_least}, got {x}"`` (with ``symbol``:
    ``"must be >= {at_least}"``, fit's wording).
    """
    if not is_int(x):
        raise TypeError(f"{where}: {what} must be an int, got {type(x).__name__}")
    if at_least is not None and x < at_least:
        bound = f">= {at_least}" if symbol else f"at least {at_least}"
        raise ValueError(f"{where}: {what} must be {bound}, got {x}")
    return int(x)


def seed(where: str, x: Any) -> int | None:
    """A random seed: an int (not a bool) or None, else TypeError ``"must be an int or None"``."""
    if x is not None and not is_int(x):
        raise TypeError(f"{where}: seed must be an int or None, got {type(x).__name__}")
    return None if x is None else int(x)


def number(where: str, what: str, x: Any) -> float:
    """``x`` as a float if it is a real number (not a bool), else TypeError "must be a number"."""
    if not is_number(x):
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
    if not is_list(x):
        raise TypeError(f"{where}: {what} must be a list{detail}, got {type(x).__name__}")
    checked: Sequence[Any] = x
    return checked


def listing(names: Sequence[str], limit: int = 6) -> str:
    """Names for an error message: "a, b, c", "none", or the first few "and k more"."""
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def name(where: str, x: Any, what: str = "name") -> str:
    """A node name: a non-empty str without "->" (which parameter names use as the arrow),
    and not "0", the name of the constant input a_0 = 1 (the bias of j is ``"w[0->j]"``)."""
    if not isinstance(x, str):
        raise TypeError(f"{where}: {what} must be a str, got {type(x).__name__}")
    if not x or "->" in x:
        raise ValueError(f"{where}: {what} {x!r} must be non-empty and must not contain '->'")
    if x == "0":
        raise ValueError(f"{where}: {what} '0' is taken: 0 names the constant input a_0 = 1, "
                         "whose weight w[0->j] is the bias of j; choose another name")
    return x


def input_names(where: str, n_inputs: Any, names: Any) -> list[str]:
    """["x1", ..., "xn"], or the given names after checking their count, type and uniqueness."""
    integer(where, "n_inputs", n_inputs, at_least=1)
    if names is None:
        return [f"x{i}" for i in range(1, n_inputs + 1)]
    if not is_list(names, Iterable):
        raise TypeError(f"{where}: input_names must be a list of str, got {names!r}")
    checked = [name(where, x, "input name") for x in names]
    if len(checked) != n_inputs:
        raise ValueError(f"{where}: {len(checked)} input_names given for {n_inputs} inputs")
    if len(set(checked)) != len(checked):
        raise ValueError(f"{where}: input_names repeat a name: {checked}")
    return checked
