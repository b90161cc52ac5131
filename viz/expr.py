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
import difflib
import math
import operator
import warnings
from collections.abc import Callable, Mapping
from typing import cast

from autograd import TABLE, Op, Value
from autograd.ops import FLOATS

MAX_LENGTH = 500
"""The longest expression accepted, in characters."""

MAX_EXPONENT = 100
"""The largest |exponent| accepted when the exponent is a number (not a variable)."""

FUNCTIONS: dict[str, Op] = {op.name: op for op in TABLE.values()
                            if op.arity == 1 and op.floats is not None}
"""The engine's functions of one argument, by their names in :data:`autograd.TABLE` (exp,
log, sqrt, tanh, sigmoid, softplus, relu, abs, sin, cos): each is the Value method of
that name, so the two cannot drift apart."""

NUMBERS = {"pi": math.pi, "e": math.e}
"""Named constants."""

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_ON_VALUES: dict[str, Callable[[Value | float, Value | float], Value]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "**": operator.pow}
_REFUSED_OPERATORS = {ast.BitXor: "^", ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@",
                      ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitAnd: "&"}
_KINDS = {
    ast.Compare: "a comparison", ast.BoolOp: "'and' / 'or'", ast.Subscript: "indexing",
    ast.IfExp: "a conditional (... if ... else ...)", ast.Tuple: "a tuple (a comma)",
    ast.List: "a list", ast.Dict: "a dict", ast.Set: "a set", ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension", ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension", ast.Starred: "unpacking with *",
    ast.NamedExpr: "an assignment (:=)", ast.JoinedStr: "an f-string", ast.Lambda: "lambda",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
}
"""How the refused kinds of expression are named in a message."""

_SYNTAX = {
    "invalid syntax. Perhaps you forgot a comma?": "an operator is missing between two terms",
    "invalid decimal literal": "a number runs into a name (write 2 * x, not 2x)",
}
"""Python's syntax messages that read better in terms of an arithmetic expression."""


class ExpressionError(ValueError):
    """An expression outside the accepted language; the message says what and where."""


class UnknownVariable(ExpressionError):
    """A name in the expression that has no value; ``name`` is the name."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def _did_you_mean(name: str, known: list[str]) -> str:
    """``"; did you mean 'sigmoid'?"`` for the known name closest to a misspelt one, or ""."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _column(text: str, lineno: int, col_offset: int) -> int:
    """The column (from 1, in characters of ``text``) of a position in the parsed text."""
    lines = text.strip().split("\n")
    line = lines[lineno - 1].encode()[:col_offset].decode(errors="ignore")
    before = sum(len(earlier) + 1 for earlier in lines[:lineno - 1])
    return len(text) - len(text.lstrip()) + before + len(line) + 1


def _refuse(text: str, node: ast.expr, what: str, then: str = "") -> ExpressionError:
    """``what (at column N)then``, N where ``node`` starts."""
    column = _column(text, node.lineno, node.col_offset)
    return ExpressionError(f"{what} (at column {column}){then}")


def _refuse_operator(text: str, node: ast.BinOp) -> ExpressionError:
    """A refused binary operator, located at the operator itself."""
    symbol = _REFUSED_OPERATORS[type(node.op)]
    start = _column(text, node.left.end_lineno or 1, node.left.end_col_offset or 0)
    between = text[start - 1:_column(text, node.right.lineno, node.right.col_offset) - 1]
    column = start + max(between.find(symbol), 0)
    if symbol == "^":  # the same text with ** in its place
        whole = (ast.get_source_segment(text.strip(), node) or "").replace("\n", " ")
        k = column - _column(text, node.lineno, node.col_offset)
        hint = f"for a power write {whole[:k]}**{whole[k + 1:]}"
    else:
        hint = "allowed: + - * / **"
    return ExpressionError(f"operator {symbol!r} is not allowed (at column {column}); {hint}")


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
        with warnings.catch_warnings():  # a SyntaxWarning ("1if x") is an error here
            warnings.simplefilter("error", SyntaxWarning)
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        # offset counts characters from 1 on line lineno; 0 when the text ended too early
        offset, stripped = error.offset or 0, text.strip()
        column = len(text) - len(text.lstrip()) + offset + sum(
            len(line) + 1 for line in stripped.split("\n")[:(error.lineno or 1) - 1])
        where = f"column {column}" if 0 < offset and column <= len(text.rstrip()) else "the end"
        what = _SYNTAX.get(error.msg, error.msg)
        raise ExpressionError(f"not a single arithmetic expression: {what} (at {where})") from None
    except (RecursionError, MemoryError):
        raise ExpressionError("expression nested too deeply") from None
    for node in ast.walk(tree.body):
        _check(text, node)
    return tree.body


def _check(text: str, node: ast.AST) -> None:
    """Refuse any node outside the whitelist (its children are checked by the walk)."""
    if isinstance(node, ast.Constant):
        _check_number(text, node)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise _refuse_operator(text, node)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            symbol = "~" if isinstance(node.op, ast.Invert) else "not"
            raise _refuse(text, node, f"unary {symbol!r} is not allowed", "; allowed: - +")
    elif isinstance(node, ast.Call):
        _check_call(text, node)
    elif isinstance(node, ast.Attribute):
        raise _refuse(text, node, f"attribute access '.{node.attr}' is not allowed")
    elif not isinstance(node, ast.Name | ast.Load | ast.operator | ast.unaryop):
        kind = _KINDS.get(type(node), "this kind of expression")
        segment = ast.get_source_segment(text.strip(), node)
        # an expression: the walk refuses a keyword's or comprehension's parent before it
        raise _refuse(text, cast(ast.expr, node), f"{kind} is not allowed", f": {segment!r}")


def _check_number(text: str, node: ast.Constant) -> None:
    """Refuse a literal that is not a finite int or float."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(text, node, f"only numbers are allowed as literals, got {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an int literal beyond the largest float
        raise _refuse(text, node, f"number {str(value)[:12]}... ({len(str(value))} digits) "
                                  f"is too large for a float") from None
    if not math.isfinite(number):
        raise _refuse(text, node, f"number {value!r} is not finite")


def _check_call(text: str, node: ast.Call) -> None:
    """Refuse a call that is not one of :data:`FUNCTIONS` applied to one argument."""
    if isinstance(node.func, ast.Attribute):
        raise _refuse(text, node, f"attribute access '.{node.func.attr}' is not allowed")
    name = node.func.id if isinstance(node.func, ast.Name) else None
    if name not in FUNCTIONS:
        shown = repr(name) if name else "a computed function"
        hint = _did_you_mean(name or "", list(FUNCTIONS))
        raise _refuse(text, node, f"call of {shown} is not allowed",
                      f"{hint} The functions are {', '.join(FUNCTIONS)}." if hint else
                      f"; the functions are {', '.join(FUNCTIONS)}")
    if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
        raise _refuse(text, node, f"{name}() takes exactly one argument")


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
        result = _build(text, tree, leaves)
    except ExpressionError:
        raise
    except (ValueError, ZeroDivisionError, OverflowError) as error:
        raise ExpressionError(f"cannot evaluate {text.strip()!r}: {error}") from None
    return result if isinstance(result, Value) else Value(result)


def _build(text: str, node: ast.expr, leaves: dict[str, Value]) -> Value | float:
    if isinstance(node, ast.Constant):
        return float(cast(float, node.value))  # parse admits int and float literals only
    if isinstance(node, ast.Name):
        if node.id in leaves:
            return leaves[node.id]
        if node.id in NUMBERS:
            return NUMBERS[node.id]
        given = ", ".join(leaves) or "none"
        error = _refuse(text, node, f"variable {node.id!r} has no value (given: {given})",
                        _did_you_mean(node.id, [*leaves, *NUMBERS]))
        raise UnknownVariable(str(error), node.id)
    if isinstance(node, ast.UnaryOp):
        x = _build(text, node.operand, leaves)
        return -x if isinstance(node.op, ast.USub) else x
    if isinstance(node, ast.Call):
        x = _build(text, node.args[0], leaves)
        op = FUNCTIONS[cast(ast.Name, node.func).id]  # parse admits calls by name only
        if isinstance(x, Value):
            method: Callable[[], Value] = getattr(x, op.name)
            return method()
        return cast(float, op.forward(FLOATS, x))  # the float rules give floats
    node = cast(ast.BinOp, node)  # the one kind parse admits that is left
    symbol = _BINARY[type(node.op)]
    x, y = _build(text, node.left, leaves), _build(text, node.right, leaves)
    if symbol == "**" and not isinstance(y, Value) and abs(y) > MAX_EXPONENT:
        raise _refuse(text, node.right, f"exponent {y:g} is too large",
                      f"; at most {MAX_EXPONENT} in absolute value")
    if isinstance(x, Value) or isinstance(y, Value):
        return _ON_VALUES[symbol](x, y)
    return cast(float, TABLE[symbol].forward(FLOATS, x, y))
