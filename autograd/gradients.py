"""Gradients into a dict, touching no ``.grad``: grad() and the pass it runs.

:func:`reverse_pass` is :func:`autograd.backward.backward`'s loop written for every use
beyond filling ``.grad``: its rules run on any namespace (floats, or Values to record
the pass itself, which gives higher derivatives), a ``visit`` callback sees every step
(:func:`autograd.explain`), and ``wrt`` limits it to the nodes on a path from some
inputs (:func:`needed_nodes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from autograd.arguments import value_list
from autograd.backward import topological_order, undefined
from autograd.mode import enable_grad
from autograd.ops import FLOATS, Namespace
from autograd.value import Constant, Value
from autograd.values_namespace import VALUES


def needed_nodes(order: list[Value], inputs: Iterable[Value]) -> set[Value]:
    """The nodes of ``order`` (a topological order) on a path from one of ``inputs``: the
    inputs and every node with a parent in the set (one sweep).  A derivative is
    chained through these alone, so a rule elsewhere is never evaluated (d(x sqrt p)/dx
    exists at p = 0, where d/dp does not)."""
    wanted = set(inputs)
    needed: set[Value] = set()
    for node in order:
        if node in wanted or node._a in needed or node._b in needed:
            needed.add(node)
    return needed


def grad(
    output: Value, inputs: Sequence[Value], create_graph: bool = False
) -> list[Any]:
    """The gradients d(output)/d(input) for each of ``inputs``, in their order.

    Touches no ``.grad``.  With ``create_graph=False`` the gradients are floats.
    With ``create_graph=True`` they are Values whose own graph records how they were
    computed (each derivative rule run on Values), so they can be differentiated
    again, to any order.  An input the output does not depend on gets 0.  Only the
    nodes on a path from an input to ``output`` are visited (:func:`needed_nodes`), so
    a derivative that does not exist elsewhere (dy/dp of y = x sqrt p at p = 0) is
    never needed for dy/dx.
    """
    if not isinstance(output, Value):
        raise TypeError(f"grad: output must be a Value, got {type(output).__name__}")
    inputs = value_list(inputs, "grad", "inputs")
    if create_graph:
        with enable_grad():
            grads = reverse_pass(output, VALUES, Value(1.0), value_operand, wrt=inputs)
        return [as_value(grads.get(x, 0.0)) for x in inputs]
    grads = reverse_pass(output, wrt=inputs)
    return [float(grads.get(x, 0.0)) for x in inputs]


def float_operand(node: Value) -> float:
    """What a rule sees of a node in a float pass: its ``data``."""
    return node.data


def value_operand(node: Value) -> Value | float:
    """What a rule sees of a node in a recording pass (``create_graph=True``): the Value
    itself, so the rule's arithmetic is recorded, but a constant's bare number, which
    grows no graph of its own."""
    return node.data if node.__class__ is Constant else node


def as_value(g: Any) -> Value:
    """A gradient as a Value (a number that no input reached becomes a leaf)."""
    return g if isinstance(g, Value) else Value(g)


def reverse_pass(
    root: Value,
    m: Namespace = FLOATS,
    grad_output: Any = 1.0,
    operand: Callable[[Value], Any] | None = None,
    visit: Callable[..., None] | None = None,
    wrt: Iterable[Value] | None = None,
) -> dict[Value, Any]:
    """The reverse pass into a dict {node: dE/d(node)}, rules evaluated with ``m``, from
    dE/d(root) = ``grad_output``.

    ``operand(node)`` gives what a rule sees for a node (default: its ``data``).
    ``visit(node, g, args, shares)``, when given, is called at every non-constant node
    once its gradient ``g`` is final, with the operands ``args`` its rules saw and
    ``shares``: one ``(parent, rule, share, running total)`` per parent that received
    one.  :func:`autograd.explain` reads the pass through it; no ``.grad`` is touched.
    With ``wrt``, only the nodes on a path to one of those inputs receive a share.
    """
    operand = operand or float_operand
    order = topological_order(root)
    needed = None if wrt is None else needed_nodes(order, wrt)
    grads = {root: grad_output}
    for node in reversed(order):
        g = grads.get(node)
        if g is None:  # a constant: it receives nothing
            continue
        op = node._op
        args: list[Any] = []
        shares: list[tuple[Value, Any, Any, Any]] = []
        if op is not None:
            out = operand(node)
            parents = node.parents
            args = [operand(p) for p in parents]
            for p, d in zip(parents, op.derivatives, strict=True):
                if p.__class__ is Constant or (needed is not None and p not in needed):
                    continue
                try:
                    share = d(m, g, out, *args)
                except (ArithmeticError, ValueError) as error:
                    raise undefined(node, error) from error
                grads[p] = total = grads[p] + share if p in grads else share
                if visit is not None:
                    shares.append((p, d, share, total))
        if visit is not None:
            visit(node, g, args, shares)
    return grads
