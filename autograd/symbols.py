"""The table's rules run on symbols: a value whose arithmetic writes source code.

A :class:`Symbol` stands for a number that a generated program will hold in a local
(``v5``, ``g5``).  Its operators do not compute: ``x * y`` returns the symbol of the
text ``(x * y)``, so running a rule of :data:`autograd.ops.TABLE` on symbols writes the
rule down as an expression, with every operation in the order the float rule performs
it.  The functions a rule calls come from :func:`symbols`, a namespace like
:data:`autograd.ops.FLOATS` whose ``m.exp(x)`` writes the call ``exp(x)``; the program
that runs the text binds each name to the float function of the same entry.  Nothing
here knows any op: the table's forward rules, derivative rules and domain predicates
are the only source of what is written (:mod:`autograd.emit`).
"""

from __future__ import annotations

import math
from typing import Any

from autograd.ops import TABLE, Namespace

EXTRA = ("step", "sign", "scale_pow")
"""The namespace functions that are no entry of the table (relu', |x|', c x^e)."""


def literal(c: Any) -> str:
    """A number as source text: exact (``repr`` of a float round-trips), ``inf`` and
    ``nan`` as names the program binds, a negative number in parentheses."""
    if isinstance(c, Symbol):
        return c.text
    if isinstance(c, bool):  # a predicate decided on numbers alone
        return repr(c)
    c = float(c)
    if math.isnan(c):
        return "nan"
    if math.isinf(c):
        return "inf" if c > 0 else "(-inf)"
    return f"({c!r})" if c < 0 or (c == 0 and math.copysign(1.0, c) < 0) else repr(c)


def _binary(symbol: str) -> tuple[Any, Any]:
    def forward(x: Symbol, y: Any) -> Symbol:
        return Symbol(f"({x.text} {symbol} {literal(y)})")

    def reflected(x: Symbol, y: Any) -> Symbol:
        return Symbol(f"({literal(y)} {symbol} {x.text})")

    return forward, reflected


class Symbol:
    """A number named by source text; its arithmetic and comparisons write source.

    ``text`` is a name (``v5``) or a parenthesised expression, so any symbol can be an
    operand of another without changing the order of evaluation."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    __add__, __radd__ = _binary("+")
    __sub__, __rsub__ = _binary("-")
    __mul__, __rmul__ = _binary("*")
    __truediv__, __rtruediv__ = _binary("/")

    def __mod__(self, other: Any) -> Symbol:
        """x mod y with the sign of y (Python's float %), as a call every target binds."""
        return Symbol(f"mod({self.text}, {literal(other)})")

    def __and__(self, other: Any) -> Any:
        """Both hold; a condition decided on numbers alone (a bool) is folded away."""
        if isinstance(other, bool):
            return self if other else False
        return Symbol(f"({self.text} & {literal(other)})")

    __rand__ = __and__
    __lt__ = _binary("<")[0]
    __le__ = _binary("<=")[0]
    __gt__ = _binary(">")[0]
    __ge__ = _binary(">=")[0]
    __eq__ = _binary("==")[0]  # a comparison writes source
    __ne__ = _binary("!=")[0]
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self) -> Symbol:
        return Symbol(f"(-{self.text})")

    def __bool__(self) -> bool:
        raise TypeError(f"the symbol {self.text} has no truth value: a rule that branches on "
                        "its operands cannot be written as straight-line code")

    def __repr__(self) -> str:
        return f"Symbol({self.text!r})"


def _call(name: str) -> Any:
    def write(*xs: Any) -> Symbol:
        return Symbol(f"{name}({', '.join(literal(x) for x in xs)})")

    return write


def names() -> list[str]:
    """Every function name a rule may call: one per function op of the table, and
    :data:`EXTRA`."""
    return [op.key for op in TABLE.values() if op.floats is not None] + list(EXTRA)


def unchecked(name: str) -> str:
    """The name under which the source calls function ``name`` without its domain check
    (the forward line of an op checks its domain itself: :mod:`autograd.emit`)."""
    return f"{name}_"


def symbols(checked: bool = True) -> Namespace:
    """The namespace whose ``m.f(x, ...)`` writes the call ``f(x, ...)``: the rules'
    functions on symbols, the generated program binding ``f`` to the float function.

    A function with a domain writes the call to its checked form, unless ``checked`` is
    False or its operands that are numbers rule out every predicate of the domain (x^1,
    say): then it calls :func:`unchecked` ``f``, the bare implementation."""

    def call(op: Any) -> Any:
        def write(*xs: Any) -> Symbol:
            sure = not checked or all(d.bad(*xs) is False for d in op.domain)
            name = unchecked(op.key) if op.domain and sure else op.key
            written: Symbol = _call(name)(*xs)
            return written

        return write

    namespace = Namespace(**{op.key: call(op) for op in TABLE.values() if op.floats},
                          **{name: _call(name) for name in EXTRA})

    def scale_pow(c: Any, x: Any, e: Any) -> Any:
        """c x^e; a number c = 0 is the number 0 (x^e is not written at all)."""
        if not isinstance(c, Symbol):
            return 0.0 if c == 0 else c * namespace.pow(x, e)
        return _call("scale_pow")(c, x, e)

    namespace.scale_pow = scale_pow
    return namespace
