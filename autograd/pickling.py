"""Copying and pickling a Value: its graph node by node, never by recursion.

A leaf is its data, grad, label and class.  A node made by an op is the part of the
graph below it, flattened in topological order (each node after its parents): a leaf
as itself, an op node as ``(op name, index of x, index of y, data, grad, label)``.  The
op goes by its name in :data:`autograd.ops.TABLE`, so nothing in a pickle refers to a
rule's function, and a chain of any depth copies in a loop.

``copy.deepcopy`` keeps every sharing: a node reached twice, from one root or from
several Values copied together, is copied once.  ``pickle`` keeps the sharing of leaves
(parameters, inputs) across everything pickled together, and the sharing of nodes
inside one pickled graph; an interior node reached from two pickled roots is rebuilt
once per root (the data and derivatives are the same).  The recorded ``data`` is kept
as it was: a graph is the record of one evaluation, not a formula to recompute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autograd.ops import TABLE

if TYPE_CHECKING:
    from autograd.value import Value

_new = object.__new__

Flat = tuple[Any, ...]
"""One entry of a flattened graph: a leaf Value, or (op, a, b, data, grad, label)."""


def leaf(cls: type[Value], data: float, grad: float, label: str) -> Value:
    """A leaf of class ``cls`` (Value or Constant) with these fields, as pickled."""
    node = _new(cls)
    node.data, node.grad, node.label = data, grad, label
    node._op = node._a = node._b = None
    return node


def graph(entries: list[Any], cls: type[Value]) -> Value:
    """The last node of a flattened graph (see :func:`reduce_value`), rebuilt as ``cls``."""
    nodes: list[Value] = []
    for entry in entries:
        if not isinstance(entry, tuple):  # a leaf
            nodes.append(entry)
            continue
        op, a, b, data, grad, label = entry
        node = _new(cls)
        node.data, node.grad, node.label = data, grad, label
        node._op, node._a = TABLE[op], nodes[a]
        node._b = None if b < 0 else nodes[b]
        nodes.append(node)
    return nodes[-1]


def reduce_value(v: Value) -> tuple[Any, ...]:
    """``v.__reduce__()``: a leaf by its fields, an op node by its flattened graph."""
    if v._op is None:
        return (leaf, (v.__class__, v.data, v.grad, v.label))
    order = _order(v, set())
    index = {id(node): i for i, node in enumerate(order)}
    entries: list[Any] = []
    for node in order:
        if node._op is None:
            entries.append(node)
        else:
            b = -1 if node._b is None else index[id(node._b)]
            entries.append((node._op.name, index[id(node._a)], b, node.data, node.grad,
                            node.label))
    return (graph, (entries, v.__class__))


def shallow_copy(v: Value) -> Value:
    """``copy.copy(v)``: a new node with the same fields and the same parents (a leaf as it
    pickles, so that a subclass's fields come along)."""
    if v._op is None:
        f, args = v.__reduce__()[:2]
        leaf: Value = f(*args)
        return leaf
    node = _new(v.__class__)
    node.data, node.grad, node.label = v.data, v.grad, v.label
    node._op, node._a, node._b = v._op, v._a, v._b
    return node


def deepcopy_value(v: Value, memo: dict[int, Any]) -> Value:
    """``copy.deepcopy(v)``: every node not copied yet (``memo``), in topological order."""
    for node in _order(v, memo):
        if node._op is None:
            f, args = node.__reduce__()[:2]
            copy = f(*args)
        else:
            copy = _new(node.__class__)
            copy.data, copy.grad, copy.label, copy._op = node.data, node.grad, node.label, \
                node._op
            copy._a = memo[id(node._a)]
            copy._b = None if node._b is None else memo[id(node._b)]
        memo[id(node)] = copy
    result: Value = memo[id(v)]
    return result


def _order(root: Value, skip: Any) -> list[Value]:
    """The nodes below ``root`` (itself included) whose id is not in ``skip``, each after
    its parents: depth first with an explicit stack."""
    order: list[Value] = []
    seen: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            order.append(node)
            continue
        if id(node) in seen or id(node) in skip:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for parent in (node._b, node._a):
            if parent is not None and id(parent) not in seen and id(parent) not in skip:
                stack.append((parent, False))
    return order
