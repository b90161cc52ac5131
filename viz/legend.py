"""The texts round a network diagram: the key, the layers' captions, the skip links' table."""

from __future__ import annotations

import html

import graphviz

from viz.markup import plain, to_html
from viz.netparts import BIAS_INPUT
from viz.palette import NEGATIVE, POSITIVE
from viz.text import block_size, text_width

FONT = 9
"""Font size of the key, the captions and the table (points)."""

HEADING = "weights not written on their edges"
"""The heading of the table of skip links and crowded edges."""


def legend(
    dot: graphviz.Digraph, left: float, bottom: float, *, labelled: bool, edges: int,
    bias: str, sample: bool, target: bool, listed: bool = False, tex: str = "",
    opened: bool = False, least: float = 0,
) -> float:
    """Add the key to ``dot`` as one text node whose top left corner is just below
    (``left``, ``bottom``), the lower left corner of the drawing; return its width.
    ``tex`` is its LaTeX, for the TikZ of :mod:`viz.xdot`; ``opened``: a perceptron is
    drawn as its operations; its text is :data:`FONT` points, or ``least`` if more."""
    size = max(FONT, least)
    lines = [("edge colour: ", None), ("blue w > 0", POSITIVE), (",  ", None),
             ("red w < 0", NEGATIVE), (";  width grows with |w|", None)]
    rows = [lines]
    said = "weights written on their edges" if labelled else (
        f"{edges} edges: weights not written (edge_labels=True writes them)")
    rows.append([(said + (" (or in the table)" if listed else ""), None)])
    rows.append([(f"{BIAS_INPUT}: the constant input whose weight w0 is each bias" if bias == "node"
                  else "w0: each perceptron's bias, written inside it", None)])
    if sample:
        rows.append([("s = w0 + sum of w z,  z = sigma(s)" + (",  δ = dE/ds" if target else ""),
                      None)])
    if opened:
        rows.append([("an opened perceptron: its operations" + (
            ", each with its value and grad = dE/d(it)" if target else
            ", each with its value" if sample else ""), None)])
    plain_rows = ["".join(text for text, _ in row) for row in rows]
    w, h = block_size(plain_rows, size)
    cells = "".join(f'<tr><td align="left">{_row(row)}</td></tr>' for row in rows)
    dot.node("legend", f'<<table border="0" cellspacing="0" cellpadding="1">{cells}</table>>',
             shape="plaintext", fontsize=f"{size:g}", style="", fixedsize="shape",
             pos=f"{left + w / 2:.3f},{bottom - 0.2 - h / 2:.3f}!", width="0.01",
             height="0.01", **({"texlbl": tex} if tex else {}))
    return w


def captions(dot: graphviz.Digraph, columns: list[float], bottom: float,
             names: list[str], least: float = 0) -> float:
    """A caption under each column (x in ``columns``), below ``bottom``; return the new
    bottom of the drawing.  ``_`` and ``^`` in a name make sub- and superscripts; no text
    is smaller than ``least`` points."""
    size = max(FONT + 1, least)
    height = block_size(["x"], size)[1]
    y = bottom - 0.12 - height / 2
    for k, (x, name) in enumerate(zip(columns, names, strict=True)):
        dot.node(f"caption{k}", f"<<i>{to_html(name, size, least)}</i>>", shape="plaintext",
                 style="", fontsize=f"{size:g}", fixedsize="shape", pos=f"{x:.3f},{y:.3f}!",
                 width="0.01", height="0.01", fontcolor="#333333")
    return y - height / 2


def weight_table(dot: graphviz.Digraph, left: float, bottom: float,
               rows: list[tuple[str, str, str, list[tuple[str, str]], str]],
               least: float = 0) -> None:
    """The labels of the skip links (and of edges with no room for theirs) as a table
    whose top left corner is just below
    (``left``, ``bottom``): one row per link, (tail, head) in HTML-like markup, its
    weight's name, its lines with their colour and their LaTeX.  The values of a row are
    one text node with the weight's name as tooltip, as an edge label is, so a page can
    rewrite them alike.  Its text is :data:`FONT` points, or ``least`` if more."""
    if not rows:
        return
    size = max(FONT, least)
    step = block_size(["x"], size)[1] + 2 / 72
    ends = max(text_width(plain(f"{a} -> {b}"), size) for a, b, *_ in rows) + 0.3
    top = bottom - 0.2
    _text(dot, "skips", f"<<i>{HEADING}</i>>", left, top - step / 2, HEADING, size)
    for k, (tail, head, name, texts, tex) in enumerate(rows, start=1):
        y = top - (k + 0.5) * step
        _text(dot, f"s{k}e", f"<{tail} → {head}>", left, y, plain(f"{tail} -> {head}"), size)
        value = "  ".join(f'<font color="{colour}">{html.escape(text)}</font>'
                          for text, colour in texts)
        _text(dot, f"s{k}", f"<{value}>", left + ends, y,
              "  ".join(text for text, _ in texts), size, tooltip=name, texlbl=tex,
              texanchor="west")


def _text(dot: graphviz.Digraph, node: str, label: str, left: float, y: float,
          measure: str, size: float, **extra: str) -> None:
    """One line of text, ``label`` (HTML-like) at ``size`` points, starting at ``left`` on
    height ``y``.  The node has no size for Graphviz (``fixedsize="shape"``), so no edge
    bends round it."""
    x = left + text_width(measure, size) / 2
    dot.node(node, label, shape="plaintext", style="", fontsize=f"{size:g}",
             fixedsize="shape", width="0.01", height="0.01", pos=f"{x:.3f},{y:.3f}!", **extra)


def _row(parts: list[tuple[str, str | None]]) -> str:
    """One line of the key in Graphviz's HTML-like markup, coloured where asked."""
    return "".join(html.escape(text) if colour is None
                   else f'<font color="{colour}">{html.escape(text)}</font>'
                   for text, colour in parts)
