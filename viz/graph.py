"""The computation graph of a Value as a graphviz Digraph.

Each Value is one record ``name | data | grad`` and each op one small node between its
operands and its result, so the picture reads as the expression the engine recorded.
Node ids are the nodes' positions in :func:`autograd.topological_order` (``n0``,
``n1``, ...), never ``id()``: the DOT text of an expression is the same in every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import graphviz

from autograd import Constant, Value, topological_order
from autograd.display import format_number
from autograd.explain import node_names
from viz.text import text_width

ROLE_COLOURS = {
    "input": "#cfe2f3",
    "parameter": "#fce5cd",
    "intermediate": "#eeeeee",
    "output": "#d9ead3",
}
"""Fill colour of a record by the role of its Value."""

RANKDIRS = ("LR", "RL", "TB", "BT")


def role(node: Value, root: Value, parameters: frozenset[Value]) -> str:
    """``output`` (the root), ``parameter``, ``input`` (other leaves) or ``intermediate``."""
    if node is root:
        return "output"
    if node.op is None:
        return "parameter" if node in parameters else "input"
    return "intermediate"


def checked_order(root: Value, rankdir: str, max_nodes: int, where: str) -> list[Value]:
    """The topological order of ``root``, after checking the drawing arguments."""
    if not isinstance(root, Value):
        raise TypeError(f"{where}: root must be an autograd Value, got {type(root).__name__}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"{where}: rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"{where}: max_nodes must be a positive int, got {max_nodes!r}")
    order = topological_order(root)
    if len(order) > max_nodes:
        raise ValueError(
            f"{where}: the graph has {len(order)} nodes, more than max_nodes={max_nodes} "
            f"can show readably; draw a smaller root, use viz.draw_network(model) for a "
            f"network, or raise max_nodes"
        )
    return order


def record_fields(node: Value, name: str, grads: Mapping[Value, str] | None) -> list[str]:
    """The texts of ``node``'s record: its name, ``data`` and (unless ``grads`` is None)
    ``grad`` as ``grads`` gives it, ``?`` where it gives nothing."""
    fields = [name, f"data {format_number(node.data)}"]
    if grads is not None:
        fields.append(f"grad {grads.get(node, '?')}")
    return fields


def record_width(fields: list[str]) -> float:
    """The width in inches Graphviz needs for a record of ``fields`` side by side at 10 pt
    (Graphviz puts about 11 pt of margin each side of a field; 12 pt here)."""
    return sum(text_width(field, 10) + 24 / 72 for field in fields)


def _escape(text: str) -> str:
    """Text made safe inside a graphviz record label."""
    for ch in "\\{}|<>":
        text = text.replace(ch, "\\" + ch)
    return text


def build_graph(
    order: list[Value],
    rankdir: str,
    parameters: frozenset[Value],
    grads: Mapping[Value, str] | None,
    final: frozenset[Value] | None = None,
    current: Value | None = None,
    widths: Mapping[Value, float] | None = None,
    names: Mapping[Value, str] | None = None,
) -> graphviz.Digraph:
    """The Digraph of nodes ``order`` (a topological order, root last).

    ``grads`` gives the text of each record's grad field (None: no grad field; a
    missing node shows ``?``).  When ``final`` is given only those records are filled
    with their role's colour (the others are white), and ``current`` is drawn bold;
    ``widths`` gives records a width in inches (their least width, as Graphviz reads
    it): :mod:`viz.frames` uses these to show the reverse pass filling in.  ``names``
    are the records' first fields (default: :func:`autograd.explain.node_names`, the
    names the explanation's steps use).
    """
    root = order[-1]
    names = node_names(order) if names is None else names
    index = {node: i for i, node in enumerate(order)}
    dot = graphviz.Digraph("computation_graph")
    dot.attr(rankdir=rankdir)
    dot.attr("node", fontname="Helvetica", fontsize="10")
    dot.attr("edge", arrowsize="0.6")
    braces = rankdir in ("LR", "RL")
    for i, node in enumerate(order):
        nid = f"n{i}"
        if node.__class__ is Constant:
            dot.node(nid, names[node], shape="circle", width="0.2", margin="0.01",
                     fontsize="8", color="#999999", fontcolor="#555555")
            continue
        label = " | ".join(_escape(field) for field in record_fields(node, names[node], grads))
        filled = final is None or node in final
        colour = ROLE_COLOURS[role(node, root, parameters)] if filled else "white"
        size = {} if widths is None else {"width": f"{widths[node]:.3f}"}
        dot.node(
            nid, "{ " + label + " }" if braces else label, shape="record", style="filled",
            fillcolor=colour, penwidth="2.5" if node is current else "1", **size,
        )
        if node.op is not None:
            dot.node(f"{nid}op", node.op.name, shape="ellipse", width="0.3", height="0.3",
                     margin="0.03", fontsize="9")
            for parent in node.parents:
                dot.edge(f"n{index[parent]}", f"{nid}op")
            dot.edge(f"{nid}op", nid)
    return dot


def op_names(order: list[Value]) -> dict[Value, str]:
    """A name per node for a figure: its label, a constant's value, else the op it
    computes from its operands' names, an unnamed operand written ``·`` (``x - 2``,
    ``· ** 2``, ``sigmoid(·)``): no internal ids."""
    names = node_names(order)
    short = {node: names[node] if node.label or node.op is None else "·" for node in order}
    for node in order:
        if node.label or node.op is None or node.__class__ is Constant:
            continue
        operands = [short[parent] for parent in node.parents]
        symbol = node.op.name
        if symbol == "neg":
            names[node] = f"-{operands[0]}"
        elif len(operands) == 2 and not symbol.isalpha():
            # No-break spaces: Graphviz's record labels drop a plain space after "·".
            names[node] = f"{operands[0]}\u00a0{symbol}\u00a0{operands[1]}"
        else:
            names[node] = f"{symbol}({', '.join(operands)})"
    return names


def key(roles: list[str]) -> str:
    """The colour key of a computation graph as an HTML-like label: a swatch per role
    in ``roles``, then the op and constant nodes' shapes in words."""
    cells = "".join(f'<td bgcolor="{ROLE_COLOURS[name]}" border="1">&nbsp;&nbsp;&nbsp;</td>'
                    f'<td align="left">&nbsp;{name}&nbsp;&nbsp;</td>' for name in roles)
    return (f'<<table border="0" cellspacing="2" cellpadding="1"><tr>{cells}'
            f'<td align="left">&nbsp;ellipse: op, circle: constant</td></tr></table>>')


def draw_graph(
    root: Value,
    rankdir: str = "LR",
    show_grad: bool = True,
    max_nodes: int = 500,
    parameters: Iterable[Value] = (),
    *,
    legend: bool = True,
    labels: Mapping[str, str] | None = None,
) -> graphviz.Digraph:
    """The computation graph of ``root``: one record per Value, one small node per op.

    Records show ``name | data | grad`` (numbers by :func:`autograd.format_number`, 4
    significant digits; ``grad`` is the ``.grad`` left by the last ``backward()``,
    hidden with ``show_grad=False``); a node's name is its label, or else the op it
    computes (:func:`op_names`).  Records are coloured by role:
    input and parameter leaves (leaves listed in ``parameters``, e.g.
    ``model.parameters()``), intermediate nodes and the output, and a key under the
    graph says which colour is which (``legend=False`` leaves it out).  Constants, such
    as the 2 in ``x * 2``, are small plain nodes.  ``labels`` renames nodes in the
    figure: ``{"x": "x1"}`` writes x1 on the record named x.  Graphs of more than
    ``max_nodes`` nodes are refused.  Display it in Jupyter, or save it with
    :func:`viz.save`.
    """
    order = checked_order(root, rankdir, max_nodes, "draw_graph")
    if not isinstance(show_grad, bool):
        raise TypeError(f"draw_graph: show_grad must be a bool, got {type(show_grad).__name__}")
    if isinstance(parameters, Value) or not isinstance(parameters, Iterable):
        raise TypeError(f"draw_graph: parameters must be a list of Values (e.g. "
                        f"model.parameters()), got {type(parameters).__name__}")
    params = frozenset(parameters)
    grads = {node: format_number(node.grad) for node in order} if show_grad else None
    names = op_names(order)
    unknown = sorted(set(labels or {}) - set(names.values()))
    if unknown:
        raise ValueError(f"draw_graph: labels names {unknown[0]!r}, which is no node of the "
                         f"graph; its names are {', '.join(sorted(set(names.values())))}")
    names = {node: (labels or {}).get(name, name) for node, name in names.items()}
    dot = build_graph(order, rankdir, params, grads, names=names)
    if legend:
        present = {role(node, root, params) for node in order if node.__class__ is not Constant}
        dot.attr(label=key([name for name in ROLE_COLOURS if name in present]),
                 labelloc="b", labeljust="l", fontname="Helvetica", fontsize="9")
    return dot
