"""A flat program written as straight-line source, from the table's rules run on symbols.

Every slot of a :class:`autograd.program.FlatProgram` becomes a local: ``v<slot>`` holds
its value, ``g<slot>`` its gradient dE/d(slot).  :func:`forward` runs each instruction's
forward rule on :class:`~autograd.symbols.Symbol` operands and writes

    v5 = (v3 + v4)

one line per node, in program order; :func:`reverse` runs the derivative rules in
reverse order and writes each input's share of the chain rule

    dE/d(input) += g * d(node)/d(input):   g3 = (g3 + (g5 * v4))

exactly as :meth:`FlatProgram.backward_row` once did on floats: the first share of a slot
is its gradient, each further share is added, and an input that no parameter reaches
gets none.  Which slots have a gradient is known when the program is written, so no
line tests for it.  The text runs in Python with each function name bound to the
float function of its entry (:data:`autograd.ops.FLOATS`, domain checks included), so
the numbers are the scalar engine's, bit for bit: the same operations in the same order
on the same floats.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from typing import Any

from autograd.ops import FLOATS, TABLE
from autograd.symbols import Symbol, literal, names, symbols, unchecked

SYMBOLS, UNCHECKED = symbols(), symbols(checked=False)
CODES = list(TABLE.values())


def slot_text(program: Any) -> list[Any]:
    """What each slot is in the source: the symbol ``v<slot>``, or a constant's number
    (a rule's arithmetic on two numbers is done once, here, as the float rule does it)."""
    text: list[Any] = [Symbol(f"v{s}") for s in range(program.n_nodes)]
    for s, c in program._constants:
        text[s] = c
    return text


Guard = Callable[[str, list[tuple[str, str]]], list[str]]
"""How a target guards a forward line: ``guard(line, checks)`` with one (predicate, call of
``refuse``) per domain predicate that may hold, in the entry's order."""


def python_guard(line: str, checks: list[tuple[str, str]]) -> list[str]:
    """The line run unchecked; if it raises, the first predicate that holds raises the
    scalar engine's error, else the error itself (:func:`autograd.ops.on_floats`'s order)."""
    if not checks:
        return [line]
    return ["try:", f"    {line}", "except (ArithmeticError, ValueError):",
            *[f"    if {bad}: raise {refusal} from None" for bad, refusal in checks], "    raise"]


def forward(program: Any, v: list[Any], guard: Guard = python_guard) -> list[str]:
    """One line per op node: ``v<out> = <its forward rule on the operands' symbols>``; a
    function with a domain is called unchecked, behind the entry's domain predicates run
    on the same symbols (``guard`` writes them for its target)."""
    lines = []
    for code, o, a, b in program.instructions:
        op = program.op_of(code)
        args = (v[a],) if b < 0 else (v[a], v[b])
        line = f"v{o} = {literal(op.forward(UNCHECKED if op.domain else SYMBOLS, *args))}"
        shown = ", ".join(literal(x) for x in args)
        checks = [(literal(bad), f"refuse({CODES.index(op)}, {k}, {shown})")
                  for k, d in enumerate(op.domain)
                  if (bad := d.bad(*args)) is not False]  # False: ruled out by a number
        lines += guard(line, checks)
    return lines


def reverse(program: Any, v: list[Any], grad_outputs: Sequence[Any]
            ) -> tuple[list[str], dict[int, str]]:
    """The reverse pass as lines, and the text of each slot's final gradient (only slots
    that received one).

    ``grad_outputs[k]``: the weight of output k (a symbol, a number, or None for an output that
    sends nothing back).  A first share that is a name already (``g`` itself, as for +)
    is not copied: the slot's gradient is that name."""
    lines: list[str] = []
    have: dict[int, str] = {}

    def send(s: int, share: Any) -> None:
        text = literal(share)
        if s in have:
            lines.append(f"g{s} = ({have[s]} + {text})")
        elif text.isidentifier():
            have[s] = text
            return
        else:
            lines.append(f"g{s} = {text}")
        have[s] = f"g{s}"

    for s, weight in zip(program._outs, grad_outputs, strict=True):
        if weight is not None:
            send(s, weight)
    wants_grad = program.wants_grad
    for code, o, a, b in reversed(program.instructions):
        if o not in have:
            continue
        rules, g = program.op_of(code).derivatives, Symbol(have[o])
        args = (v[a],) if b < 0 else (v[a], v[b])
        for t, rule in zip((a, b), rules, strict=False):  # one rule per operand
            if wants_grad[t]:
                send(t, rule(SYMBOLS, g, v[o], *args))
    return lines, have


def refuse(code: int, k: int, *xs: float) -> Exception:
    """The error of domain ``k`` of op ``code`` at operands ``xs``, as the scalar engine
    words it."""
    op = CODES[code]
    return op.domain[k].refuse(op.key, [repr(x) for x in xs])


def bindings() -> dict[str, Any]:
    """The names the source calls, bound to the float functions of the table (checked,
    and unchecked for an op's own forward line)."""
    raw = {unchecked(op.key): op.floats for op in CODES if op.domain}
    return {"nan": math.nan, "inf": math.inf, "isfinite": math.isfinite, "refuse": refuse,
            "mod": operator.mod,
            **raw, **{name: getattr(FLOATS, name) for name in names()}}


def define(name: str, lines: list[str], where: str) -> Any:
    """The function ``name`` that ``lines`` (its full source) define, compiled once."""
    scope = bindings()
    exec(compile("\n".join(lines) + "\n", f"<{where}>", "exec"), scope)  # noqa: S102
    return scope[name]


def indent(lines: list[str], depth: int) -> list[str]:
    """``lines`` indented ``depth`` levels."""
    return ["    " * depth + line for line in lines]
