"""THE table: every primitive the engine knows, one entry each.

An entry is an op's forward rule and, for each input, its local derivative:

    name | forward(m, x[, y]) | derivatives: g * d(out)/dx (, g * d(out)/dy)

A derivative rule ``d(m, g, out, x[, y])`` gets the upstream gradient g = dE/d(out), the
op's output ``out`` and its inputs, and returns that input's share of the chain rule
(the tutorial, section 5).  Rules are plain arithmetic on what they are given; the few
functions they need (``m.exp``, ``m.log``) come from the namespace ``m``, so one rule
runs on floats, Values and arrays alike.  An op that is a function, not plain
arithmetic, also says how floats and arrays compute it and where it is undefined.
"""

from __future__ import annotations

import copyreg
import math
import operator
from typing import Any

from autograd.ops import ieee
from autograd.ops.op import Domain, Helper, Namespace, Op, namespace, on_floats

ADD = Op("+", forward=lambda m, x, y: x + y, derivatives=(
    lambda m, g, out, x, y: g,                       # d(x+y)/dx = 1
    lambda m, g, out, x, y: g,                       # d(x+y)/dy = 1
))
SUB = Op("-", forward=lambda m, x, y: x - y, derivatives=(
    lambda m, g, out, x, y: g,                       # d(x-y)/dx = 1
    lambda m, g, out, x, y: -g,                      # d(x-y)/dy = -1
))
MUL = Op("*", forward=lambda m, x, y: x * y, derivatives=(
    lambda m, g, out, x, y: g * y,                   # d(xy)/dx = y
    lambda m, g, out, x, y: g * x,                   # d(xy)/dy = x
))
NEG = Op("neg", forward=lambda m, x: -x, derivatives=(
    lambda m, g, out, x: -g,                         # d(-x)/dx = -1
))
DIV = Op("/", forward=lambda m, x, y: m.div(x, y), derivatives=(
    lambda m, g, out, x, y: g / y,                   # d(x/y)/dx = 1/y
    lambda m, g, out, x, y: -g * out / y,            # d(x/y)/dy = -x/y^2
), function="div", floats=operator.truediv, arrays=lambda np, x, y: np.divide(x, y), domain=(
    Domain(lambda x, y: y == 0, ZeroDivisionError, "division by zero"),
))
POW = Op("**", forward=lambda m, x, y: m.pow(x, y), derivatives=(
    lambda m, g, out, x, y: g * m.scale_pow(y, x, y - 1),  # d(x^y)/dx = y x^(y-1), 0 if y = 0
    lambda m, g, out, x, y: g * out * m.log(x),            # d(x^y)/dy = x^y ln x
), function="pow", floats=ieee.power, arrays=lambda np, x, y: np.power(x, y), domain=(
    Domain(lambda x, y: (x == 0) & (y < 0), ZeroDivisionError,
           "0 ** y is undefined for y < 0 (zero base, negative exponent)"),
    Domain(lambda x, y: (x < 0) & (y % 1 > 0), ValueError,
           "a negative base needs an integer exponent"),
), grad_domain=Domain(lambda x, y: x <= 0, ValueError,
                      "a Value exponent needs a positive base (d/dy x**y = x**y ln x; use a "
                      "plain number as the exponent for base <= 0)"))
EXP = Op("exp", forward=lambda m, x: m.exp(x), derivatives=(
    lambda m, g, out, x: g * out,                    # d(e^x)/dx = e^x
), floats=ieee.exp, arrays=lambda np, x: np.exp(x))
LOG = Op("log", forward=lambda m, x: m.log(x), derivatives=(
    lambda m, g, out, x: g / x,                      # d(ln x)/dx = 1/x
), floats=math.log, arrays=lambda np, x: np.log(x), domain=(
    Domain(lambda x: x <= 0, ValueError, "expects x > 0"),
))
SQRT = Op("sqrt", forward=lambda m, x: m.sqrt(x), derivatives=(
    lambda m, g, out, x: g * 0.5 / out,              # d(sqrt x)/dx = 1 / (2 sqrt x)
), floats=math.sqrt, arrays=lambda np, x: np.sqrt(x), domain=(
    Domain(lambda x: x < 0, ValueError, "expects x >= 0"),
))
TANH = Op("tanh", forward=lambda m, x: m.tanh(x), derivatives=(
    lambda m, g, out, x: g * (1 - out * out),        # tanh' = 1 - tanh^2
), floats=math.tanh, arrays=lambda np, x: np.tanh(x))
SIGMOID = Op("sigmoid", forward=lambda m, x: m.sigmoid(x), derivatives=(
    lambda m, g, out, x: g * out * (1 - out),        # sigma' = sigma (1 - sigma)
), floats=ieee.sigmoid, arrays=ieee.sigmoid_block)
SOFTPLUS = Op("softplus", forward=lambda m, x: m.softplus(x), derivatives=(
    lambda m, g, out, x: g * m.sigmoid(x),           # d ln(1 + e^x)/dx = sigma(x)
), floats=ieee.softplus, arrays=lambda np, x: np.logaddexp(0.0, x))
LOGADDEXP = Op("logaddexp", forward=lambda m, x, y: m.logaddexp(x, y), derivatives=(
    lambda m, g, out, x, y: g * m.sigmoid(x - y),    # d ln(e^x + e^y)/dx = sigma(x - y)
    lambda m, g, out, x, y: g * m.sigmoid(y - x),    # d ln(e^x + e^y)/dy = sigma(y - x)
), floats=ieee.logaddexp, arrays=lambda np, x, y: np.logaddexp(x, y))
RELU = Op("relu", forward=lambda m, x: m.relu(x), derivatives=(
    lambda m, g, out, x: g * m.step(x),              # relu' = [x > 0]
), floats=ieee.relu, arrays=lambda np, x: np.maximum(x, 0.0))
ABS = Op("abs", forward=lambda m, x: m.abs(x), derivatives=(
    lambda m, g, out, x: g * m.sign(x),              # |x|' = sign x
), floats=abs, arrays=lambda np, x: np.abs(x))
SIN = Op("sin", forward=lambda m, x: m.sin(x), derivatives=(
    lambda m, g, out, x: g * m.cos(x),               # sin' = cos
), floats=ieee.periodic(math.sin), arrays=lambda np, x: np.sin(x))
COS = Op("cos", forward=lambda m, x: m.cos(x), derivatives=(
    lambda m, g, out, x: -g * m.sin(x),              # cos' = -sin
), floats=ieee.periodic(math.cos), arrays=lambda np, x: np.cos(x))

TABLE: dict[str, Op] = {op.name: op for op in (
    ADD, SUB, MUL, DIV, POW, NEG, EXP, LOG, SQRT, TANH, SIGMOID, SOFTPLUS, LOGADDEXP, RELU, ABS,
    SIN, COS)}
"""Every primitive by name."""


# -- the three functions rules call that are no op of their own ------------------------
# step and sign, the derivatives of relu and |x|, are piecewise constant: on a Value they
# are the number at its data, not a node.  scale_pow(c, x, e) = c x^e is exactly 0 where c
# is 0, x^e not evaluated there (d(x^0)/dx at x = 0); a Value c is never the number 0.

def _scale_pow(m: Namespace, c: Any, x: Any, e: Any) -> Any:
    return 0.0 if c == 0 else c * m.pow(x, e)


HELPERS = (
    Helper("step", floats=lambda m, x: ieee.step(x), values=lambda m, x: ieee.step(float(x)),
           arrays=lambda np, m, x: np.heaviside(x, 0.0)),
    Helper("sign", floats=lambda m, x: ieee.sign(x), values=lambda m, x: ieee.sign(float(x)),
           arrays=lambda np, m, x: np.sign(x)),
    Helper("scale_pow", floats=_scale_pow, values=_scale_pow,
           arrays=lambda np, m, c, x, e: c * m.pow(np.where(np.equal(c, 0), 1.0, x), e)),
)
"""The functions every namespace has besides the table's (``m.step``, ``m.scale_pow``)."""

FLOATS = namespace(TABLE, HELPERS, on_floats, lambda h: h.floats)
"""Rules evaluated on floats: the first-order backward pass, and every forward value."""


def table_op(name: str) -> Op:
    """The op named ``name`` in :data:`TABLE` (how an op is unpickled)."""
    return TABLE[name]


def _reduce_op(op: Op) -> tuple[Any, ...]:
    return (table_op, (op.name,))


copyreg.pickle(Op, _reduce_op)  # an op is copied and pickled as its name: its rules are lambdas
