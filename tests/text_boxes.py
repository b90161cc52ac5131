"""The text boxes of an SVG that Graphviz wrote, and the pairs of them that intersect.

Graphviz writes each line of text as one ``<text>`` element: its anchor point (x, y) on
the baseline, its alignment and its font size.  A line's box is its width as
:func:`viz.text.text_width` estimates it (Helvetica's advance widths, never narrower than
the drawn text) by one font size of height, from 0.8 of the size above the baseline to
0.2 below it: the glyphs' extent.  :func:`svg_texts` lists the lines of text alone, in the
order Graphviz writes them.
"""

from __future__ import annotations

import html
import re

import graphviz

from viz.render import render
from viz.text import text_width

TEXT = re.compile(r"<text ([^>]*)>([^<]*(?:<[^/][^>]*>[^<]*</[^>]*>[^<]*)*)</text>")


def svg_texts(graph: graphviz.Digraph) -> list[str]:
    """Every ``<text>`` of the SVG that ``dot`` draws of ``graph``, unescaped, in order."""
    svg = render(graph, "svg").decode()
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every line of text, in the SVG's points.

    A line whose parts differ (colours, sub- and superscripts, which Graphviz shifts up
    or down by ``baseline-shift``) comes as several ``<text>`` elements on one baseline,
    each starting where the one before ends: they are one box."""
    boxes: list[tuple[str, float, float, float, float]] = []
    line = None  # (baseline y, x where the last part starts, its size) of the line being read
    for attributes, body in TEXT.findall(svg):
        values = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        text = html.unescape(re.sub(r"<[^>]*>", "", body)).replace("\xa0", " ")
        size = float(values.get("font-size", 14))
        x, y = float(values["x"]), float(values["y"])
        width = text_width(text, size) * 72
        anchor = values.get("text-anchor", "start")
        left = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        shift = {"super": -0.4, "sub": 0.2}.get(values.get("baseline-shift", ""), 0.0) * size
        box = (text, left, y + shift - 0.8 * size, left + width, y + shift + 0.2 * size)
        joined = line and line[0] == y and line[1] < x <= boxes[-1][3] + line[2] / 2
        if anchor == "start" and joined:
            last = boxes.pop()
            box = (last[0] + text, last[1], min(last[2], box[2]), max(last[3], box[3]),
                   max(last[4], box[4]))
        line = (y, x, size) if anchor == "start" else None
        boxes.append(box)
    return [box for box in boxes if box[0].strip()]


def collisions(svg: str) -> list[tuple[str, str]]:
    """Every pair of texts whose boxes intersect (touching edges do not count)."""
    boxes = text_boxes(svg)
    pairs = []
    for k, (a, l0, t0, r0, b0) in enumerate(boxes):
        for b, l1, t1, r1, b1 in boxes[k + 1:]:
            if min(r0, r1) - max(l0, l1) > 0.01 and min(b0, b1) - max(t0, t1) > 0.01:
                pairs.append((a, b))
    return pairs


def outside(svg: str) -> list[str]:
    """The texts whose boxes reach past the edges of the drawing (clipped when shown)."""
    width, height = (float(v) for v in re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"',
                                                 svg).groups())
    dx, dy = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", svg).groups())
    return [text for text, left, top, right, bottom in text_boxes(svg)
            if left + dx < 0 or right + dx > width or top + dy < 0 or bottom + dy > height]


def covered(svg: str) -> list[tuple[str, str]]:
    """(text, label) pairs where the translucent white ground of an edge label (a polygon
    with a ``fill-opacity``) lies over a text of another node or label."""
    parts = re.split(r'(?=<g id="(?:node|edge)\d+")', svg)
    grounds = []
    for k, part in enumerate(parts):
        for points in re.findall(r'<polygon fill="#ffffff" fill-opacity="[\d.]+"[^>]*points='
                                 r'"([^"]+)"', part):
            xy = [tuple(map(float, p.split(","))) for p in points.split()]
            xs, ys = [x for x, _ in xy], [y for _, y in xy]
            name = " ".join(text for text, *_ in text_boxes(part))
            grounds.append((k, name, min(xs), min(ys), max(xs), max(ys)))
    found = []
    for k, part in enumerate(parts):
        for text, left, top, right, bottom in text_boxes(part):
            found += [(text, name) for j, name, x0, y0, x1, y1 in grounds if j != k
                      and min(right, x1) - max(left, x0) > 0.01
                      and min(bottom, y1) - max(top, y0) > 0.01]
    return found
