"""A safe parser for arithmetic expressions typed on the command line.

``evaluate("sigmoid(w * x + b)", {"x": 1.5, "w": -0.3, "b": 0.1})`` builds the
expression out of :class:`autograd.Value` objects, one per variable, so its gradient
can be taken and drawn.  Nothing is ever passed to ``eval``: the text is parsed with
:mod:`ast` and only a whitelist of node kinds is walked (numbers, the named
variables, ``+ - * / **``, unary minus and plus, and calls of the engine's
functions by name); anything else is refused with an :class:`ExpressionError`.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

from autograd import TABLE, Value
from autograd.ops import FLOATS

MAX_LENGTH = 500
"""The longest expression accepted, in characters."""

MAX_EXPONENT = 100
"""The largest |exponent| accepted when the exponent is a number (not a variable)."""

FUNCTIONS: dict[str, Callable[[Value], Value]] = {
    "exp": Value.exp, "log": Value.log, "sqrt": Value.sqrt, "tanh": Value.tanh,
    "sigmoid": Value.sigmoid, "relu": Value.relu, "abs": operator.abs,
}
"""The engine's functions, callable by name with one argument."""

NUMBERS = {"pi": math.pi, "e": math.e}
"""Named constants."""

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_ON_VALUES = {"+": operator.add, "-": operator.sub, "*": operator.mul,
              "/": operator.truediv, "**": operator.pow}


class ExpressionError(ValueError):
    """An expression outside the accepted language; the message says what and where."""


def _refuse(node: ast.AST, what: str) -> ExpressionError:
    column = getattr(node, "col_offset", None)
    where = f" (at column {column + 1})" if column is not None else ""
    return ExpressionError(f"{what}{where}")


def parse(text: str) -> ast.expr:
    """The checked syntax tree of ``text``: one expression of the whitelisted kinds."""
    if not isinstance(text, str):
        raise TypeError(f"expression must be a str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression too long: {len(text)} characters, at most {MAX_LENGTH} allowed"
        )
    if not text.strip():
        raise ExpressionError("empty expression")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(
            f"not a single arithmetic expression: {error.msg} (at column {error.offset})"
        ) from None
    except (RecursionError, MemoryError):
        raise ExpressionError("expression nested too deeply") from None
    for node in ast.walk(tree.body):
        _check(node)
    return tree.body


def _check(node: ast.AST) -> None:
    """Refuse any node outside the whitelist (its children are checked by the walk)."""
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _refuse(node, f"only numbers are allowed as literals, got {value!r}")
        try:
            number = float(value)
        except OverflowError:  # an int literal beyond the largest float
            raise _refuse(node, f"number {str(value)[:12]}... ({len(str(value))} digits) is "
                                f"too large for a float") from None
        if not math.isfinite(number):
            raise _refuse(node, f"number {value!r} is not finite")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise _refuse(node, f"operator {type(node.op).__name__} is not allowed "
                                f"(allowed: + - * / **)")
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise _refuse(node, f"unary {type(node.op).__name__} is not allowed")
    elif isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute):
            raise _refuse(node, f"attribute access '.{node.func.attr}' is not allowed")
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS:
            shown = repr(name) if name else "a computed function"
            raise _refuse(node, f"call of {shown} is not allowed "
                                f"(functions: {', '.join(FUNCTIONS)})")
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            raise _refuse(node, f"{name}() takes exactly one argument")
    elif isinstance(node, ast.Attribute):
        raise _refuse(node, f"attribute access '.{node.attr}' is not allowed")
    elif isinstance(node, ast.Lambda):
        raise _refuse(node, "lambda is not allowed")
    elif not isinstance(node, ast.Name | ast.Load | ast.operator | ast.unaryop):
        raise _refuse(node, f"{type(node).__name__} is not allowed in an expression")


def evaluate(text: str, variables: Mapping[str, float]) -> Value:
    """The expression ``text`` built from Values, one leaf per variable.

    ``variables`` maps each name to its number; each becomes ``Value(x, label=name)``.
    Parts made of numbers only are computed directly with the engine's float rules
    (:data:`autograd.ops.TABLE`).  Unknown names, bad variable names and the engine's
    domain errors (``log(-1)``, division by zero) raise :class:`ExpressionError`.
    """
    tree = parse(text)
    if not isinstance(variables, Mapping):
        raise TypeError(f"variables must be a dict of name -> number, "
                        f"got {type(variables).__name__}")
    leaves = {}
    for name, x in variables.items():
        if not name.isidentifier() or name in FUNCTIONS or name in NUMBERS:
            taken = ", ".join([*FUNCTIONS, *NUMBERS])
            raise ExpressionError(f"bad variable name {name!r}: use a plain name that is "
                                  f"not a function or constant ({taken})")
        if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
            raise ExpressionError(f"variable {name!r} must be a finite number, got {x!r}")
        leaves[name] = Value(x, label=name)
    try:
        result = _build(tree, leaves)
    except ExpressionError:
        raise
    except (ValueError, ZeroDivisionError, OverflowError) as error:
        raise ExpressionError(f"cannot evaluate {text.strip()!r}: {error}") from None
    return result if isinstance(result, Value) else Value(result)


def _build(node: ast.expr, leaves: dict[str, Value]) -> Value | float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id in leaves:
            return leaves[node.id]
        if node.id in NUMBERS:
            return NUMBERS[node.id]
        given = ", ".join(leaves) or "none"
        raise _refuse(node, f"unknown variable {node.id!r} (given: {given})")
    if isinstance(node, ast.UnaryOp):
        x = _build(node.operand, leaves)
        return -x if isinstance(node.op, ast.USub) else x
    if isinstance(node, ast.Call):
        x = _build(node.args[0], leaves)
        name = node.func.id
        if isinstance(x, Value):
            return FUNCTIONS[name](x)
        return TABLE[name].forward(FLOATS, x)
    symbol = _BINARY[type(node.op)]
    x, y = _build(node.left, leaves), _build(node.right, leaves)
    if symbol == "**" and not isinstance(y, Value) and abs(y) > MAX_EXPONENT:
        raise _refuse(node.right, f"exponent {y:g} is too large "
                                  f"(at most {MAX_EXPONENT} in absolute value)")
    if isinstance(x, Value) or isinstance(y, Value):
        return _ON_VALUES[symbol](x, y)
    return TABLE[symbol].forward(FLOATS, x, y)
