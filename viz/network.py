"""A network of perceptrons drawn in the style of the seed's figures.

The bias input "1" (a_0 = 1, whose weight w_0 is each perceptron's bias), the named
inputs, then the perceptrons rank by rank from left to right.  Every edge i -> j is
labelled with its weight w_{i->j}, blue when positive, red when negative, and drawn
wider the larger |w_{i->j}|.  Given one sample, every perceptron also shows its
weighted sum s_j = sum_i z_i w_{i->j} and output z_j = sigma(s_j); given its target
too, delta_j = dE/ds_j and each edge the gradient dE/dw_{i->j} = delta_j z_i.

Only the model protocol of ``nn`` is used (``input_names``, ``units()``,
``trace()``), so a Perceptron, an MLP and any Network (skip links included) draw alike.
"""

from __future__ import annotations

from typing import Any

import graphviz

from viz.graph import ROLE_COLOURS, number

POSITIVE, NEGATIVE = "#1f5fbf", "#d62728"
"""Edge colours of positive and negative weights."""


def draw_network(
    model: Any, sample: Any = None, target: Any = None, max_edges: int = 2000,
    loss: Any = "squared_error",
) -> graphviz.Digraph:
    """The diagram of ``model`` (see the module text), optionally with one sample's pass.

    ``sample`` is one input (a list in input order or a dict by input name) and
    ``target`` its desired output(s); they are passed to ``model.trace``, which
    records s_j, z_j and, with a target, delta_j and dE/dw for the error ``loss`` (a name
    from :mod:`nn.losses` or a callable; 000's E = (h - y)^2 by default).
    No ``.grad`` of the model is touched.  Models with more than ``max_edges``
    weights (biases included) are refused: ``dot`` would take minutes to lay them out.
    """
    if not callable(getattr(model, "units", None)) or not hasattr(model, "input_names"):
        raise TypeError(f"draw_network: expected an nn model (Perceptron, MLP or Network) "
                        f"with units() and input_names, got {type(model).__name__}")
    if isinstance(max_edges, bool) or not isinstance(max_edges, int) or max_edges < 1:
        raise ValueError(f"draw_network: max_edges must be a positive int, got {max_edges!r}")
    if target is not None and sample is None:
        raise ValueError("draw_network: a target needs a sample (pass sample=... too)")
    units = model.units()
    edges = sum(1 + len(unit.weights) for unit in units)
    if edges > max_edges:
        raise ValueError(f"draw_network: the model has {edges} weights, more than "
                         f"max_edges={max_edges} can show readably; draw a smaller model, "
                         f"or raise max_edges")
    trace = model.trace(sample, target, loss=loss) if sample is not None else None
    ids = {name: f"i{k}" for k, name in enumerate(model.input_names)}
    ids.update({unit.name: f"u{k}" for k, unit in enumerate(units)})
    read = {source for unit in units for source, _ in unit.weights}
    largest = max((abs(w.data) for u in units for w in _weights(u)), default=0.0) or 1.0

    dot = graphviz.Digraph("network")
    dot.attr(rankdir="LR", ranksep="1.4", nodesep="0.25")
    dot.attr("node", fontname="Helvetica", fontsize="10", style="filled")
    dot.attr("edge", fontname="Helvetica", fontsize="8", arrowsize="0.6")
    with dot.subgraph(name="inputs") as rank:
        rank.attr(rank="same")
        rank.node("bias", "1", shape="circle", fillcolor="white", width="0.4")
        for name in model.input_names:
            value = f"\\n{number(trace.inputs[name])}" if trace else ""
            rank.node(ids[name], name + value, shape="circle", fillcolor=ROLE_COLOURS["input"])
        _keep_order(rank, ["bias", *(ids[name] for name in model.input_names)])
    for layer in sorted({unit.layer for unit in units}):
        with dot.subgraph(name=f"layer{layer}") as rank:
            rank.attr(rank="same")
            members = [u for u in units if u.layer == layer]
            for unit in members:
                role = "intermediate" if unit.name in read else "output"
                rank.node(ids[unit.name], _unit_label(unit.name, trace), shape="circle",
                          fillcolor=ROLE_COLOURS[role], tooltip=unit.activation,
                          peripheries="2" if role == "output" else "1")
            _keep_order(rank, [ids[u.name] for u in members])
    for unit in units:
        sources = [("bias", unit.bias, _grad(trace, "bias_grads", unit.name))]
        sources += [(ids[src], w, _grad(trace, "weight_grads", (src, unit.name)))
                    for src, w in unit.weights]
        for source, w, g in sources:
            label = number(w.data) + (f"\\ndE/dw {number(g)}" if g is not None else "")
            colour = POSITIVE if w.data >= 0 else NEGATIVE
            dot.edge(source, ids[unit.name], label=label,
                     color=colour, fontcolor=colour,
                     penwidth=f"{0.6 + 3.4 * abs(w.data) / largest:.2f}")
    return dot


def _keep_order(rank: graphviz.Digraph, ids: list[str]) -> None:
    """Stack one rank's nodes top to bottom in the given order (invisible edges)."""
    for upper, lower in zip(ids, ids[1:], strict=False):
        rank.edge(upper, lower, style="invis")


def _weights(unit: Any) -> list:
    """The unit's bias w_0 and its weights w_{i->j}."""
    return [unit.bias, *(w for _, w in unit.weights)]


def _unit_label(name: str, trace: Any) -> str:
    """``name``, then s_j and z_j (and delta_j) when a sample was traced."""
    if trace is None:
        return name
    lines = [name, f"s {number(trace.s[name])}", f"z {number(trace.z[name])}"]
    if trace.delta is not None:
        lines.append(f"δ {number(trace.delta[name])}")
    return "\\n".join(lines)


def _grad(trace: Any, field: str, key: Any) -> float | None:
    """dE/dw for one edge from the trace, or None without a target."""
    grads = getattr(trace, field, None) if trace is not None else None
    return None if grads is None else grads[key]
