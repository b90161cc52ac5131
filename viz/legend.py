"""The key of a network diagram: what the colours, widths and texts stand for."""

from __future__ import annotations

import html

import graphviz

from viz.text import block_size

FONT = 9
"""Font size of the key (points)."""


def legend(
    dot: graphviz.Digraph, left: float, bottom: float, *, labelled: bool, edges: int,
    bias: str, sample: bool, target: bool,
) -> None:
    """Add the key to ``dot`` as one text node whose top left corner is just below
    (``left``, ``bottom``), the lower left corner of the drawing."""
    from viz.network import NEGATIVE, POSITIVE  # the colours the key explains

    lines = [("edge colour: ", None), ("blue w > 0", POSITIVE), (",  ", None),
             ("red w < 0", NEGATIVE), (";  width grows with |w|", None)]
    rows = [lines]
    said = "weights written on their edges" if labelled else (
        f"{edges} edges: weights not written (edge_labels=True writes them)")
    rows.append([(said, None)])
    rows.append([("a0 = 1: the constant input whose weight w0 is each bias" if bias == "node"
                  else "w0: each perceptron's bias, written inside it", None)])
    if sample:
        rows.append([("s = w0 + sum of w z,  z = sigma(s)" + (",  δ = dE/ds" if target else ""),
                      None)])
    plain = ["".join(text for text, _ in row) for row in rows]
    w, h = block_size(plain, FONT)
    cells = "".join(f'<tr><td align="left">{_row(row)}</td></tr>' for row in rows)
    dot.node("legend", f'<<table border="0" cellspacing="0" cellpadding="1">{cells}</table>>',
             shape="plaintext", fontsize=str(FONT), style="", fixedsize="false",
             pos=f"{left + w / 2:.3f},{bottom - 0.2 - h / 2:.3f}!", width="0", height="0")


def _row(parts: list[tuple[str, str | None]]) -> str:
    """One line of the key in Graphviz's HTML-like markup, coloured where asked."""
    return "".join(html.escape(text) if colour is None
                   else f'<font color="{colour}">{html.escape(text)}</font>'
                   for text, colour in parts)
