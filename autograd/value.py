"""Value: one scalar node of the computation graph.

A Value holds its number (``data``), dE/d(itself) after the last backward pass of some
E (``grad``), an optional name (``label``), the entry of the table (:mod:`autograd.ops.table`)
that made it (``op``, None for a leaf) and that op's inputs (``parents``).

Every arithmetic method records one node: ``x * y`` runs the ``*`` entry's forward rule
on ``x.data`` and ``y.data`` and returns a new Value that remembers the op and its
parents, so an ordinary Python expression becomes a graph (a DAG) that ``backward()``
(:mod:`autograd.backward`) walks in reverse.  A node points only at its parents, so a
graph is freed the moment its output is dropped.  :func:`_record`, at the bottom, is how.
"""

from __future__ import annotations

import numbers
from threading import get_ident
from typing import Any, ClassVar

from autograd import ops
from autograd.arguments import real
from autograd.backward import backward
from autograd.mode import paused_threads
from autograd.ops import FLOATS, Op
from autograd.pickling import deepcopy_value, reduce_value, shallow_copy


class Value:
    """A scalar that remembers how it was computed.

    >>> x = Value(3.0, label="x")
    >>> y = x * x * x
    >>> y.backward()
    >>> x.grad      # dy/dx = 3 x^2
    27.0
    """

    __slots__ = ("data", "grad", "label", "_op", "_a", "_b")  # the parents: _a, _b (or None)
    _constant_class: ClassVar[type[Value]]
    """:class:`Constant`, whose nodes take no gradient (set below it, for the backward pass)."""

    def __init__(self, data: float, label: str = "") -> None:
        if data.__class__ is not float:  # a float, the usual case, needs no further check
            if isinstance(data, bool) or not isinstance(data, numbers.Real):
                raise TypeError("Value: data must be a real number (int or float), got "
                                f"{type(data).__name__}")
            data = float(data)
        if not isinstance(label, str):
            raise TypeError(f"Value: label must be a str, got {type(label).__name__}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self._op: Op | None = None
        self._a: Value | None = None
        self._b: Value | None = None

    # -- arithmetic: each method records one entry of the table ----------------------

    def __add__(self, other: Value | float) -> Value:
        return _record(ops.ADD, self, other)

    def __radd__(self, other: float) -> Value:
        return _record(ops.ADD, _constant(other, ops.ADD), self)

    def __sub__(self, other: Value | float) -> Value:
        return _record(ops.SUB, self, other)

    def __rsub__(self, other: float) -> Value:
        return _record(ops.SUB, _constant(other, ops.SUB), self)

    def __mul__(self, other: Value | float) -> Value:
        return _record(ops.MUL, self, other)

    def __rmul__(self, other: float) -> Value:
        return _record(ops.MUL, _constant(other, ops.MUL), self)

    def __truediv__(self, other: Value | float) -> Value:
        return _record(ops.DIV, self, other)

    def __rtruediv__(self, other: float) -> Value:
        return _record(ops.DIV, _constant(other, ops.DIV), self)

    def __pow__(self, other: Value | float) -> Value:
        return _record(ops.POW, self, other)

    def __rpow__(self, other: float) -> Value:
        return _record(ops.POW, _constant(other, ops.POW), self)

    def __neg__(self) -> Value:
        return _record(ops.NEG, self)

    def abs(self) -> Value:
        """|x| (also ``abs(v)``)."""
        return _record(ops.ABS, self)

    __abs__ = abs

    def exp(self) -> Value:
        """e^x."""
        return _record(ops.EXP, self)

    def log(self) -> Value:
        """ln x, for x > 0."""
        return _record(ops.LOG, self)

    def sqrt(self) -> Value:
        """sqrt(x), for x >= 0."""
        return _record(ops.SQRT, self)

    def tanh(self) -> Value:
        """tanh(x)."""
        return _record(ops.TANH, self)

    def sigmoid(self) -> Value:
        """sigma(x) = 1 / (1 + e^-x), stable for any x."""
        return _record(ops.SIGMOID, self)

    def softplus(self) -> Value:
        """ln(1 + e^x), stable for any x; its derivative is sigma(x)."""
        return _record(ops.SOFTPLUS, self)

    def logaddexp(self, other: Value | float) -> Value:
        """ln(e^x + e^y), stable for any x and y; its derivatives are sigma(x - y), sigma(y - x)."""
        return _record(ops.LOGADDEXP, self, other)

    def relu(self) -> Value:
        """max(0, x)."""
        return _record(ops.RELU, self)

    def sin(self) -> Value:
        """sin x."""
        return _record(ops.SIN, self)

    def cos(self) -> Value:
        """cos x."""
        return _record(ops.COS, self)

    # -- differentiation -------------------------------------------------------------

    def backward(self, gradient: float = 1.0) -> None:
        """Fill ``.grad`` of every node this Value depends on with d(self)/d(node).

        Leaves accumulate across calls (``+=``), as in PyTorch; every other node's
        ``.grad`` is overwritten with this pass's value, so a learner can read the
        gradient at every node.  See :func:`autograd.backward.backward`.
        """
        backward(self, gradient)

    # -- structure -------------------------------------------------------------------

    @property
    def op(self) -> Op | None:
        """The primitive from :data:`autograd.ops.TABLE` that made this node, or None."""
        return self._op

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the op that made this node, in operand order (``()`` for a leaf)."""
        a, b = self._a, self._b
        return () if a is None else (a,) if b is None else (a, b)

    @property
    def is_leaf(self) -> bool:
        """True for a Value made by the user (an input or a parameter), not by an op."""
        return self._op is None

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    def __float__(self) -> float:
        return self.data

    # Comparisons look at data only (no node is recorded).  There is deliberately no
    # __eq__: Values hash by identity, so they can key the dicts of the backward pass.
    def __lt__(self, other: Any) -> bool:
        return self.data < real(other)

    def __le__(self, other: Any) -> bool:
        return self.data <= real(other)

    def __gt__(self, other: Any) -> bool:
        return self.data > real(other)

    def __ge__(self, other: Any) -> bool:
        return self.data >= real(other)

    # copying and pickling: a graph node by node (a chain of any depth), ops by name
    __reduce__ = reduce_value
    __deepcopy__ = deepcopy_value
    __copy__ = shallow_copy  # the same fields and the same parents (not copies of them)


class Constant(Value):
    """A plain number lifted into the graph as an operand (the 2 in ``x * 2``): a leaf that
    never receives a gradient.  In ``create_graph`` mode its rule sees the bare number, so
    ``x ** 2`` stays a power with a constant exponent at every order of differentiation."""

    __slots__ = ()


Value._constant_class = Constant  # backward.py, below this module, tells constants by it


# -- recording, the engine's hot path ---------------------------------------------------
# One call of _record per arithmetic operation, so it is written for speed, in four ways:
# * a node is made by object.__new__ (_new), without __init__: its fields need no check;
# * _UNARY, not None, marks a one-input op (None could be a bad operand);
# * an op on Constants alone is folded into a Constant (a leaf, so no pass ever runs a
#   rule for it), and a Value exponent has its base checked now (op.grad_domain), since
#   the backward pass will need d(x^y)/dy = x^y ln x;
# * no_grad is one truth test of mode.paused_threads, empty unless a thread is inside it.

_new = object.__new__
_UNARY: Any = object()


def _record(op: Op, a: Value, b: Any = _UNARY) -> Value:
    """The result of ``op`` on ``a`` (and ``b``), recorded as a node of the graph."""
    if b is _UNARY:
        data = op.forward(FLOATS, a.data)
        b = None
        constant = a.__class__ is Constant
    else:
        if not isinstance(b, Value):
            b = _constant(b, op)
        elif op.grad_domain is not None and b.__class__ is not Constant \
                and op.grad_domain.bad(a.data, b.data):
            raise op.grad_domain.refuse(op.key, [repr(a.data), repr(b.data)])
        data = op.forward(FLOATS, a.data, b.data)
        constant = a.__class__ is Constant and b.__class__ is Constant
    if constant:
        return _constant(data, op)
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    if not paused_threads or get_ident() not in paused_threads:
        out._op, out._a, out._b = op, a, b
    else:
        out._op = out._a = out._b = None
    return out


def _constant(x: Any, op: Op) -> Constant:
    """``x`` (a number, or a Value's data) as a Constant operand of ``op``."""
    c = _new(Constant)
    c.data, c.grad, c.label = real(x, op.name), 0.0, ""
    c._op = c._a = c._b = None
    return c
