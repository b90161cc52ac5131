"""A network of perceptrons drawn in the style of the tutorial's figures, at any size.

The named inputs, then the perceptrons layer by layer from left to right, each
column evenly spaced and centred (:mod:`viz.layout` places every node; Graphviz's
``neato`` draws them where they were put).  Every edge i -> j is a weight
w_{i->j}: blue when positive, red when negative, wider the larger |w_{i->j}|, and,
while the figure stays readable, written on its edge.  The bias w_0 of perceptron j
is the weight of the constant input a_0 = 1 (the tutorial, section 1.1): drawn as a
square ``a₀ = 1`` node at the top of the column before j (the a_0 = 1 of layer k - 1,
section 4), or written inside j.  Given one sample, every perceptron also shows its weighted sum
s_j = w_0 + sum_i z_i w_{i->j} and output z_j = sigma(s_j); given its target too,
delta_j = dE/ds_j, and each edge the gradient dE/dw_{i->j} = delta_j z_i.

Only the model protocol of ``nn`` is used (``input_names``, ``units()``,
``trace()``), so a Perceptron, an MLP and any Network (skip links included) draw alike.
"""

from __future__ import annotations

import html
from typing import Any

import graphviz

from autograd.display import format_number
from viz.graph import ROLE_COLOURS
from viz.legend import FONT, captions, legend, weight_table
from viz.markup import to_html, to_tex, to_tex_text
from viz.netcheck import check, check_open, check_text, check_words
from viz.netopen import Outline
from viz.netparts import (
    LABEL_LIMIT,
    NODE_FONT,
    Edge,
    Key,
    Node,
    Plan,
    label_lines,
    lines,
    listed,
)
from viz.netplan import plan as make_plan
from viz.nettex import label_tex, legend_tex, node_tex, row_tex
from viz.palette import OPERATION, weight_colour

__all__ = ["LABEL_LIMIT", "draw_network", "edge_styles", "network_plan"]


def draw_network(
    model: Any, sample: Any = None, target: Any = None, max_edges: int = 2000,
    loss: Any = "squared_error", *, edge_labels: str | bool = "auto", bias: str = "node",
    labels: dict[str, str] | None = None, layer_names: list[str] | None = None,
    legend: bool = True, title: str | None = None, open: list[str] | tuple[str, ...] = (),
    edge_grads: bool = True, min_font_size: float = 0,
) -> graphviz.Digraph:
    """The diagram of ``model`` (see the module text), optionally with one sample's pass.

    ``sample`` is one input (a list in input order or a dict by input name) and
    ``target`` its desired output(s); they are passed to ``model.trace``, which
    records s_j, z_j and, with a target, delta_j and dE/dw for the error ``loss`` (a name
    from :mod:`nn.losses` or a callable; the tutorial's E = (h - y)^2 by default, section
    1.3).  ``edge_labels``: ``True`` writes every weight on its edge, ``False`` none,
    ``"auto"`` only while there are at most :data:`LABEL_LIMIT` edges (colour and width
    always show them); ``edge_grads=False`` writes w_{i->j} alone, without the sample's
    dE/dw_{i->j} = delta_j z_i under it.  ``min_font_size`` (points, at most the nodes'
    10) raises every smaller text to it: the edge labels (the layout makes room for them),
    the table, the key and the sub- and superscripts, for a figure read on a screen at
    its own size.  ``bias``: ``"node"`` draws the input a_0 = 1, ``"inside"`` writes each w_0 in
    its perceptron.  ``labels`` names nodes in your own words (``{"1.1": "h_1"}``:
    ``_`` and ``^`` make sub- and superscripts, see :mod:`viz.markup`), ``layer_names``
    captions the columns (inputs first), ``legend=False`` leaves out the key and ``title``
    is written above.  ``open`` names perceptrons (``["3"]``, ``["1.1", "2.1"]``) to draw
    as their operations inside their outline (:mod:`viz.netopen`): each w_{i->j} z_i, s_j,
    z_j = g(s_j) and on an output E, with the sample's values and gradients dE/d(it); in
    the SVG each operation's group has the id ``op-<perceptron>:<w[0->j], w[i->j], s, z or
    E>`` and each outline ``open-<perceptron>``.  Numbers follow
    :func:`autograd.format_number`.  No ``.grad`` of the model is touched.  Models with
    more than ``max_edges`` weights (biases included) are refused.
    """
    figure = network_plan(model, sample, target, max_edges, loss, edge_labels=edge_labels,
                          bias=bias, labels=labels, layer_names=layer_names, open=open,
                          edge_grads=edge_grads, min_font_size=min_font_size)
    least = figure.min_font_size
    dot = graphviz.Digraph("network")
    skips = any(edge.skip for edge in figure.edges)
    dot.attr(layout="neato", splines="true" if skips else "line", overlap="true",
             outputorder="edgesfirst", pad="0.15")
    if title is not None:
        dot.attr(label=f"<{to_html(title, 14, least)}>", labelloc="t", fontname="Helvetica",
                 fontsize="14", texlbl=to_tex_text(title))
    dot.attr("node", fontname="Helvetica", fontsize=str(NODE_FONT), style="filled",
             fixedsize="true")
    dot.attr("edge", arrowsize="0.5")
    for node in figure.nodes:
        if not node.group:
            _draw_node(dot, node, least)
    for outline in figure.outlines:
        _draw_outline(dot, outline, [node for node in figure.nodes if node.group == outline.name],
                      least)
    for tail, head in figure.inner:
        dot.edge(tail, head, color="#555555", penwidth="1", tailport="e", headport="w")
    styles = _styles([edge.w for edge in figure.edges])
    for edge, (colour, width) in zip(figure.edges, styles, strict=True):
        dot.edge(edge.tail, edge.head, color=colour, tooltip=f"{edge.name} = "
                 f"{format_number(edge.w)}", penwidth=width)
    _write_labels(dot, [(edge, edge.spot) for edge in figure.edges if edge.spot is not None],
                  figure.label_font)
    left = min(n.centre[0] - n.size[0] / 2 for n in figure.nodes)
    bottom = min(n.centre[1] - n.size[1] / 2 for n in figure.nodes)
    if layer_names:
        bottom = captions(dot, figure.columns, bottom, layer_names, least)
    x = left
    if legend:
        x += legend_key(dot, figure, left, bottom, bias) + 0.4
    names = {node.id: node for node in figure.nodes}
    weight_table(dot, x, bottom, [(_end(names[e.tail], least), _end(names[e.head], least),
                                   e.name, [(line, weight_colour(e.w)) for line in label_lines(e)],
                                   row_tex(e, weight_colour(e.w))) for e in listed(figure)],
                 least)
    return dot


def network_plan(model: Any, sample: Any = None, target: Any = None, max_edges: int = 2000,
                 loss: Any = "squared_error", *, edge_labels: str | bool = "auto",
                 bias: str = "node", labels: dict[str, str] | None = None,
                 layer_names: list[str] | None = None,
                 open: list[str] | tuple[str, ...] = (), edge_grads: bool = True,
                 min_font_size: float = 0) -> Plan:
    """The :class:`viz.netparts.Plan` of ``draw_network``'s figure, after checking every
    argument as :func:`draw_network` does (the TikZ of :mod:`viz.tikz` follows it too)."""
    check(model, target, sample, max_edges, edge_labels, bias)
    check_text(edge_grads, min_font_size, NODE_FONT)
    units = model.units()
    edges = sum(1 + len(unit.weights) for unit in units)
    if edges > max_edges:
        raise ValueError(f"draw_network: the model has {edges} weights, more than "
                         f"max_edges={max_edges} can show readably; draw a smaller model, "
                         f"or raise max_edges")
    names = check_words(model, units, labels, layer_names)
    opened = check_open(units, open)
    trace = model.trace(sample, target, loss=loss, open=opened) if sample is not None else None
    return make_plan(model, trace, edge_labels=edge_labels, bias=bias, labels=names,
                     open=opened, edge_grads=edge_grads, min_font_size=min_font_size)


def legend_key(dot: graphviz.Digraph, figure: Plan, left: float, bottom: float,
               bias: str) -> float:
    """Draw the key of ``figure`` under (``left``, ``bottom``); return its width."""
    said: Key = {"labelled": figure.labelled, "edges": len(figure.edges), "bias": bias,
            "sample": figure.sample, "target": figure.target, "listed": bool(listed(figure)),
            "opened": bool(figure.outlines)}
    return legend(dot, left, bottom, tex=legend_tex(**said), least=figure.min_font_size,
                  **said)


def edge_styles(model: Any, bias: str = "node") -> dict[str, tuple[str, str]]:
    """Each drawn edge's (colour, pen width) by the weight's name in the figure (its
    tooltip: ``w[i->j]``, or ``w0 of j`` for a bias edge), as :func:`draw_network` draws
    it now: so a page can restyle a drawn figure in place as the weights move."""
    edges = make_plan(model, None, edge_labels=False, bias=bias, labels={}).edges
    styles = _styles([edge.w for edge in edges])
    return {edge.name: style for edge, style in zip(edges, styles, strict=True)}


def _styles(weights: list[float]) -> list[tuple[str, str]]:
    """The key's rule: colour by the sign of w, pen width 0.6 + c |w| / max |w| (c = 3.4, or
    1.6 with a lighter colour once the figure has more than LABEL_LIMIT edges)."""
    largest = max((abs(w) for w in weights), default=0.0) or 1.0
    dense = len(weights) > LABEL_LIMIT
    return [(weight_colour(w) + ("99" if dense else ""),
             f"{0.6 + (1.6 if dense else 3.4) * abs(w) / largest:.2f}") for w in weights]


def _draw_node(dot: graphviz.Digraph, node: Node, least: float) -> None:
    """One node at its planned centre, with its label (scripts at ``least`` points at
    least), LaTeX and style (an operation's group has the id ``op-<tag>``)."""
    (x, y), (w, h) = node.centre, node.size
    dot.node(node.id, _node_label(node, least), pos=f"{x:.3f},{y:.3f}!", texlbl=node_tex(node),
             **_style(node.kind, len(lines(node)), w, h),
             **({"id": f"op-{node.tag}"} if node.tag else {}))


def _draw_outline(dot: graphviz.Digraph, outline: Outline, nodes: list[Node],
                  least: float) -> None:
    """An opened perceptron: a cluster named after it (id ``open-<name>``) holding its
    operations, its extent fixed by two invisible points at opposite corners."""
    (x, y), (w, h) = outline.centre, outline.size
    with dot.subgraph(name=f"cluster_{outline.id}") as cluster:
        name = outline.name
        cluster.attr(label=f"<{to_html(name, NODE_FONT, least)}>" if outline.markup else name,
                     texlbl=f"${to_tex(name)}$" if outline.markup else to_tex_text(name),
                     id=f"open-{name}", style="rounded", color="#555555", margin="0",
                     fontname="Helvetica", fontsize=str(NODE_FONT), labelloc="t")
        for node in nodes:
            _draw_node(cluster, node, least)
        for k, (dx, dy) in enumerate([(-1, -1), (1, 1)]):
            cluster.node(f"{outline.id}c{k}", "", shape="point", style="invis", width="0.01",
                         pos=f"{x + dx * w / 2:.3f},{y + dy * h / 2:.3f}!")


def _end(node: Node, least: float) -> str:
    """A node's name in HTML-like markup, for the table of skip links (an operation's:
    its perceptron's)."""
    if node.group:
        return html.escape(node.group)
    return to_html(node.name, max(FONT, least), least) if node.markup else html.escape(node.name)


def _node_label(node: Node, least: float) -> str:
    """A node's label: plain lines, or HTML-like markup when its name has sub- or
    superscripts (``labels=``)."""
    if not node.markup:
        return "\\n".join(lines(node))
    rows = [to_html(node.name, NODE_FONT, least), *(html.escape(line) for line in lines(node)[1:])]
    cells = "".join(f'<tr><td cellpadding="{2 if k == 0 else 0}">{row}</td></tr>'
                    for k, row in enumerate(rows))
    return f'<<table border="0" cellborder="0" cellpadding="0" cellspacing="0">{cells}</table>>'


def _style(kind: str, lines: int, w: float, h: float) -> dict[str, str]:
    """Graphviz attributes of a node: its shape, size and colours by ``kind``
    (``input``, ``intermediate``, ``output``, ``bias``)."""
    size = {"width": f"{w:.3f}", "height": f"{h:.3f}"}
    if kind == "bias":
        return {"width": f"{w:.3f}", "height": "0.3", "shape": "box", "fillcolor": "white",
                "color": "#555555"}
    if kind == "operation":
        return size | {"shape": "box", "style": "rounded,filled", "fillcolor": OPERATION}
    shape = {"shape": "circle"} if lines == 1 else {"shape": "box", "style": "rounded,filled"}
    extra = {"peripheries": "2"} if kind == "output" else {}
    return size | shape | extra | {"fillcolor": ROLE_COLOURS[kind]}


def _write_labels(dot: graphviz.Digraph, edges: list[tuple[Edge, tuple[float, float]]],
                  size: float) -> None:
    """Each weight (and dE/dw) of an edge between neighbouring columns as a text of
    ``size`` points on a white ground at its spot on its own edge (:mod:`viz.netplan`).
    The label nodes have no size for Graphviz (``fixedsize="shape"``): no edge bends
    round them."""
    for k, (edge, (x, y)) in enumerate(edges):
        text = "<br/>".join(html.escape(line) for line in label_lines(edge))
        dot.node(f"l{k}", f'<<table border="0" cellborder="0" cellpadding="1" cellspacing="0" '
                 f'bgcolor="#ffffffe6"><tr><td><font color="{weight_colour(edge.w)}" '
                 f'point-size="{size:g}">{text}</font></td></tr></table>>',
                 pos=f"{x:.3f},{y:.3f}!", shape="plaintext", style="", fixedsize="shape",
                 width="0.01", height="0.01", tooltip=edge.name,
                 texlbl=label_tex(edge, weight_colour(edge.w), size))
