"""The reverse pass: topological order, then backward().

Reverse-mode differentiation in two steps (the tutorial, section 5).  First every node
the output E depends on is put in topological order, each node after its parents.  Then
the nodes are visited in the reverse of that order.  When a node is reached, every node
that consumes it has already sent its share, so its gradient g = dE/d(node) is final,
and the chain rule

    dE/d(parent) += g * d(node)/d(parent)

hands each parent its share: the node's derivative rules from the table
(:mod:`autograd.ops.table`), one per parent.  Nothing below knows any particular op.
:mod:`autograd.gradients` runs the same pass into a dict (``grad``, to any order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd.arguments import is_value, real
from autograd.ops import FLOATS

if TYPE_CHECKING:
    from autograd.ops import Op
    from autograd.value import Value


def topological_order(root: Value) -> list[Value]:
    """Every node ``root`` depends on, each listed after all of its parents.

    Depth-first search with an explicit stack (no recursion, so a chain of a million
    nodes is fine).  A node stays on the stack until its parents are placed; the
    order is deterministic: first operand's subgraph first.
    """
    if not is_value(root):
        raise TypeError(f"topological_order: expected a Value, got {type(root).__name__}")
    return _order(root, leaves=True)


def backward(root: Value, gradient: float = 1.0) -> None:
    """Set ``node.grad = d(root)/d(node)`` for every node ``root`` depends on.

    Interior nodes are overwritten with this pass's gradient; leaves accumulate
    (``+=``), so gradients of several outputs, or of several passes, add up as in
    PyTorch.  Constants lifted from plain numbers receive nothing (their class is
    ``Value._constant_class``).
    """
    gradient = real(gradient, "backward")
    if not is_value(root):
        raise TypeError(f"backward: expected a Value, got {type(root).__name__}")
    if root._op is None:  # a leaf: d(root)/d(root) = 1, and nothing below it
        root.grad += gradient
        return
    order = _order(root, leaves=False)  # a leaf receives a share but sends none
    for node in order:
        node.grad = 0.0
    root.grad = gradient
    m, constant = FLOATS, root._constant_class  # the rules run on floats; constants take none
    node = root
    try:
        for node in reversed(order):
            op: Op = node._op  # type: ignore[assignment]  # every node here has an op,
            a: Value = node._a  # type: ignore[assignment]  # and its parents
            g, out, b = node.grad, node.data, node._b
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
        raise undefined(node, error, partial=True) from error


def _order(root: Value, leaves: bool) -> list[Value]:
    """:func:`topological_order`, with or without the leaves (the reverse pass sends
    gradients into leaves but never out of them: a third of a typical graph)."""
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


def undefined(node: Value, error: Exception, where: str = "backward",
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
              if v._op is None and v.__class__ is not node._constant_class]
    names = ", ".join(repr(v) for v in leaves[:shown])
    more = f" and {len(leaves) - shown} more" if len(leaves) > shown else ""
    return f"the leaf {names} has" if len(leaves) == 1 else f"the leaves {names}{more} have"
