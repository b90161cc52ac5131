"""The derivative table: every primitive the engine knows, one entry each.

An entry holds an op's forward rule and the local derivative of its output with
respect to each input, side by side.  Rules take a namespace ``m`` first: the few
functions a rule needs (``m.exp``, ``m.log``, ...) come from it, and everything
else is plain arithmetic.  The same rule therefore runs on

* floats, through :data:`FLOATS` (the ordinary backward pass),
* Values, through :data:`VALUES` (``create_graph=True``: the rule's arithmetic is
  itself recorded, so higher derivatives come for free),
* NumPy arrays, through the namespace of :mod:`autograd.compile` (batch replay).

A derivative rule ``d(m, g, out, x[, y])`` receives the upstream gradient
``g = dE/d(out)``, the op's output ``out`` and its inputs, and returns that input's
share of the chain rule: ``g * d(out)/d(input)``.  The backward machinery in
:mod:`autograd.backward` holds no op-specific code; adding an op means adding one
entry here and one method on :class:`~autograd.value.Value`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Op:
    """One primitive: its symbol, forward rule and per-input derivative rules."""

    name: str
    forward: Callable[..., Any]
    derivatives: tuple[Callable[..., Any], ...]

    @property
    def arity(self) -> int:
        """How many inputs the op takes (1 or 2)."""
        return len(self.derivatives)

    def __repr__(self) -> str:
        return f"Op({self.name!r})"


# --------------------------------------------------------------------------------------
# Float namespace: the forward functions with domain checks and stable formulas.
# --------------------------------------------------------------------------------------


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:  # e^x beyond the largest float is +inf, as in IEEE arithmetic
        return math.inf


def _log(x: float) -> float:
    if x <= 0:
        raise ValueError(f"log: expects x > 0, got x = {x!r}")
    return math.log(x)


def _sigmoid(x: float) -> float:
    """sigma(x) = 1 / (1 + e^-x), evaluated so that e^|x| never overflows."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _softplus(x: float) -> float:
    """ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): e^-|x| <= 1, so nothing overflows."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _pow(x: float, y: float) -> float:
    if x == 0 and y < 0:
        raise ZeroDivisionError(f"pow: {x!r} ** {y!r} is undefined (zero base, negative exponent)")
    if x < 0 and not float(y).is_integer():
        raise ValueError(
            f"pow: a negative base needs an integer exponent, got {x!r} ** {y!r}"
        )
    try:
        return x**y
    except OverflowError:
        return math.copysign(math.inf, x) if float(y) % 2 else math.inf


def _div(x: float, y: float) -> float:
    if y == 0:
        raise ZeroDivisionError(f"div: division by zero in {x!r} / {y!r}")
    return x / y


def _sqrt(x: float) -> float:
    if x < 0:
        raise ValueError(f"sqrt: expects x >= 0, got x = {x!r}")
    return math.sqrt(x)


def _step(x: float) -> float:
    """Heaviside step, the derivative of relu: 1 for x > 0, else 0."""
    return 1.0 if x > 0 else 0.0


def _sign(x: float) -> float:
    """The derivative of |x|: -1, 0 or 1."""
    return (x > 0) - (x < 0)


class Namespace:
    """The handful of functions a rule may call, for one kind of value."""

    def __init__(self, **functions: Callable[..., Any]) -> None:
        self.__dict__.update(functions)


FLOATS = Namespace(
    exp=_exp, log=_log, tanh=math.tanh, sigmoid=_sigmoid, softplus=_softplus, pow=_pow, div=_div,
    sqrt=_sqrt, abs=abs, relu=lambda x: x if x > 0 else 0.0, step=_step, sign=_sign,
)
"""Rules evaluated on floats: the first-order backward pass."""


# --------------------------------------------------------------------------------------
# THE table.  Read each entry as: forward  |  d out / d x  (|  d out / d y).
# --------------------------------------------------------------------------------------

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
DIV = Op("/", lambda m, x, y: m.div(x, y), (
    lambda m, g, out, x, y: g / y,                   # d(x/y)/dx = 1/y
    lambda m, g, out, x, y: -g * out / y,            # d(x/y)/dy = -x/y^2
))
POW = Op("**", lambda m, x, y: m.pow(x, y), (
    lambda m, g, out, x, y: g * y * m.pow(x, y - 1),  # d(x^y)/dx = y x^(y-1)
    lambda m, g, out, x, y: g * out * m.log(x),      # d(x^y)/dy = x^y ln x
))
NEG = Op("neg", lambda m, x: -x, (
    lambda m, g, out, x: -g,                         # d(-x)/dx = -1
))
EXP = Op("exp", lambda m, x: m.exp(x), (
    lambda m, g, out, x: g * out,                    # d(e^x)/dx = e^x
))
LOG = Op("log", lambda m, x: m.log(x), (
    lambda m, g, out, x: g / x,                      # d(ln x)/dx = 1/x
))
SQRT = Op("sqrt", lambda m, x: m.sqrt(x), (
    lambda m, g, out, x: g * 0.5 / out,              # d(sqrt x)/dx = 1 / (2 sqrt x)
))
TANH = Op("tanh", lambda m, x: m.tanh(x), (
    lambda m, g, out, x: g * (1 - out * out),        # tanh' = 1 - tanh^2
))
SIGMOID = Op("sigmoid", lambda m, x: m.sigmoid(x), (
    lambda m, g, out, x: g * out * (1 - out),        # sigma' = sigma (1 - sigma)
))
SOFTPLUS = Op("softplus", lambda m, x: m.softplus(x), (
    lambda m, g, out, x: g * m.sigmoid(x),           # d ln(1 + e^x)/dx = sigma(x)
))
RELU = Op("relu", lambda m, x: m.relu(x), (
    lambda m, g, out, x: g * m.step(x),              # relu' = [x > 0]
))
ABS = Op("abs", lambda m, x: m.abs(x), (
    lambda m, g, out, x: g * m.sign(x),              # |x|' = sign x
))

TABLE: dict[str, Op] = {op.name: op for op in (
    ADD, SUB, MUL, DIV, POW, NEG, EXP, LOG, SQRT, TANH, SIGMOID, SOFTPLUS, RELU, ABS)}
"""Every primitive by name."""
