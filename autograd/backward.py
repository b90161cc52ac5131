"""The reverse pass: topological order, backward() and grad().

Reverse-mode differentiation in two steps.  First every node the output depends
on is put in topological order (each node after its parents), found with an
explicit stack so that no graph is too deep.  Then the nodes are visited in the
reverse of that order.  When a node is reached, every node that consumes it has
already sent its share, so its gradient g = dE/d(node) is final, and the chain rule

    dE/d(input) += g * d(node)/d(input)

hands each input its share.  The local derivative comes from the node's entry in
:mod:`autograd.ops`; nothing below knows any particular op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from autograd import value as _value
from autograd.mode import enable_grad
from autograd.ops import FLOATS, Namespace
from autograd.ops.values import VALUES
from autograd.value import Constant, Value


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, each listed after all of its parents.

    Depth-first search with an explicit stack (no recursion, so a chain of a million
    nodes is fine).  A node stays on the stack until its parents are placed; the
    order is deterministic: first operand's subgraph first.
    """
    if not isinstance(root, Value):
        raise TypeError(f"topological_order: expected a Value, got {type(root).__name__}")
    return _order(root, leaves=True)


def _order(root: Value, leaves: bool) -> list[Value]:
    """:func:`topological_order`, with or without the leaves.

    The reverse pass sends gradients *into* leaves but never *out of* them, so
    :func:`backward` leaves them out of its order (a third of a typical graph).
    """
    order: list[Value] = []
    entered: set[Value] = set()  # parents pushed, waiting to be placed
    placed: set[Value] = set()
    stack = [root]
    while stack:
        node = stack[-1]
        if node in entered:
            stack.pop()
            if node not in placed:  # a node may sit on the stack twice
                placed.add(node)
                order.append(node)
            continue
        entered.add(node)
        b, a = node._b, node._a
        if b is not None and (leaves or b._op is not None) and b not in entered:
            stack.append(b)
        if a is not None and (leaves or a._op is not None) and a not in entered:
            stack.append(a)
    return order


def backward(root: Value, gradient: float = 1.0) -> None:
    """Set ``node.grad = d(root)/d(node)`` for every node ``root`` depends on.

    Interior nodes are overwritten with this pass's gradient; leaves accumulate
    (``+=``), so gradients of several outputs, or of several passes, add up as in
    PyTorch.  Constants lifted from plain numbers receive nothing.
    """
    gradient = _value._number(gradient, "backward")
    if not isinstance(root, Value):
        raise TypeError(f"backward: expected a Value, got {type(root).__name__}")
    order = _order(root, leaves=False)
    for node in order:
        if node._op is not None:
            node.grad = 0.0
    root.grad += gradient
    m, constant = FLOATS, Constant  # locals: this loop is the hot path of backward()
    node = root
    try:
        for node in reversed(order):
            op = node._op
            if op is None:  # a leaf root
                continue
            g, out, b = node.grad, node.data, node._b
            a: Value = node._a  # type: ignore[assignment]  # an op node has its parents
            if b is None:
                a.grad += op.derivatives[0](m, g, out, a.data)
            else:
                da, db = op.derivatives
                x, y = a.data, b.data
                if a.__class__ is not constant:
                    a.grad += da(m, g, out, x, y)
                if b.__class__ is not constant:
                    b.grad += db(m, g, out, x, y)
    except (ArithmeticError, ValueError) as error:
        raise _undefined(node, error, partial=True) from error


def _undefined(node: Value, error: Exception, where: str = "backward",
               partial: bool = False) -> Exception:
    """The error of a derivative rule, said in terms of its node: a local derivative that
    does not exist there (sqrt and x ** y with 0 < y < 1 at x = 0, where it is infinite),
    and the leaves whose derivative it leaves undefined."""
    at = ", ".join(f"{p.data!r}" for p in node.parents)
    note = "; leaf gradients hold only part of this pass" if partial else ""
    name = node._op.name if node._op is not None else "a leaf"
    return type(error)(
        f"{where}: the derivative of {name} at ({at}) does not exist ({error}), so "
        f"{_leaves_below(node)} no derivative{note}")


def _leaves_below(node: Value, shown: int = 3) -> str:
    """The leaves (not constants) ``node`` depends on, as the user's Values: the first
    ``shown`` of them, then how many more."""
    leaves = [v for v in topological_order(node)
              if v._op is None and v.__class__ is not Constant]
    names = ", ".join(repr(v) for v in leaves[:shown])
    more = f" and {len(leaves) - shown} more" if len(leaves) > shown else ""
    return f"the leaf {names} has" if len(leaves) == 1 else f"the leaves {names}{more} have"


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
    inputs = _value._value_list(inputs, "grad", "inputs")
    if create_graph:
        with enable_grad():
            grads = reverse_pass(output, VALUES, Value(1.0), value_operand, wrt=inputs)
        return [_as_value(grads.get(x, 0.0)) for x in inputs]
    grads = reverse_pass(output, wrt=inputs)
    return [float(grads.get(x, 0.0)) for x in inputs]


def _as_float_operand(node: Value) -> float:
    return node.data


def value_operand(node: Value) -> Value | float:
    """What a rule sees of a node in a recording pass (``create_graph=True``): the Value
    itself, so the rule's arithmetic is recorded, but a constant's bare number, which
    grows no graph of its own."""
    return node.data if node.__class__ is Constant else node


def _as_value(g: Any) -> Value:
    return g if isinstance(g, Value) else Value(g)


def reverse_pass(
    root: Value,
    m: Namespace = FLOATS,
    seed: Any = 1.0,
    operand: Callable[[Value], Any] | None = None,
    visit: Callable[..., None] | None = None,
    wrt: Iterable[Value] | None = None,
) -> dict[Value, Any]:
    """The reverse pass into a dict {node: dE/d(node)}, rules evaluated with ``m``.

    ``operand(node)`` gives what a rule sees for a node (default: its ``data``).
    ``visit(node, g, args, shares)``, when given, is called at every non-constant node
    once its gradient ``g`` is final, with the operands ``args`` its rules saw and
    ``shares``: one ``(parent, rule, share, running total)`` per parent that received
    one.  :func:`autograd.explain` reads the pass through it; no ``.grad`` is touched.
    With ``wrt``, only the nodes on a path to one of those inputs receive a share.
    """
    operand = operand or _as_float_operand
    order = topological_order(root)
    needed = None if wrt is None else needed_nodes(order, wrt)
    grads = {root: seed}
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
                    raise _undefined(node, error) from error
                grads[p] = total = grads[p] + share if p in grads else share
                if visit is not None:
                    shares.append((p, d, share, total))
        if visit is not None:
            visit(node, g, args, shares)
    return grads
