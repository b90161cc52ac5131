"""What a network diagram shows and where: the plan that both the DOT and the TikZ follow.

:func:`plan` reads a model (and one sample's trace) into a :class:`Plan`: every node's
texts and centre, every edge w_{i->j} with its value, its gradient dE/dw_{i->j} =
delta_j z_i and its style, and where each edge's label goes.  Labels of edges between
neighbouring columns sit on their own straight edge (:func:`viz.layout.place_labels`);
the labels of skip links, whose curves Graphviz routes round the nodes in between, and
of edges where every place would cover a node or another label, are listed in a table
under the drawing instead: no label lands on another, and none is dropped.
A perceptron named in ``open`` is planned as its operations inside an outline
(:mod:`viz.netopen`).  :mod:`viz.network` turns a plan into Graphviz's DOT,
:mod:`viz.tikz` into TikZ; the parts are :mod:`viz.netparts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nn.unit import Unit
from viz import layout, netopen
from viz.netparts import (
    BIAS_INPUT,
    LABEL_FONT,
    LABEL_LIMIT,
    NODE_FONT,
    Edge,
    Node,
    Plan,
    label_lines,
    node_lines,
)
from viz.text import block_size

Link = tuple[str, str, str, float, float | None]
"""(tail id, head id, weight name, w, dE/dw or None): an edge before it is placed."""

Text = tuple[str, bool, tuple[tuple[str, float], ...]]
"""A node's (name, markup, values): see :class:`viz.netparts.Node`."""


def plan(model: Any, trace: Any, *, edge_labels: str | bool, bias: str,
         labels: dict[str, str], open: tuple[str, ...] = (), edge_grads: bool = True,
         min_font_size: float = 0.0) -> Plan:
    """The plan of ``model``'s diagram (see the module text); ``trace`` is one sample's
    pass (or None), ``labels`` the names to write instead of the nodes' own, ``open`` the
    perceptrons drawn as their operations (:mod:`viz.netopen`); ``edge_grads=False``
    leaves dE/dw_{i->j} off the edges; the weights' texts are measured at the plan's
    :attr:`Plan.label_font`."""
    label_font = max(LABEL_FONT, min_font_size)
    units = model.units()
    ids = {name: f"i{k}" for k, name in enumerate(model.input_names)}
    ids.update({unit.name: f"u{k}" for k, unit in enumerate(units)})
    opened = {ids[u.name]: netopen.operations(u, ids[u.name], trace) for u in units
              if u.name in open}
    links = _links(units, ids, trace if edge_grads else None, bias)
    labelled = edge_labels is True or (edge_labels == "auto" and len(links) <= LABEL_LIMIT)
    links = [_rewire(link, opened) for link in links]
    texts = _texts(model, units, ids, trace, bias, labels)
    sizes = {node: _size(node_lines(*text), text[1]) for node, text in texts.items()}
    inside = {op.id: _size(node_lines(op.name, True, op.values), True)
              for ops in opened.values() for op in ops}
    sizes.update({uid: netopen.size(ops, inside) for uid, ops in opened.items()})
    stacks = [[ids[name] for name in model.input_names]]
    for k in range(1, max(unit.layer for unit in units) + 1):
        stacks.append([ids[u.name] for u in units if u.layer == k])
    caps = {int(tail[1:]): tail for tail, *_ in links if tail.startswith("b")}
    column = {node: c for c, stack in enumerate(stacks) for node in stack} | {
        cap: c for c, cap in caps.items()}
    column.update({op.id: column[uid] for uid, ops in opened.items() for op in ops})
    edges = [Edge(*link, skip=column[link[1]] - column[link[0]] > 1) for link in links]
    areas = [0.0] * (len(stacks) - 1)
    for edge in edges:
        if labelled and not edge.skip:
            w, h = block_size(label_lines(edge), label_font)
            areas[column[edge.tail]] += w * h
    centres = layout.columns(stacks, caps, sizes, areas, frozenset(opened))
    columns = [centres[stack[0]][0] for stack in stacks]
    outlines = [netopen.Outline(*texts[uid][:2], uid, centres[uid], sizes[uid]) for uid in opened]
    for outline in outlines:
        centres.update(netopen.place(opened[outline.id], inside, outline.centre))
        title = f"{outline.id}t"  # the band of the outline's name: no label on it
        (x, y), (w, h) = outline.centre, outline.size
        centres[title], inside[title] = (x, y + h / 2 - netopen.TITLE / 2), (w, netopen.TITLE)
        del centres[outline.id]
    if labelled:
        height = {c: len(stack) for c, stack in enumerate(stacks)}
        edges = _place(edges, centres, sizes | inside, lambda e: 0.6 if height[
            column[e.head]] >= height[column[e.tail]] else 0.4, label_font)
    read = {source for unit in units for source, _ in unit.weights}
    kinds = {ids[name]: "input" for name in model.input_names} | {
        ids[u.name]: "intermediate" if u.name in read else "output" for u in units}
    nodes = [Node(node, kinds.get(node, "bias"), *texts[node], centres[node], sizes[node])
             for node in texts if node not in opened]
    nodes += [Node(op.id, "operation", op.name, True, op.values, centres[op.id], inside[op.id],
                   op.tag, texts[uid][0]) for uid, ops in opened.items() for op in ops]
    return Plan(nodes, edges, labelled, columns, trace is not None,
                getattr(trace, "delta", None) is not None, outlines,
                [link for ops in opened.values() for link in netopen.links(ops)],
                min_font_size)


def _rewire(link: Link, opened: dict[str, list[netopen.Op]]) -> Link:
    """A link to or from an opened perceptron: it ends at its product w_{i->j} z_i (the
    bias's at w_0 a_0) and leaves from z_j."""
    tail, head, name, w, grad = link
    if head in opened:
        ops = opened[head]
        head = next((op.id for op in ops if op.tag.endswith(":" + name)), ops[0].id)
    if tail in opened:
        tail = next(op.id for op in opened[tail] if op.kind == "activation")
    return tail, head, name, w, grad


def _links(units: list[Unit], ids: dict[str, str], trace: Any, bias: str) -> list[Link]:
    """Every edge to draw: (tail id, head id, weight name, w, dE/dw or None: always
    without a ``trace``).  The bias edge of a perceptron of layer k starts at ``b<k-1>``,
    the a_0 = 1 of column k - 1."""
    links: list[Link] = []
    for unit in units:
        head = ids[unit.name]
        if bias == "node":
            links.append((f"b{unit.layer - 1}", head, f"w0 of {unit.name}", unit.bias.data,
                          _grad(trace, "bias_grads", unit.name)))
        links += [(ids[src], head, f"w[{src}->{unit.name}]", w.data,
                   _grad(trace, "weight_grads", (src, unit.name))) for src, w in unit.weights]
    return links


def _texts(model: Any, units: list[Unit], ids: dict[str, str], trace: Any, bias: str,
           labels: dict[str, str]) -> dict[str, Text]:
    """(name, markup, values) of every node: inputs (and their values), the bias nodes,
    and each perceptron's name, w_0 (``bias="inside"``), s_j, z_j and delta_j."""
    texts: dict[str, Text] = {}
    for name in model.input_names:
        texts[ids[name]] = (labels.get(name, name), name in labels,
                            (("", trace.inputs[name]),) if trace else ())
    if bias == "node":
        for layer in sorted({unit.layer for unit in units}):
            texts[f"b{layer - 1}"] = (BIAS_INPUT, False, ())
    for unit in units:
        values: list[tuple[str, float]] = []
        if bias == "inside":
            values.append(("w0", unit.bias.data))
        if trace is not None:
            values += [("s", trace.s[unit.name]), ("z", trace.z[unit.name])]
            if trace.delta is not None:
                values.append(("δ", trace.delta[unit.name]))
        texts[ids[unit.name]] = (labels.get(unit.name, unit.name), unit.name in labels,
                                 tuple(values))
    return texts


def _size(text: list[str], scripts: bool = False) -> tuple[float, float]:
    """A node's (w, h) in inches: a circle round one line, a box round several (taller
    by a third of a line when the name has sub- or superscripts)."""
    w, h = block_size(text, NODE_FONT)
    h += (0.4 * NODE_FONT / 72) if scripts else 0.0
    if len(text) == 1:
        d = max(0.36, w + 0.14)
        return d, d
    return w + 0.2, h + 0.12


def _place(edges: list[Edge], centres: dict[str, tuple[float, float]],
           sizes: dict[str, tuple[float, float]], prefer: Callable[[Edge], float],
           font: float) -> list[Edge]:
    """The edges with a spot for the label of each one between neighbouring columns (set
    at ``font`` points), on its own edge, towards the end where the edges fan out
    (``prefer(edge)``, a fraction of the way from tail to head)."""
    boxes = [layout.Box(*centres[node], *sizes[node]) for node in centres]
    near = [edge for edge in edges if not edge.skip]
    grounds = [block_size(label_lines(edge), font) for edge in near]
    spots = iter(layout.place_labels(
        [(centres[edge.tail], centres[edge.head], (1.05 * w + 0.07, h + 0.07), prefer(edge))
         for edge, (w, h) in zip(near, grounds, strict=True)], boxes))
    return [edge if edge.skip else Edge(edge.tail, edge.head, edge.name, edge.w, edge.grad,
                                        False, next(spots)) for edge in edges]


def _grad(trace: Any, field: str, key: Any) -> float | None:
    """dE/dw for one edge from the trace, or None without a target."""
    grads = getattr(trace, field, None) if trace is not None else None
    return None if grads is None else grads[key]
