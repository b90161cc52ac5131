"""The text boxes of an SVG that Graphviz wrote, and the pairs of them that intersect.

Graphviz writes each line of text as one ``<text>`` element: its anchor point (x, y) on
the baseline, its alignment and its font size.  A line's box is its width as
:func:`viz.text.text_width` estimates it (Helvetica's advance widths, never narrower than
the drawn text) by one font size of height, from 0.8 of the size above the baseline to
0.2 below it: the glyphs' extent.
"""

from __future__ import annotations

import html
import re

from viz.text import text_width

TEXT = re.compile(r"<text ([^>]*)>([^<]*(?:<[^/][^>]*>[^<]*</[^>]*>[^<]*)*)</text>")


def text_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every line of text, in the SVG's points."""
    boxes = []
    for attributes, body in TEXT.findall(svg):
        values = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        text = html.unescape(re.sub(r"<[^>]*>", "", body)).replace("\xa0", " ")
        if not text.strip():
            continue
        size = float(values.get("font-size", 14))
        x, y = float(values["x"]), float(values["y"])
        width = text_width(text, size) * 72
        anchor = values.get("text-anchor", "start")
        left = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        boxes.append((text, left, y - 0.8 * size, left + width, y + 0.2 * size))
    return boxes


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
