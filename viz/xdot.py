"""Graphviz's own drawing, as TikZ commands: every shape and line where ``dot`` put it.

``dot -Tjson`` lists, for the graph, every node and every edge, the drawing operations of
xdot: pen and fill colours (``c``, ``C``), line styles (``S``), filled and open polygons
(``P``, ``p``), ellipses (``E``, ``e``), B-splines (``B``, ``b``: cubic Bezier pieces),
polylines (``L``), fonts (``F``, ``t``) and texts (``T``).  :func:`commands` turns them
into TikZ, in Graphviz's coordinates (points of 1/72 inch, TikZ's ``bp``), so the LaTeX
figure has the layout of the SVG.  A node whose ``texlbl`` attribute holds LaTeX has its
texts replaced by that LaTeX at the node's centre (or, with ``texanchor=west``, where its
text starts): this is how the figures write their numbers and the tutorial's symbols as
mathematics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from viz.markup import escape

DRAWN = ("_draw_", "_ldraw_", "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_")
"""The xdot attributes that hold drawing operations, in the order Graphviz paints them."""

ITALIC, SUPERSCRIPT, SUBSCRIPT = 2, 8, 16
"""Font flags of xdot's ``t`` operation."""

TEX_SIZE = 0.9
"""A ``texlbl`` is set at this fraction of the label's size: its mathematics (``s = ``,
``10^{-4}``) is wider than the Graphviz text it replaces, which the layout was made for."""


def colour(value: str, names: dict[str, str]) -> tuple[str, float]:
    """A TikZ colour name for Graphviz's ``#rrggbb[aa]`` (defined once in ``names``) and
    its opacity."""
    rgb, alpha = value[1:7].upper(), int(value[7:9], 16) / 255 if len(value) == 9 else 1.0
    if not re.fullmatch(r"[0-9A-F]{6}", rgb):
        rgb = {"black": "000000", "white": "FFFFFF", "transparent": "FFFFFF"}.get(value, "000000")
        alpha = 0.0 if value == "transparent" else alpha
    return names.setdefault(rgb, f"c{rgb}"), alpha


def commands(layout: dict[str, Any], names: dict[str, str]) -> Iterator[str]:
    """The TikZ commands that paint ``layout`` (the parsed ``-Tjson``), colours named in
    ``names`` (``{"RRGGBB": name}``, filled in as colours are met)."""
    yield from _label(layout, names)  # the graph's: a title or a key (_draw_ is the page)
    for item in layout.get("edges", []):
        for key in DRAWN:
            yield from _paint(item.get(key, []), names)
    for item in layout.get("objects", []):
        if "nodes" in item and "_draw_" not in item:
            continue  # a subgraph
        for key in DRAWN:
            if key == "_ldraw_":
                yield from _label(item, names)
            else:
                yield from _paint(item.get(key, []), names)


def _label(item: dict[str, Any], names: dict[str, str]) -> Iterator[str]:
    """The label of a node or of the graph: Graphviz's texts, or its ``texlbl`` (LaTeX)
    centred where the label is (``pos`` of a node, ``lp`` of the graph's label), at
    :data:`TEX_SIZE` of its size."""
    tex, ops = item.get("texlbl"), item.get("_ldraw_", [])
    if tex is None:
        yield from _paint(ops, names)
        return
    yield from _paint([op for op in ops if op["op"] not in "TFt"], names)  # grounds stay
    x, y = (float(v) for v in item.get("lp", item.get("pos", "0,0")).split(","))
    size = TEX_SIZE * next((float(op["size"]) for op in ops if op["op"] == "F"),
                           float(item.get("fontsize", 14)))
    anchor = item.get("texanchor", "center")
    if anchor == "west":  # where Graphviz starts the text
        x = min((op["pt"][0] for op in ops if op["op"] == "T"), default=x)
    yield (rf"\node[anchor={anchor}, inner sep=0pt, font={_font(size)}] at ({x:.2f},{y:.2f}) "
           rf"{{{tex}}};")


def _paint(ops: list[dict[str, Any]], names: dict[str, str]) -> Iterator[str]:
    """TikZ for one list of xdot operations, with the pen, fill, width and font they set."""
    pen, fill, width, size, flags = ("c000000", 1.0), ("cFFFFFF", 1.0), 1.0, 14.0, 0
    for op in ops:
        kind = op["op"]
        if kind == "c":
            pen = colour(op["color"], names)
        elif kind == "C":
            fill = colour(op["color"], names)
        elif kind == "S" and op["style"].startswith("setlinewidth("):
            width = float(op["style"][13:-1])
        elif kind == "F":
            size, flags = float(op["size"]), 0
        elif kind == "t":
            flags = int(op["fontchar"])
        elif kind == "T":
            yield _text(op, pen, size, flags)
            flags = 0
        elif kind in "PpBbLEe":
            yield _shape(kind, op, pen, fill, width)


def _shape(kind: str, op: dict[str, Any], pen: tuple[str, float], fill: tuple[str, float],
           width: float) -> str:
    """A polygon, B-spline, polyline or ellipse, filled when the operation is upper case."""
    style = [f"draw={pen[0]}", f"line width={width:g}bp"] + (
        [f"draw opacity={pen[1]:.2f}"] if pen[1] < 1 else [])
    if kind.isupper() and kind != "L":
        style += [f"fill={fill[0]}"] + ([f"fill opacity={fill[1]:.2f}"] if fill[1] < 1 else [])
    if kind in "Ee":
        x, y, rx, ry = op["rect"]
        path = f"({x:.2f},{y:.2f}) ellipse [x radius={rx:.2f}, y radius={ry:.2f}]"
    else:
        points = [f"({x:.2f},{y:.2f})" for x, y in op["points"]]
        if kind in "Bb":
            pieces = [f".. controls {a} and {b} .. {c}" for a, b, c in
                      zip(points[1::3], points[2::3], points[3::3], strict=True)]
            path = " ".join([points[0], *pieces])
        else:
            path = " -- ".join(points) + (" -- cycle" if kind in "Pp" else "")
    if pen[1] == 0:
        style = [part for part in style if not part.startswith("draw")] + ["draw=none"]
    return rf"\path[{', '.join(style)}] {path};"


def _text(op: dict[str, Any], pen: tuple[str, float], size: float, flags: int) -> str:
    """One text, on its baseline, aligned as Graphviz aligned it; a sub- or superscript
    is lowered or raised as the SVG shows it."""
    x, y = op["pt"]
    y += -0.2 * size if flags & SUBSCRIPT else 0.35 * size if flags & SUPERSCRIPT else 0.0
    anchor = {"l": "base west", "c": "base", "r": "base east"}[op["align"]]
    font = _font(size) + (r"\itshape" if flags & ITALIC else "")
    return (rf"\node[anchor={anchor}, inner sep=0pt, text={pen[0]}, font={font}] at "
            rf"({x:.2f},{y:.2f}) {{{escape(op['text'])}}};")


def _font(size: float) -> str:
    """LaTeX's font switch for ``size`` points, sans serif as the SVG's Helvetica."""
    return rf"\fontsize{{{size:g}}}{{{1.2 * size:g}}}\selectfont\sffamily"
