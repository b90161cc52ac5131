"""THE table: every primitive the engine knows, one entry each, and the float namespace.

Read each entry as: forward  |  d out / d x  (|  d out / d y), then how a function op is
computed on floats and on arrays, and where it is undefined.  Rules are plain arithmetic
on what they are given; the few functions they need come from the namespace ``m``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from autograd.ops.op import Domain, Namespace, Op, functions, on_floats

# -- float implementations whose IEEE value Python's math would refuse to give ----------


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:  # e^x beyond the largest float is +inf, as in IEEE arithmetic
        return math.inf


def _pow(x: float, y: float) -> float:
    try:
        return math.pow(x, y)
    except OverflowError:  # +-inf, with the sign of x when y is an odd integer
        return math.copysign(math.inf, x) if y % 2 == 1 else math.inf


def _sigmoid(x: float) -> float:
    """sigma(x) = 1 / (1 + e^-x), evaluated so that e^|x| never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _sigmoid_block(np: Any, x: Any) -> Any:
    """sigma(x) = 1 / (1 + e^-x) on a block, in place.  For x < -709, e^-x overflows to inf
    and the result is 0 (the float form gives a subnormal number there, below 1e-308);
    everywhere else the two agree to an ulp, and this is four times faster on blocks."""
    r = np.negative(x)
    np.exp(r, out=r)
    r += 1.0
    return np.divide(1.0, r, out=r)


def _softplus(x: float) -> float:
    """ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): e^-|x| <= 1, so nothing overflows."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _periodic(f: Callable[[float], float]) -> Callable[[float], float]:
    def apply(x: float) -> float:
        try:
            return f(x)
        except ValueError:  # sin and cos of +-inf are nan, as in IEEE arithmetic
            return math.nan

    return apply


def _relu(x: float) -> float:
    return 0.0 if x <= 0 else x  # nan stays nan


# -- THE table ---------------------------------------------------------------------------

ADD = Op("+", lambda m, x, y: x + y, (
    lambda m, g, out, x, y: g,                       # d(x+y)/dx = 1
    lambda m, g, out, x, y: g,                       # d(x+y)/dy = 1
))
SUB = Op("-", lambda m, x, y: x - y, (
    lambda m, g, out, x, y: g,                       # d(x-y)/dx = 1
    lambda m, g, out, x, y: -g,                      # d(x-y)/dy = -1
))
MUL = Op("*", lambda m, x, y: x * y, (
    lambda m, g, out, x, y: g * y,                   # d(xy)/dx = y
    lambda m, g, out, x, y: g * x,                   # d(xy)/dy = x
))
NEG = Op("neg", lambda m, x: -x, (
    lambda m, g, out, x: -g,                         # d(-x)/dx = -1
))
DIV = Op("/", lambda m, x, y: m.div(x, y), (
    lambda m, g, out, x, y: g / y,                   # d(x/y)/dx = 1/y
    lambda m, g, out, x, y: -g * out / y,            # d(x/y)/dy = -x/y^2
), operator.truediv, lambda np, x, y: np.divide(x, y), function="div", domain=(
    Domain(lambda x, y: y == 0, ZeroDivisionError, "division by zero"),
))
POW = Op("**", lambda m, x, y: m.pow(x, y), (
    lambda m, g, out, x, y: g * m.scale_pow(y, x, y - 1),  # d(x^y)/dx = y x^(y-1), 0 if y = 0
    lambda m, g, out, x, y: g * out * m.log(x),            # d(x^y)/dy = x^y ln x
), _pow, lambda np, x, y: np.power(x, y), function="pow", domain=(
    Domain(lambda x, y: (x == 0) & (y < 0), ZeroDivisionError,
           "0 ** y is undefined for y < 0 (zero base, negative exponent)"),
    Domain(lambda x, y: (x < 0) & (y % 1 > 0), ValueError,
           "a negative base needs an integer exponent"),
), grad_domain=Domain(lambda x, y: x <= 0, ValueError,
                      "a Value exponent needs a positive base (d/dy x**y = x**y ln x; use a "
                      "plain number as the exponent for base <= 0)"))
EXP = Op("exp", lambda m, x: m.exp(x), (
    lambda m, g, out, x: g * out,                    # d(e^x)/dx = e^x
), _exp, lambda np, x: np.exp(x))
LOG = Op("log", lambda m, x: m.log(x), (
    lambda m, g, out, x: g / x,                      # d(ln x)/dx = 1/x
), math.log, lambda np, x: np.log(x), domain=(
    Domain(lambda x: x <= 0, ValueError, "expects x > 0"),
))
SQRT = Op("sqrt", lambda m, x: m.sqrt(x), (
    lambda m, g, out, x: g * 0.5 / out,              # d(sqrt x)/dx = 1 / (2 sqrt x)
), math.sqrt, lambda np, x: np.sqrt(x), domain=(
    Domain(lambda x: x < 0, ValueError, "expects x >= 0"),
))
TANH = Op("tanh", lambda m, x: m.tanh(x), (
    lambda m, g, out, x: g * (1 - out * out),        # tanh' = 1 - tanh^2
), math.tanh, lambda np, x: np.tanh(x))
SIGMOID = Op("sigmoid", lambda m, x: m.sigmoid(x), (
    lambda m, g, out, x: g * out * (1 - out),        # sigma' = sigma (1 - sigma)
), _sigmoid, lambda np, x: _sigmoid_block(np, x))
SOFTPLUS = Op("softplus", lambda m, x: m.softplus(x), (
    lambda m, g, out, x: g * m.sigmoid(x),           # d ln(1 + e^x)/dx = sigma(x)
), _softplus, lambda np, x: np.logaddexp(0.0, x))
RELU = Op("relu", lambda m, x: m.relu(x), (
    lambda m, g, out, x: g * m.step(x),              # relu' = [x > 0]
), _relu, lambda np, x: np.maximum(x, 0.0))
ABS = Op("abs", lambda m, x: m.abs(x), (
    lambda m, g, out, x: g * m.sign(x),              # |x|' = sign x
), abs, lambda np, x: np.abs(x))
SIN = Op("sin", lambda m, x: m.sin(x), (
    lambda m, g, out, x: g * m.cos(x),               # sin' = cos
), _periodic(math.sin), lambda np, x: np.sin(x))
COS = Op("cos", lambda m, x: m.cos(x), (
    lambda m, g, out, x: -g * m.sin(x),              # cos' = -sin
), _periodic(math.cos), lambda np, x: np.cos(x))

TABLE: dict[str, Op] = {op.name: op for op in (
    ADD, SUB, MUL, DIV, POW, NEG, EXP, LOG, SQRT, TANH, SIGMOID, SOFTPLUS, RELU, ABS, SIN, COS)}
"""Every primitive by name."""


# -- the float namespace -----------------------------------------------------------------


def _step(x: float) -> float:
    """Heaviside step, the derivative of relu: 1 for x > 0, 0 for x <= 0, nan for nan."""
    return 1.0 if x > 0 else 0.0 if x <= 0 else x


def _sign(x: float) -> float:
    """The derivative of |x|: -1, 0 or 1 (nan for nan)."""
    return float((x > 0) - (x < 0)) if x == x else x


def _scale_pow(c: float, x: float, e: float) -> float:
    """c x^e, exactly 0 when c = 0 (x^e is then not evaluated: the derivative of x^0)."""
    return 0.0 if c == 0 else c * FLOATS.pow(x, e)


FLOATS = Namespace(**functions(TABLE, on_floats), step=_step, sign=_sign, scale_pow=_scale_pow)
"""Rules evaluated on floats: the first-order backward pass, and every forward value."""
