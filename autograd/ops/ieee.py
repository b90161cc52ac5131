"""The float implementations the table needs beyond Python's ``math``.

``math`` raises where IEEE arithmetic has an answer (``exp(1000)`` is inf, ``sin(inf)`` is
nan); these return that answer, and the stable forms of sigma, ln(1 + e^x) and
ln(e^x + e^y) never overflow on the way.  :mod:`autograd.ops.table` uses them in its
entries' ``floats=`` and ``arrays=``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any


def exp(x: float) -> float:
    """e^x, +inf beyond the largest float."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def power(x: float, y: float) -> float:
    """x^y, +-inf on overflow (with the sign of x when y is an odd integer)."""
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.copysign(math.inf, x) if y % 2 == 1 else math.inf


def sigmoid(x: float) -> float:
    """sigma(x) = 1 / (1 + e^-x), evaluated so that e^|x| never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sigmoid_block(np: Any, x: Any) -> Any:
    """sigma(x) = 1 / (1 + e^-x) on a block, in place.  For x < -709, e^-x overflows to inf
    and the result is 0 (the float form gives a subnormal number there, below 1e-308);
    everywhere else the two agree to an ulp, and this is four times faster on blocks."""
    r = np.negative(x)
    np.exp(r, out=r)
    r += 1.0
    return np.divide(1.0, r, out=r)


def softplus(x: float) -> float:
    """ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): e^-|x| <= 1, so nothing overflows."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


_LN2 = math.log(2.0)


def logaddexp(x: float, y: float) -> float:
    """ln(e^x + e^y) = max(x, y) + ln(1 + e^-|x - y|): e^-|x - y| <= 1, so nothing overflows
    (x = y, infinities included, is max + ln 2; nan in either gives nan)."""
    if x == y:
        return x + _LN2
    top = x if x > y else y
    return top + math.log1p(math.exp(-abs(x - y)))


def periodic(f: Callable[[float], float]) -> Callable[[float], float]:
    """``f`` (sin or cos) giving nan at +-inf, as IEEE arithmetic does, rather than raising."""
    def apply(x: float) -> float:
        try:
            return f(x)
        except ValueError:
            return math.nan

    return apply


def relu(x: float) -> float:
    """max(0, x); nan stays nan."""
    return 0.0 if x <= 0 else x


def step(x: float) -> float:
    """Heaviside step, the derivative of relu: 1 for x > 0, 0 for x <= 0, nan for nan."""
    return 1.0 if x > 0 else 0.0 if x <= 0 else x


def sign(x: float) -> float:
    """The derivative of |x|: -1, 0 or 1 (nan for nan)."""
    return float((x > 0) - (x < 0)) if x == x else x
