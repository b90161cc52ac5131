"""Where the parts of a network diagram go: columns of nodes, and edge labels on their edges.

Sizes and positions are in inches, y upwards (Graphviz's convention).  Column c holds
the nodes of layer c (inputs are layer 0), evenly spaced and centred on y = 0; a
column's bias node a_0 = 1, when drawn, sits one step above its top node.  The gap
between columns is chosen so that the whole drawing is wider than tall: at least
:data:`WIDE` times its height, at most :data:`NARROW` (then the columns are spread).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDE, NARROW = 1.4, 2.4
"""Width over height of the node area: at least WIDE, at most NARROW."""

STEP = 0.1
"""Free space between two nodes of one column."""

ROOM, FILL = 0.7, 0.13
"""Least free space between two columns; the share of a gap that its labels may cover."""

CANDIDATES = tuple(k / 40 for k in range(6, 35))
"""Places tried for an edge label, as fractions of the way from tail to head."""


@dataclass(frozen=True)
class Box:
    """A rectangle by its centre (x, y) and its size (w, h)."""

    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: Box) -> float:
        """The area this box shares with ``other``."""
        dx = min(self.x + self.w / 2, other.x + other.w / 2) - max(self.x - self.w / 2,
                                                                  other.x - other.w / 2)
        dy = min(self.y + self.h / 2, other.y + other.h / 2) - max(self.y - self.h / 2,
                                                                  other.y - other.h / 2)
        return max(dx, 0.0) * max(dy, 0.0)


def columns(
    stacks: list[list[str]], caps: dict[int, str], sizes: dict[str, tuple[float, float]],
    label_areas: list[float], tall: frozenset[str] = frozenset(),
) -> dict[str, tuple[float, float]]:
    """The centre of every node: ``stacks[c]`` are column c's node ids top to bottom,
    ``caps[c]`` the id of its bias node (if any), ``sizes`` each node's (w, h), and
    ``label_areas[c]`` the area of the edge labels between columns c and c + 1 (the gap
    grows with it, so that labels cover at most :data:`FILL` of it).  The nodes share one
    pitch, the tallest's height plus :data:`STEP`, except the ``tall`` ones (opened
    perceptrons), which take as many pitches as they need."""
    pitch = max(h for node, (_, h) in sizes.items() if node not in tall) + STEP
    span = {node: max(1, math.ceil((sizes[node][1] + STEP) / pitch - 1e-9)) for node in tall}
    counts = [sum(span.get(node, 1) for node in stack) for stack in stacks]
    slots = max(count + (c in caps) for c, count in enumerate(counts))
    height = (slots - 1) * pitch + pitch - STEP
    half = [max(sizes[node][0] for node in [*stack, *([caps[c]] if c in caps else [])]) / 2
            for c, stack in enumerate(stacks)]
    rooms = [ROOM + area / (height * FILL) for area in label_areas]
    width = sum(rooms) + 2 * sum(half)
    if width < WIDE * height:
        rooms = [room + (WIDE * height - width) / len(rooms) for room in rooms]
    elif width > NARROW * height and slots > 1:
        pitch = (width / NARROW - (pitch - STEP)) / (slots - 1)
    centres, x = {}, 0.0
    for c, stack in enumerate(stacks):
        if c:
            x += half[c - 1] + rooms[c - 1] + half[c]
        top, at = (counts[c] - 1) / 2 * pitch, 0
        for node in stack:
            centres[node] = (x, top - (at + (span.get(node, 1) - 1) / 2) * pitch)
            at += span.get(node, 1)
        if c in caps:
            centres[caps[c]] = (x, top + pitch)
    return centres


def place_labels(
    edges: list[tuple[tuple[float, float], tuple[float, float], tuple[float, float], float]],
    obstacles: list[Box],
) -> list[tuple[float, float] | None]:
    """A centre for each edge's label, on the edge's line: ``edges`` are (tail, head, (w,
    h) of the label, preferred fraction of the way).  Each label takes the place of
    :data:`CANDIDATES` nearest its preferred one where it covers no obstacle (the nodes)
    and no label placed before it; None when every place would cover something."""
    taken = list(obstacles)
    placed: list[tuple[float, float] | None] = []
    for (x0, y0), (x1, y1), (w, h), prefer in edges:
        spot = None
        for t in sorted(CANDIDATES, key=lambda t: abs(t - prefer)):
            box = Box(x0 + t * (x1 - x0), y0 + t * (y1 - y0), w, h)
            if not any(box.overlap(other) for other in taken):
                spot = (box.x, box.y)
                taken.append(box)
                break
        placed.append(spot)
    return placed
