"""A formula of the explain panel as data: a small tree of terms, each leaf a symbol and the
number the engine gave it.

A term is a leaf ``{"symbol": "w_{1 \\to 6}", "value": -2.718}`` or an operation
``{"op": ..., "args": [...]}`` with ``op`` one of ``product``, ``sum``, ``difference``
(two args), ``square``, ``neglog`` (-ln, one arg each) or ``apply`` (one arg and the
``name`` of an activation of :data:`nn.activations.ACTIVATIONS`, ``symbol`` its LaTeX), or
``table`` (an entry of :data:`autograd.ops.TABLE` by its ``name``: ``+``, ``/``, ``**``,
``neg``, ``exp``, ... on one or two args, computed by the engine's own float rule).
:func:`formula` writes the tree twice in LaTeX, once with the symbols and once with the
numbers substituted (by the one rule, :func:`autograd.display.format_number`), beside
the result, so that the page only renders and a test can evaluate the tree
(:func:`evaluate`) and compare.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from autograd.display import format_number
from autograd.ops import FLOATS, TABLE
from nn.activations import ACTIVATIONS

Term = dict[str, Any]

STRONG = {"sum": 1, "difference": 1, "product": 2, "apply": 3, "square": 3, "neglog": 1}
"""How tightly each operation binds (a sum inside a product gets parentheses)."""


def leaf(symbol: str, value: float) -> Term:
    """A symbol and its number."""
    return {"symbol": symbol, "value": float(value)}


def constant(value: float) -> Term:
    """A number of the formula itself (the 2 of 2 (z_6 - y_i), the 1 of 1 - sigma), written
    as it is."""
    return {"symbol": f"{value:g}", "value": float(value), "constant": True}


def op(kind: str, *args: Term, **extra: str) -> Term:
    """An operation on terms (see the module text)."""
    return {"op": kind, "args": list(args), **extra}


def table(name: str, *args: Term) -> Term:
    """v = op(p[, q]) for the entry ``name`` of :data:`autograd.ops.TABLE`."""
    return op("table", *args, name=name)


def apply(activation: str, arg: Term) -> Term:
    """z = sigma(s) for the activation named ``activation``."""
    return op("apply", arg, name=str(activation), symbol=activation_symbol(activation))


def activation_symbol(name: str) -> str:
    """LaTeX of an activation: sigma for the sigmoid (the tutorial's symbol), else its name."""
    return r"\sigma" if name == "sigmoid" else rf"\operatorname{{{name}}}"


def tex(name: str) -> str:
    """A node's name as a LaTeX subscript: ``in_x`` -> ``in_x``, ``sin(x)`` -> ``\\sin(x)``,
    ``1.2`` as it is."""
    text = re.sub(r"sin\(", r"\\sin(", re.sub(r"^in_", r"\\mathit{in}_", name))
    return text.replace("*", r"\cdot ")


def evaluate(term: Term) -> float:
    """The number a term stands for, from its leaves' numbers."""
    if "symbol" in term and "op" not in term:
        return float(term["value"])
    values = [evaluate(arg) for arg in term["args"]]
    if term["op"] == "apply":
        return _activation(term["name"])(values[0])
    if term["op"] == "table":
        return float(TABLE[term["name"]].forward(FLOATS, *values))
    return OPERATIONS[term["op"]](values)


def _activation(name: str) -> Callable[[float], float]:
    from autograd.value import Value

    fn = ACTIVATIONS[name]
    return lambda x: float(fn(Value(x)).data)


OPERATIONS: dict[str, Callable[[list[float]], float]] = {
    "product": math.prod, "sum": math.fsum,
    "difference": lambda v: v[0] - v[1], "square": lambda v: v[0] * v[0],
    "neglog": lambda v: -math.log(v[0]),
}


def latex(term: Term, numbers: bool, outer: int = 0) -> str:
    """The term in LaTeX, with its symbols or (``numbers``) its numbers."""
    if "op" not in term:
        if not numbers or term.get("constant"):
            return str(term["symbol"])
        shown = _number(term["value"])
        return f"({shown})" if term["value"] < 0 and outer else shown
    name, args = term["op"], term["args"]
    if name == "table":
        return _table_latex(term["name"], args, numbers, outer)
    strength = STRONG[name]
    if name == "apply":
        text = rf"{term['symbol']}\left({latex(args[0], numbers)}\right)"
    elif name == "square":
        text = rf"\left({latex(args[0], numbers)}\right)^2"
    elif name == "neglog":
        text = rf"-\ln\left({latex(args[0], numbers)}\right)"
    else:
        parts = [latex(arg, numbers, strength) for arg in args]
        join = {"product": r" \cdot " if numbers else r"\,", "sum": " + ",
                "difference": " - "}[name]
        text = join.join(parts)
    return rf"\left({text}\right)" if strength < outer else text


INFIX = {"+": (" + ", 1, 1, 1), "-": (" - ", 1, 1, 2), "*": (r" \cdot ", 2, 2, 2)}
"""A table entry written between its operands: the sign, its strength, and the strength
each operand needs to go without parentheses (a - (b + c) keeps them)."""

FUNCTION_TEX = {"exp": r"\exp", "log": r"\ln", "tanh": r"\tanh", "sigmoid": r"\sigma",
                "sin": r"\sin", "cos": r"\cos"}
"""The LaTeX of a table function with a name of its own (others: \\operatorname{name})."""


def _table_latex(name: str, args: list[Term], numbers: bool, outer: int) -> str:
    """An entry of the table on its operands: a + b, a \\cdot b, \\frac{a}{b}, a^{b}, -a,
    \\sqrt{a}, |a|, \\tanh\\left(a\\right), ..."""
    if name in INFIX:
        sign, strength, left, right = INFIX[name]
        text = (latex(args[0], numbers, left) + sign + latex(args[1], numbers, right))
        return rf"\left({text}\right)" if strength < outer else text
    parts = [latex(arg, numbers) for arg in args]
    if name == "/":
        return rf"\frac{{{parts[0]}}}{{{parts[1]}}}"
    if name == "**":
        return rf"{{{latex(args[0], numbers, 4)}}}^{{{parts[1]}}}"
    if name == "neg":
        text = "-" + latex(args[0], numbers, 2)
        return rf"\left({text}\right)" if outer else text
    if name == "sqrt":
        return rf"\sqrt{{{parts[0]}}}"
    if name == "abs":
        return rf"\left|{parts[0]}\right|"
    function = FUNCTION_TEX.get(name, rf"\operatorname{{{name}}}")
    return rf"{function}\left({', '.join(parts)}\right)"


def _number(x: float) -> str:
    """A number as format_number writes it, in LaTeX (2.712e-05 -> 2.712 \\times 10^{-5})."""
    shown = format_number(x)
    mantissa, e, exponent = shown.partition("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}" if e else shown


def formula(lhs: str, term: Term, result: float, **extra: Any) -> dict[str, Any]:
    """One line of the panel: ``lhs = symbols = numbers = result``, and the tree itself."""
    return {"lhs": lhs, "symbols": latex(term, False), "numbers": latex(term, True),
            "result": float(result), "shown": _number(result), "terms": term, **extra}
