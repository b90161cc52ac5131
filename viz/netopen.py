"""A perceptron opened into its operations: what :func:`viz.draw_network` draws for ``open=``.

Perceptron j is drawn as the operations the engine runs for it (the tutorial, section 2.1),

    p_i = w_{i->j} z_i (one per incoming link, the bias w_0 a_0 with a_0 = 1 first),
    s_j = w_0 + sum_i p_i,        z_j = g(s_j),        and on an output perceptron E,

each with its value and its gradient dE/d(it) for one sample, from
:attr:`nn.Trace.operations` (the Values the engine recorded, the gradients from
``autograd.grad``).  The products stand in a column at the left of j's outline, then s_j,
z_j and E from left to right; the outline (a Graphviz cluster named after j) is what
:func:`viz.layout.columns` places in j's stead.  The incoming edges end at their products,
the outgoing ones leave from z_j.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nn.unit import bias_name

PAD, TITLE, GAP, STEP = 0.1, 0.3, 0.3, 0.1
"""Inches: the margin inside an outline, the band at its top for the name, the gap
between the columns of operations, and between two products."""


@dataclass(frozen=True)
class Op:
    """One operation node: its id, kind (as :class:`nn.trace.Operation`'s), tag
    (``"3:s"``: the perceptron, then ``w[0->3]``, ``w[i->3]``, ``s``, ``z`` or ``E``), name
    in :mod:`viz.markup`'s syntax and (symbol, number) values."""

    id: str
    kind: str
    tag: str
    name: str
    values: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Outline:
    """An opened perceptron: its name as the figure writes it (``markup`` when it came
    from ``labels=``), the id of the node it replaces, and its centre and size (inches, y
    upwards)."""

    name: str
    markup: bool
    id: str
    centre: tuple[float, float]
    size: tuple[float, float]


def operations(unit: Any, uid: str, trace: Any) -> list[Op]:
    """The operation nodes of perceptron ``unit`` (node id ``uid``): products in link
    order (bias first), s_j, z_j and, on an output with a target, E; with their values and
    gradients when ``trace`` holds them."""
    j = unit.name
    ops = trace.operations[j] if trace is not None else None
    kinds = [(op.kind, op.source) for op in ops] if ops is not None else [
        ("product", None), *(("product", src) for src in unit.sources),
        ("sum", None), ("activation", None)]
    nodes = []
    for k, (kind, source) in enumerate(kinds):
        values: tuple[tuple[str, float], ...] = ()
        if ops is not None:
            values = (("", ops[k].value),) + (
                () if ops[k].grad is None else (("grad", ops[k].grad),))
        tag, name = {"sum": ("s", f"s_{{{j}}}"),
                     "activation": ("z", f"z_{{{j}}} = g(s_{{{j}}})"),
                     "loss": ("E", "E")}.get(kind, (
                         f"w[{source}->{j}]" if source else bias_name(j),
                         f"w_{{{source}->{j}}} z_{{{source}}}" if source else "w_0 a_0"))
        nodes.append(Op(f"{uid}p{k}" if kind == "product" else f"{uid}{tag}", kind,
                        f"{j}:{tag}", name, values))
    return nodes


def size(ops: list[Op], sizes: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """(w, h) of the outline round ``ops`` (their ``sizes``), as :func:`place` lays them."""
    products, rest = _split(ops)
    column = sum(sizes[op.id][1] for op in products) + STEP * (len(products) - 1)
    w = 2 * PAD + max(sizes[op.id][0] for op in products) + sum(
        GAP + sizes[op.id][0] for op in rest)
    return w, 2 * PAD + TITLE + max([column, *(sizes[op.id][1] for op in rest)])


def place(ops: list[Op], sizes: dict[str, tuple[float, float]],
          centre: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """The centre of every operation inside the outline centred at ``centre``: products
    top to bottom in the left column, aligned on its right (their arrows to s_j leave from
    there and so cross none of them), then s_j, z_j, E in a row at their middle."""
    products, rest = _split(ops)
    w = size(ops, sizes)[0]
    x0, middle = centre[0], centre[1] - TITLE / 2
    left = x0 - w / 2 + PAD
    wide = max(sizes[op.id][0] for op in products)
    column = sum(sizes[op.id][1] for op in products) + STEP * (len(products) - 1)
    centres, y = {}, middle + column / 2
    for op in products:
        centres[op.id] = (left + wide - sizes[op.id][0] / 2, y - sizes[op.id][1] / 2)
        y -= sizes[op.id][1] + STEP
    x = left + wide
    for op in rest:
        x += GAP + sizes[op.id][0] / 2
        centres[op.id] = (x, middle)
        x += sizes[op.id][0] / 2
    return centres


def links(ops: list[Op]) -> list[tuple[str, str]]:
    """The arrows inside an outline: every product to s_j, s_j to z_j, z_j to E."""
    products, rest = _split(ops)
    return [(op.id, rest[0].id) for op in products] + [
        (a.id, b.id) for a, b in zip(rest, rest[1:], strict=False)]


def _split(ops: list[Op]) -> tuple[list[Op], list[Op]]:
    """The products, and the rest (s_j, z_j, E)."""
    return ([op for op in ops if op.kind == "product"],
            [op for op in ops if op.kind != "product"])
