"""The texts of a network diagram as LaTeX, in the tutorial's notation.

:func:`viz.draw_network` gives every node the LaTeX of its text as the ``texlbl``
attribute (Graphviz keeps it and ignores it), which :mod:`viz.xdot` sets in place of
the SVG's text when the figure is written as TikZ: s_j, z_j, delta_j and w_0 typeset as
mathematics, numbers with a true minus sign and ``1.2e-04`` as 1.2 x 10^-4.
"""

from __future__ import annotations

import re

from autograd.display import format_number
from viz.markup import escape, to_tex
from viz.netparts import LABEL_FONT, Edge, Node
from viz.palette import NEGATIVE, POSITIVE

SYMBOLS = {"s": "s", "z": "z", "δ": r"\delta", "w0": "w_0", "grad": r"\mathrm{grad}"}
"""The symbol of each value a perceptron (or an operation of an opened one) shows."""

LABEL_TEX = 6.5
"""Font size (points) of an edge label in LaTeX: smaller than the SVG's 8 points, whose
``dE/dw -8.163e-04`` is narrower than its mathematics, so that it takes no more room."""

COLOURS = {colour: f"c{colour[1:].upper()}" for colour in (POSITIVE, NEGATIVE)}
"""The TikZ names of the weights' colours (as :func:`viz.xdot.colour` names them)."""


def number(x: float) -> str:
    """``x`` by :func:`autograd.format_number`, as TeX mathematics: ``5.498e-04`` ->
    ``5.498\\cdot 10^{-4}``."""
    text = format_number(x)
    match = re.fullmatch(r"(-?[\d.]+)e([+-]\d+)", text)
    return text if match is None else rf"{match[1]}\cdot 10^{{{int(match[2])}}}"


def node_tex(node: Node) -> str:
    """A node's lines: its name (mathematics when it came from ``labels=``), then
    s, z, delta or w_0 = value, or an input's value."""
    if node.kind == "bias":
        return "$a_0 = 1$"
    name = f"${to_tex(node.name)}$" if node.markup else escape(node.name)
    values = [f"${SYMBOLS[symbol]} = {number(x)}$" if symbol else f"${number(x)}$"
              for symbol, x in node.values]
    return block([name, *values])


def tex_lines(edge: Edge) -> list[str]:
    """The LaTeX lines of a weight: its value, and dE/dw when known."""
    return [f"${number(edge.w)}$"] + (
        [] if edge.grad is None else [rf"$\partial E/\partial w = {number(edge.grad)}$"])


def label_tex(edge: Edge, colour: str, points: float = LABEL_FONT) -> str:
    """An edge label: w_{i->j}, and dE/dw_{i->j} when known, in the weight's colour, as
    much larger than :data:`LABEL_TEX` as the label's ``points`` are than LABEL_FONT."""
    lines = tex_lines(edge)
    tex = LABEL_TEX * points / LABEL_FONT
    size = rf"\fontsize{{{tex:g}}}{{{1.2 * tex:g}}}\selectfont"
    return size + rf"\color{{{COLOURS[colour]}}}" + block(lines)


def row_tex(edge: Edge, colour: str) -> str:
    """A weight's row in the table under the drawing: w_{i->j}, then dE/dw_{i->j}."""
    lines = tex_lines(edge)
    return rf"\color{{{COLOURS[colour]}}}" + r"\quad ".join(lines)


def legend_tex(*, labelled: bool, edges: int, bias: str, sample: bool, target: bool,
               listed: bool, opened: bool = False) -> str:
    """The key of a network diagram, its rows left-aligned."""
    blue, red = COLOURS["#1f5fbf"], COLOURS["#d62728"]
    rows = [rf"edge colour: {{\color{{{blue}}}blue $w > 0$}}, {{\color{{{red}}}red $w < 0$}}; "
            r"width grows with $|w|$"]
    rows.append(("weights written on their edges" if labelled else
                 f"{edges} edges: weights not written") + (" (or in the table)" if listed
                                                          else ""))
    rows.append(r"$a_0 = 1$: the constant input whose weight $w_0$ is each bias"
                if bias == "node" else r"$w_0$: each perceptron's bias, written inside it")
    if sample:
        rows.append(r"$s_j = w_0 + \sum_i w_{i\to j} z_i$, $z_j = g(s_j)$" +
                    (r", $\delta_j = \partial E/\partial s_j$" if target else ""))
    if opened:
        rows.append("an opened perceptron: its operations" + (
            r", each with its value and $\mathrm{grad} = \partial E/\partial(\cdot)$" if target
            else ", each with its value" if sample else ""))
    return block(rows, "l")


def block(lines: list[str], align: str = "c") -> str:
    """``lines`` one under the other, centred (or ``align="l"``: left-aligned), as one
    box, so that a colour or size set before it holds for every line."""
    return rf"\begin{{tabular}}{{@{{}}{align}@{{}}}}" + r"\\".join(lines) + r"\end{tabular}"
