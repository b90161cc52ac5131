"""A network of perceptrons drawn in the style of the seed's figures, at any size.

The named inputs, then the perceptrons layer by layer from left to right, each
column evenly spaced and centred (:mod:`viz.layout` places every node; Graphviz's
``neato`` draws them where they were put).  Every edge i -> j is a weight
w_{i->j}: blue when positive, red when negative, wider the larger |w_{i->j}|, and,
while the figure stays readable, written on its edge.  The bias w_0 of perceptron j
is the weight of the constant input a_0 = 1 (000 section 2): drawn as a square
``a0 = 1`` node at the top of the column before j (001's o_0^{k-1} = 1 of layer k),
or written inside j.  Given one sample, every perceptron also shows its weighted sum
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
from viz import layout
from viz.graph import ROLE_COLOURS
from viz.legend import legend
from viz.text import block_size

POSITIVE, NEGATIVE = "#1f5fbf", "#d62728"
"""Edge colours of positive and negative weights."""

LABEL_LIMIT = 40
"""``edge_labels="auto"`` writes the weights on the edges of diagrams with at most this
many edges."""

EDGE_LABELS, BIASES = ("auto", True, False), ("node", "inside")
"""The allowed values of ``edge_labels`` and of ``bias``."""

NODE_FONT, LABEL_FONT = 10, 8
"""Font sizes (points) of the nodes' texts and of the edge labels."""


def draw_network(
    model: Any, sample: Any = None, target: Any = None, max_edges: int = 2000,
    loss: Any = "squared_error", *, edge_labels: str | bool = "auto", bias: str = "node",
) -> graphviz.Digraph:
    """The diagram of ``model`` (see the module text), optionally with one sample's pass.

    ``sample`` is one input (a list in input order or a dict by input name) and
    ``target`` its desired output(s); they are passed to ``model.trace``, which
    records s_j, z_j and, with a target, delta_j and dE/dw for the error ``loss`` (a name
    from :mod:`nn.losses` or a callable; 000's E = (h - y)^2 by default).
    ``edge_labels``: ``True`` writes every weight on its edge, ``False`` none, ``"auto"``
    only while there are at most :data:`LABEL_LIMIT` edges (colour and width always show
    them).  ``bias``: ``"node"`` draws the input a_0 = 1, ``"inside"`` writes each w_0 in
    its perceptron.  Numbers follow :func:`autograd.format_number`.  No ``.grad`` of
    the model is touched.  Models with more than ``max_edges`` weights (biases included)
    are refused.
    """
    _check(model, target, sample, max_edges, edge_labels, bias)
    units = model.units()
    edges = sum(1 + len(unit.weights) for unit in units)
    if edges > max_edges:
        raise ValueError(f"draw_network: the model has {edges} weights, more than "
                         f"max_edges={max_edges} can show readably; draw a smaller model, "
                         f"or raise max_edges")
    trace = model.trace(sample, target, loss=loss) if sample is not None else None
    ids = {name: f"i{k}" for k, name in enumerate(model.input_names)}
    ids.update({unit.name: f"u{k}" for k, unit in enumerate(units)})
    links = _links(units, ids, trace, bias)
    labelled = edge_labels is True or (edge_labels == "auto" and len(links) <= LABEL_LIMIT)
    texts = _texts(model, units, ids, trace, bias)
    sizes = {node: _size(lines) for node, lines in texts.items()}
    stacks = [[ids[name] for name in model.input_names]]
    for k in range(1, max(unit.layer for unit in units) + 1):
        stacks.append([ids[u.name] for u in units if u.layer == k])
    caps = {int(tail[1:]): tail for tail, *_ in links if tail.startswith("b")}
    column = {node: c for c, stack in enumerate(stacks) for node in stack} | {
        cap: c for c, cap in caps.items()}
    skips = [column[head] - column[tail] > 1 for tail, head, *_ in links]
    labels = [_label(w, g) for *_, w, g in links] if labelled else []
    areas = [0.0] * (len(stacks) - 1)
    for (tail, *_), lines, skip in zip(links, labels, skips, strict=False):
        w, h = block_size(lines, LABEL_FONT)
        areas[column[tail]] += 0.0 if skip else w * h
    centres = layout.columns(stacks, caps, sizes, areas)

    dot = graphviz.Digraph("network")
    dot.attr(layout="neato", splines="true" if any(skips) else "line", overlap="true",
             outputorder="edgesfirst", pad="0.15")
    dot.attr("node", fontname="Helvetica", fontsize=str(NODE_FONT), style="filled",
             fixedsize="true")
    dot.attr("edge", arrowsize="0.5", fontname="Helvetica", fontsize=str(LABEL_FONT))
    read = {source for unit in units for source, _ in unit.weights}
    kinds = {ids[name]: "input" for name in model.input_names} | {
        ids[u.name]: "intermediate" if u.name in read else "output" for u in units}
    for node, lines in texts.items():
        (x, y), (w, h) = centres[node], sizes[node]
        dot.node(node, "\\n".join(lines), pos=f"{x:.3f},{y:.3f}!",
                 **_style(kinds.get(node), len(lines), w, h))
    styles = _styles([w for *_, w, _ in links])
    for k, ((tail, head, name, w, _), skip) in enumerate(zip(links, skips, strict=True)):
        colour, width = styles[k]
        text = {"label": "\\n".join(labels[k]), "fontcolor": _colour(w)} if labels and skip else {}
        dot.edge(tail, head, color=colour, tooltip=f"{name} = {format_number(w)}",
                 penwidth=width, **text)
    if labels:
        height = {c: len(stack) for c, stack in enumerate(stacks)}
        _write_labels(dot, [(link, lines, 0.6 if height[column[link[1]]] >= height[
            column[link[0]]] else 0.4) for link, lines, skip in zip(links, labels, skips,
                                                                    strict=True) if not skip],
                      centres, sizes)
    bottom = min(y - sizes[node][1] / 2 for node, (x, y) in centres.items())
    left = min(x - sizes[node][0] / 2 for node, (x, y) in centres.items())
    legend(dot, left, bottom, labelled=labelled, edges=len(links), bias=bias,
           sample=trace is not None, target=getattr(trace, "delta", None) is not None)
    return dot


def edge_styles(model: Any, bias: str = "node") -> dict[str, tuple[str, str]]:
    """Each drawn edge's (colour, pen width) by the weight's name in the figure (its
    tooltip: ``w[i->j]``, or ``w0 of j`` for a bias edge), as :func:`draw_network` draws
    it now: so a page can restyle a drawn figure in place as the weights move."""
    units = model.units()
    ids = {name: f"i{k}" for k, name in enumerate(model.input_names)}
    ids.update({unit.name: f"u{k}" for k, unit in enumerate(units)})
    links = _links(units, ids, None, bias)
    styles = _styles([w for *_, w, _ in links])
    return {name: style for (_, _, name, _, _), style in zip(links, styles, strict=True)}


def _styles(weights: list[float]) -> list[tuple[str, str]]:
    """The key's rule: colour by the sign of w, pen width 0.6 + c |w| / max |w| (c = 3.4, or
    1.6 with a lighter colour once the figure has more than LABEL_LIMIT edges)."""
    largest = max((abs(w) for w in weights), default=0.0) or 1.0
    dense = len(weights) > LABEL_LIMIT
    return [(_colour(w) + ("99" if dense else ""),
             f"{0.6 + (1.6 if dense else 3.4) * abs(w) / largest:.2f}") for w in weights]


def _colour(w: float) -> str:
    """The colour of a weight: :data:`POSITIVE` for w >= 0, else :data:`NEGATIVE`."""
    return POSITIVE if w >= 0 else NEGATIVE


def _label(w: float, g: float | None) -> list[str]:
    """The lines written on an edge: w_{i->j}, and dE/dw_{i->j} when known."""
    return [format_number(w)] + ([] if g is None else [f"dE/dw {format_number(g)}"])


def _check(model: Any, target: Any, sample: Any, max_edges: Any, edge_labels: Any,
           bias: Any) -> None:
    """Refuse arguments draw_network cannot use, naming the argument and what it takes."""
    if not callable(getattr(model, "units", None)) or not hasattr(model, "input_names"):
        raise TypeError(f"draw_network: expected an nn model (Perceptron, MLP or Network) "
                        f"with units() and input_names, got {type(model).__name__}")
    if isinstance(max_edges, bool) or not isinstance(max_edges, int) or max_edges < 1:
        raise ValueError(f"draw_network: max_edges must be a positive int, got {max_edges!r}")
    if not any(edge_labels is allowed for allowed in EDGE_LABELS[1:]) and edge_labels != "auto":
        raise ValueError(f"draw_network: edge_labels must be 'auto', True or False, "
                         f"got {edge_labels!r}")
    if bias not in BIASES:
        raise ValueError(f"draw_network: bias must be 'node' or 'inside', got {bias!r}")
    if target is not None and sample is None:
        raise ValueError("draw_network: a target needs a sample (pass sample=... too)")


def _links(units: list, ids: dict[str, str], trace: Any, bias: str) -> list[tuple]:
    """Every edge to draw: (tail id, head id, weight name, w, dE/dw or None).  The bias
    edge of a perceptron of layer k starts at ``b<k-1>``, the a_0 = 1 of column k - 1."""
    links = []
    for unit in units:
        head = ids[unit.name]
        if bias == "node":
            links.append((f"b{unit.layer - 1}", head, f"w0 of {unit.name}", unit.bias.data,
                          _grad(trace, "bias_grads", unit.name)))
        links += [(ids[src], head, f"w[{src}->{unit.name}]", w.data,
                   _grad(trace, "weight_grads", (src, unit.name))) for src, w in unit.weights]
    return links


def _texts(model: Any, units: list, ids: dict[str, str], trace: Any, bias: str
           ) -> dict[str, list[str]]:
    """The lines written in every node: inputs (and their values), the bias nodes, and
    each perceptron's name, w_0 (``bias="inside"``), s_j, z_j and delta_j."""
    texts = {}
    for name in model.input_names:
        texts[ids[name]] = [name] + ([format_number(trace.inputs[name])] if trace else [])
    if bias == "node":
        for layer in sorted({unit.layer for unit in units}):
            texts[f"b{layer - 1}"] = ["a0 = 1"]
    for unit in units:
        lines = [unit.name]
        if bias == "inside":
            lines.append(f"w0 {format_number(unit.bias.data)}")
        if trace is not None:
            lines += [f"s {format_number(trace.s[unit.name])}",
                      f"z {format_number(trace.z[unit.name])}"]
            if trace.delta is not None:
                lines.append(f"δ {format_number(trace.delta[unit.name])}")
        texts[ids[unit.name]] = lines
    return texts


def _size(lines: list[str]) -> tuple[float, float]:
    """A node's (w, h) in inches: a circle round one line, a box round several."""
    w, h = block_size(lines, NODE_FONT)
    if len(lines) == 1:
        d = max(0.36, w + 0.14)
        return d, d
    return w + 0.2, h + 0.12


def _style(kind: str | None, lines: int, w: float, h: float) -> dict[str, str]:
    """Graphviz attributes of a node: its shape, size and colours by ``kind``
    (``input``, ``intermediate``, ``output``, None for a bias node)."""
    size = {"width": f"{w:.3f}", "height": f"{h:.3f}"}
    if kind is None:
        return {"width": f"{w:.3f}", "height": "0.3", "shape": "box", "fillcolor": "white",
                "color": "#555555"}
    shape = {"shape": "circle"} if lines == 1 else {"shape": "box", "style": "rounded,filled"}
    extra = {"peripheries": "2"} if kind == "output" else {}
    return size | shape | extra | {"fillcolor": ROLE_COLOURS[kind]}


def _write_labels(dot: graphviz.Digraph, labelled: list[tuple[tuple, list[str], float]],
                  centres: dict, sizes: dict) -> None:
    """Each weight (and dE/dw) of an edge between neighbouring columns as a small text on
    a white ground, centred on its own edge (:func:`viz.layout.place_labels`), towards
    the end where the edges fan out (the preferred fraction given).  The label nodes have
    no size for Graphviz (``fixedsize="shape"``): no edge bends round them."""
    boxes = [layout.Box(*centres[node], *sizes[node]) for node in centres]
    grounds = [block_size(lines, LABEL_FONT) for _, lines, _ in labelled]
    spots = layout.place_labels(
        [(centres[tail], centres[head], (w + 0.06, h + 0.03), prefer)
         for ((tail, head, *_), _, prefer), (w, h) in zip(labelled, grounds, strict=True)],
        boxes)
    for k, (((_, _, name, w, _), lines, _), (x, y)) in enumerate(zip(labelled, spots,
                                                                      strict=True)):
        text = "<br/>".join(html.escape(line) for line in lines)
        dot.node(f"l{k}", f'<<table border="0" cellborder="0" cellpadding="1" '
                 f'bgcolor="#ffffffe6"><tr><td><font color="{_colour(w)}" '
                 f'point-size="{LABEL_FONT}">{text}</font></td></tr></table>>',
                 pos=f"{x:.3f},{y:.3f}!", shape="plaintext", style="", fixedsize="shape",
                 width="0.01", height="0.01", tooltip=name)


def _grad(trace: Any, field: str, key: Any) -> float | None:
    """dE/dw for one edge from the trace, or None without a target."""
    grads = getattr(trace, field, None) if trace is not None else None
    return None if grads is None else grads[key]
