"""The engine's argument checks: a real number, a list of Values, and their messages.

A Value is recognised by its fields (a node made by an op or a leaf has ``_op``, and its
``data`` is a float), so this module sits below :mod:`autograd.value`.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autograd.value import Value


def is_value(x: Any) -> bool:
    """Whether ``x`` is a Value (a node of the graph)."""
    return hasattr(x, "_op") and x.data.__class__ is float


def real(x: Any, where: str = "comparison") -> float:
    """``x`` as a float: a real number (not a bool), or a Value, which stands for its
    ``data``; anything else is a TypeError naming ``where`` and the type found."""
    if x.__class__ is float:
        return x
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return float(x)
    if is_value(x):
        return float(x.data)
    raise TypeError(f"{where}: expected a Value or a real number, got {type(x).__name__}")


def value_list(xs: Any, where: str, what: str,
               expected: str = "a list of Values") -> list[Value]:
    """``xs`` as a list of Values, or a TypeError naming ``where``, ``what`` and the bad item."""
    if is_value(xs) or isinstance(xs, (str, bytes)) or not isinstance(xs, Sequence):
        raise TypeError(f"{where}: {what} must be {expected}, got {type(xs).__name__}")
    for i, x in enumerate(xs):
        if not is_value(x):
            raise TypeError(f"{where}: {what}[{i}] must be a Value, got {type(x).__name__}")
    return list(xs)
