"""What an entry of the table is: :class:`Op`, its :class:`Domain`, a :class:`Helper`, and
the :class:`Namespace` that gives rules their functions.

An op is computed in one of two ways.  Plain arithmetic (``x + y``, ``-x``) works on
floats, Values and arrays alike, so its forward rule needs nothing else.  Any other op
is a *function* that each kind of value computes its own way: the entry gives the float
implementation (``floats``) and the array one (``arrays(np, x)``, written against the
NumPy module it is handed, so this package never imports NumPy), and every namespace
(floats, Values, arrays) exposes it under one name, ``m.exp``.  The domain of the
function is stated once, as predicates that hold where an operand is out of it, written
with comparisons only so that they run on floats and arrays.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any


class Namespace(SimpleNamespace):
    """The handful of functions a rule may call (``m.exp``, ``m.step``), for one kind of value."""


@dataclass(frozen=True, slots=True)
class Domain:
    """Where a function is undefined: ``bad(x[, y])`` is true (element-wise, for arrays)
    at the operands it refuses, with an error of type ``error`` that says ``expects``."""

    bad: Callable[..., Any]
    error: type[Exception]
    expects: str

    def refuse(self, name: str, operands: Sequence[str], where: str = "") -> Exception:
        """The error for operands shown as ``operands`` (``where``: e.g. the batch row)."""
        shown = ", ".join(f"{n} = {v}" for n, v in zip("xy", operands, strict=False))
        return self.error(f"{name}: {self.expects}, got {shown}{where}")


@dataclass(frozen=True, slots=True)
class Op:
    """One primitive: its symbol, forward rule and per-input derivative rules.

    ``forward(m, x[, y])`` computes the output and ``derivatives[i](m, g, out, x[, y])``
    returns g * d(out)/d(input i), all with the functions of namespace ``m``.  A function
    op also gives its implementations (``floats``, ``arrays``), its name in every
    namespace (``function``, default: ``name``), its ``domain``, and ``grad_domain``:
    where the derivative for the second operand exists, checked when that operand is
    recorded as a Value (the backward pass will need it).
    """

    name: str
    forward: Callable[..., Any]
    derivatives: tuple[Callable[..., Any], ...]
    floats: Callable[..., float] | None = None
    arrays: Callable[..., Any] | None = None
    domain: tuple[Domain, ...] = ()
    grad_domain: Domain | None = None
    function: str = ""

    @property
    def arity(self) -> int:
        """How many inputs the op takes (1 or 2)."""
        return len(self.derivatives)

    @property
    def key(self) -> str:
        """The op's name in every namespace: ``m.<key>``."""
        return self.function or self.name

    def __repr__(self) -> str:
        return f"Op({self.name!r})"


@dataclass(frozen=True, slots=True)
class Helper:
    """A function the rules call that is no op of its own (relu's derivative, say), given
    for every kind of value.  Each takes the namespace it belongs to first (``m``), and
    ``arrays`` the NumPy module before it: ``floats(m, x)``, ``values(m, x)``,
    ``arrays(np, m, x)``."""

    name: str
    floats: Callable[..., Any]
    values: Callable[..., Any]
    arrays: Callable[..., Any]


def namespace(table: dict[str, Op], helpers: Iterable[Helper],
              function: Callable[[Op], Callable[..., Any]],
              helper: Callable[[Helper], Callable[..., Any]]) -> Namespace:
    """The functions a rule may call, for one kind of value: ``function(op)`` for every
    function op of ``table`` under its key, and every helper's ``helper(h)`` (one of its
    columns) with this namespace as its ``m``."""
    m = Namespace(**{op.key: function(op) for op in table.values() if op.floats is not None})
    for h in helpers:
        setattr(m, h.name, functools.partial(helper(h), m))
    return m


def on_floats(op: Op) -> Callable[..., float]:
    """``op``'s float function, refusing operands outside its domain by name and value.

    The implementation runs first and the domain is consulted only when it raises, so
    the usual case pays nothing for the check."""
    f = op.floats
    assert f is not None, f"{op!r} is plain arithmetic, not a function"
    if not op.domain:
        return f
    domain = op.domain

    def checked(*xs: float) -> float:
        try:
            return f(*xs)
        except (ArithmeticError, ValueError) as error:
            for d in domain:
                if d.bad(*xs):
                    raise d.refuse(op.key, [repr(x) for x in xs]) from None
            raise error

    return checked
