"""Value: one scalar node of the computation graph.

A Value holds a number (``data``), the gradient of the last backward pass
(``grad``), an optional ``label``, the op from :mod:`autograd.ops` that made it and
its parents.  Every arithmetic operation on Values records a new node, so an
ordinary Python expression becomes a DAG that :mod:`autograd.backward` walks in
reverse.

The node is kept lean on purpose: ``__slots__``, the parents in two slots rather
than a container, and the op as a shared reference into the table (no closure per
node).  A node points only at its parents, never at its children or at itself, so a
graph is freed by reference counting the moment its output is dropped.

(The file is about 300 lines on purpose: Value has one short method per entry
of the table, and they read best side by side with the one function that records them.)
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from threading import get_ident
from typing import Any

from autograd import ops
from autograd.ops import FLOATS, Op

_paused: dict[int, int] = {}
"""Threads inside :class:`~autograd.mode.no_grad` (thread id -> nesting depth).

Operations record graph nodes unless their thread is listed here; the table is
empty almost always, so the hot path pays one truth test."""


class Value:
    """A scalar that remembers how it was computed.

    >>> x = Value(3.0, label="x")
    >>> y = x * x * x
    >>> y.backward()
    >>> x.grad      # dy/dx = 3 x^2
    27.0
    """

    __slots__ = ("data", "grad", "label", "_op", "_a", "_b")

    def __init__(self, data: float, label: str = "") -> None:
        if data.__class__ is not float:  # the common case skips the ABC check below
            if isinstance(data, bool) or not isinstance(data, numbers.Real):
                raise TypeError(
                    f"Value: data must be a real number (int or float), got {type(data).__name__}"
                )
            data = float(data)
        if not isinstance(label, str):
            raise TypeError(f"Value: label must be a str, got {type(label).__name__}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self._op: Op | None = None
        self._a: Value | None = None
        self._b: Value | None = None

    # -- structure -------------------------------------------------------------------

    @property
    def op(self) -> Op | None:
        """The primitive from :data:`autograd.ops.TABLE` that made this node, or None."""
        return self._op

    @property
    def parents(self) -> tuple[Value, ...]:
        """The inputs of the op that made this node, in operand order (``()`` for a leaf)."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._a,)
        return (self._a, self._b)

    @property
    def is_leaf(self) -> bool:
        """True for a Value made by the user (an input or a parameter), not by an op."""
        return self._op is None

    def __repr__(self) -> str:
        name = f"label={self.label!r}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    def __float__(self) -> float:
        return self.data

    # -- copying: see autograd.pickling (a chain of any depth, no lambda in a pickle) ---

    def __reduce__(self) -> tuple[Any, ...]:
        from autograd.pickling import reduce_value

        return reduce_value(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Value:
        from autograd.pickling import deepcopy_value

        return deepcopy_value(self, memo)

    def __copy__(self) -> Value:
        """A new node with the same fields and the same parents (not copies of them)."""
        if self._op is None:  # a leaf as it pickles (a subclass may add fields)
            f, args = self.__reduce__()[:2]
            leaf: Value = f(*args)
            return leaf
        node = _new(self.__class__)
        node.data, node.grad, node.label = self.data, self.grad, self.label
        node._op, node._a, node._b = self._op, self._a, self._b
        return node

    # Comparisons look at data only (no node is recorded).  There is deliberately no
    # __eq__: Values hash by identity, so they can key the dicts of the backward pass.
    def __lt__(self, other: Any) -> bool:
        return self.data < _number(other)

    def __le__(self, other: Any) -> bool:
        return self.data <= _number(other)

    def __gt__(self, other: Any) -> bool:
        return self.data > _number(other)

    def __ge__(self, other: Any) -> bool:
        return self.data >= _number(other)

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
        from autograd.backward import backward

        backward(self, gradient)


class Constant(Value):
    """A plain number lifted into the graph as an operand (the 2 in ``x * 2``).

    It is a leaf that never receives a gradient: the backward pass skips it, and in
    ``create_graph`` mode its rule sees the bare number, so ``x ** 2`` stays a power
    with a constant exponent at every order of differentiation.
    """

    __slots__ = ()


_new = object.__new__
"""Makes an object without running ``__init__``: internal nodes need no validation."""

_UNARY: Any = object()
"""Marks a call of :func:`_record` for a one-input op (None could be a bad operand)."""


def _record(op: Op, a: Value, b: Any = _UNARY) -> Value:
    """The result of ``op`` on ``a`` (and ``b``), recorded as a node of the graph.

    This is the engine's hot path (one call per arithmetic operation): a plain-number
    operand is lifted into a :class:`Constant`, a Value exponent has its base checked
    (``op.grad_domain``), and a result made of Constants alone is a Constant itself, a
    leaf with no op, so that no pass ever evaluates a derivative rule for it.
    """
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
    if not _paused or get_ident() not in _paused:
        out._op, out._a, out._b = op, a, b
    else:
        out._op = out._a = out._b = None
    return out


def _constant(x: Any, op: Op) -> Constant:
    c = _new(Constant)
    c.data = _number(x, op.name)
    c.grad = 0.0
    c.label = ""
    c._op = c._a = c._b = None
    return c


def _value_list(xs: Any, where: str, what: str,
                expected: str = "a list of Values") -> list[Value]:
    """``xs`` as a list of Values, or a TypeError naming ``where``, ``what`` and the bad item."""
    if isinstance(xs, (Value, str, bytes)) or not isinstance(xs, Sequence):
        raise TypeError(f"{where}: {what} must be {expected}, got {type(xs).__name__}")
    for i, x in enumerate(xs):
        if not isinstance(x, Value):
            raise TypeError(f"{where}: {what}[{i}] must be a Value, got {type(x).__name__}")
    return list(xs)


def _number(x: Any, where: str = "comparison") -> float:
    """x as a float, or a TypeError naming the op and the offending type."""
    if x.__class__ is float:
        return x
    if isinstance(x, Value):
        return x.data
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            f"{where}: expected a Value or a real number, got {type(x).__name__}"
        )
    return float(x)
