"""Decision boundaries as polylines: marching squares on a grid of a model's outputs.

A function f is known at the points (xs[i], ys[j]) of a grid.  The curve f = level
crosses the edge between two neighbouring grid points exactly when one value is above
the level and the other is not; along the edge it is placed by linear interpolation,

    x = x_a + t (x_b - x_a),   t = (level - f_a) / (f_b - f_a).

Each square of four grid points holds 0, 1 or 2 pieces of the curve, by which corners
are above (16 cases; the two saddles, where opposite corners agree, are told apart by
the mean of the four values).  Pieces that meet on an edge are joined into polylines:
open ones end on the grid's border, closed ones end where they start.  Plain Python
(it runs under Pyodide without NumPy); :func:`viz.plot_decision_boundary` draws the
polylines, and the playground's view sends them (``boundaries``).

The boundary of two classes is f = h at the threshold (0.5 for a probability); of K
classes, the border of each class k's region, where its score ties with the best other:
d_k = s_k - max_{j != k} s_j = 0 (:func:`class_borders`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Point = list[float]
Key = tuple[int, ...]
"""An edge of the grid, (i, j, 0) horizontal or (i, j, 1) vertical from grid point (i, j)."""

# For each case (bit 1: corner (i, j) above, 2: (i+1, j), 4: (i+1, j+1), 8: (i, j+1)),
# the pairs of edges its pieces join; an edge is 0: bottom (i, j)-(i+1, j), 1: right
# (i+1, j)-(i+1, j+1), 2: top (i, j+1)-(i+1, j+1), 3: left (i, j)-(i, j+1).  The saddles
# 5 and 10 have two pieces, chosen by the centre (below: as listed; above: swapped).
PIECES: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((3, 0),), 2: ((0, 1),), 3: ((3, 1),), 4: ((1, 2),), 5: ((3, 0), (1, 2)),
    6: ((0, 2),), 7: ((3, 2),), 8: ((2, 3),), 9: ((2, 0),), 10: ((0, 1), (2, 3)),
    11: ((2, 1),), 12: ((1, 3),), 13: ((1, 0),), 14: ((0, 3),),
}
SADDLES = {5: ((3, 2), (1, 0)), 10: ((0, 3), (2, 1))}
EDGES = ((0, 0, 0), (1, 0, 1), (0, 1, 0), (0, 0, 1))
"""Edge 0..3 of the square (i, j) as (di, dj, o): the key (i + di, j + dj, o) it shares
with its neighbour, o = 0 the horizontal edge from that grid point, 1 the vertical."""


def contour(values: Any, xs: Sequence[float], ys: Sequence[float], level: float
            ) -> list[list[Point]]:
    """The polylines of f = ``level``, where ``values[j][i]`` = f(xs[i], ys[j]) (a list of
    rows, one per y, or a 2-D NumPy array); each polyline a list of [x, y], a closed one
    with its first point repeated last."""
    pieces, points = _pieces(values, xs, ys, level)
    return [_line(points, chain) for chain in _chains(pieces)]


def class_borders(scores: Any, xs: Sequence[float], ys: Sequence[float]
                  ) -> list[list[Point]]:
    """The borders between the regions of K classes, with ``scores[j][i]`` the K scores at
    (xs[i], ys[j]) (lists, or a NumPy array of shape (rows, columns, K); probabilities
    serve as well: softmax keeps their order): for each class c the polylines of
    d_c = s_c - max_{k != c} s_k = 0.  A border between classes b < c bounds both
    regions (d_b = -d_c along it); it is given once, from b: class c keeps only its
    pieces in squares where some grid point's class is above c."""
    labels = _labels(scores)
    lines: list[list[Point]] = []
    for c in range(_classes(scores)):
        def beyond(i: int, j: int, c: int = c) -> bool:
            return max(labels[j][i], labels[j][i + 1], labels[j + 1][i],
                       labels[j + 1][i + 1]) > c

        pieces, points = _pieces(_margin(scores, c, labels), xs, ys, 0.0, beyond)
        lines += [_line(points, chain) for chain in _chains(pieces)]
    return lines


def _classes(scores: Any) -> int:
    """K, of scores given as lists or as a NumPy array of shape (rows, columns, K)."""
    return len(scores[0][0]) if isinstance(scores, list | tuple) else int(scores.shape[2])


def _labels(scores: Any) -> list[list[int]]:
    """The class argmax_k s_k (the first on a tie) at every grid point."""
    if isinstance(scores, list | tuple):
        return [[max(range(len(s)), key=s.__getitem__) for s in row] for row in scores]
    labels: list[list[int]] = scores.argmax(axis=2).tolist()
    return labels


def _margin(scores: Any, c: int, labels: list[list[int]]) -> Any:
    """d_c = s_c - max_{k != c} s_k at every grid point (lists, or a NumPy array); on
    lists, the best other class is the point's own class ``labels[j][i]`` unless that is
    c, so only those points look for the second largest score."""
    if isinstance(scores, list | tuple):
        return [[s[c] - (s[k] if k != c else max(s[:c] + s[c + 1:]))
                 for s, k in zip(row, own, strict=True)]
                for row, own in zip(scores, labels, strict=True)]
    import numpy as np

    return scores[..., c] - np.delete(scores, c, axis=2).max(axis=2)


def _pieces(values: Any, xs: Sequence[float], ys: Sequence[float], level: float,
            keep: Callable[[int, int], bool] | None = None
            ) -> tuple[list[tuple[Key, Key]], dict[Key, Point]]:
    """The pieces of f = level (pairs of edges) of every square (i, j), or of those where
    ``keep(i, j)``, and each crossed edge's point."""
    pieces: list[tuple[Key, Key]] = []
    points: dict[Key, Point] = {}
    squares, values = _crossed(values, level)
    for i, j, case in squares:
        if keep is not None and not keep(i, j):
            continue
        joins = PIECES[case]
        if case in SADDLES:
            centre = (values[j][i] + values[j][i + 1] + values[j + 1][i]
                      + values[j + 1][i + 1]) / 4
            joins = SADDLES[case] if centre > level else joins
        for a, b in joins:
            (di, dj, da), (ei, ej, eb) = EDGES[a], EDGES[b]
            ka, kb = (i + di, j + dj, da), (i + ei, j + ej, eb)
            for key in (ka, kb):
                if key not in points:
                    points[key] = _crossing(values, xs, ys, level, key)
            pieces.append((ka, kb))
    return pieces, points


def _crossed(values: Any, level: float) -> tuple[list[tuple[int, int, int]], Any]:
    """The squares (i, j) that the level crosses, with their cases, and the values as
    lists.  ``values`` is a list of rows, or a 2-D NumPy array (then NumPy finds the
    squares: the same cases, found without a Python loop over every square)."""
    if not isinstance(values, list | tuple):
        import numpy as np

        up = (values > level).astype(np.int8)
        cases = up[:-1, :-1] | up[:-1, 1:] << 1 | up[1:, 1:] << 2 | up[1:, :-1] << 3
        js, is_ = np.nonzero((cases != 0) & (cases != 15))
        return list(zip(is_.tolist(), js.tolist(), cases[js, is_].tolist(), strict=True)), \
            values.tolist()
    squares = []
    above = [[v > level for v in row] for row in values]
    for j in range(len(values) - 1):
        low, high = above[j], above[j + 1]
        first = low[0]
        if all(v == first for v in low) and all(v == first for v in high):
            continue  # the level does not cross this row of squares
        for i in range(len(low) - 1):
            case = low[i] | low[i + 1] << 1 | high[i + 1] << 2 | high[i] << 3
            if 0 < case < 15:
                squares.append((i, j, case))
    return squares, values


def _crossing(values: list[list[float]], xs: Sequence[float], ys: Sequence[float],
              level: float, key: Key) -> Point:
    """Where f = level on the edge ``key``, by linear interpolation between its ends."""
    i, j, vertical = key
    a = values[j][i]
    if vertical:
        b = values[j + 1][i]
        return [xs[i], ys[j] + (level - a) / (b - a) * (ys[j + 1] - ys[j])]
    b = values[j][i + 1]
    return [xs[i] + (level - a) / (b - a) * (xs[i + 1] - xs[i]), ys[j]]


def _line(points: dict[Key, Point], chain: list[Key]) -> list[Point]:
    """The points of a chain of edges, each once in a row (where the level passes through
    a grid point, two edges meet there)."""
    line = [points[chain[0]]]
    for key in chain[1:]:
        if points[key] != line[-1]:
            line.append(points[key])
    return line


def _chains(pieces: list[tuple[Key, Key]]) -> list[list[Key]]:
    """The pieces (pairs of edges) joined where they share an edge: open chains first
    (from an edge that only one piece has), then the closed ones."""
    ends: dict[Key, list[int]] = {}
    for number, (a, b) in enumerate(pieces):
        ends.setdefault(a, []).append(number)
        ends.setdefault(b, []).append(number)
    used = [False] * len(pieces)
    starts = [key for key, numbers in ends.items() if len(numbers) == 1]
    chains: list[list[Key]] = []
    for start in starts + [a for a, _ in pieces]:
        n = next((m for m in ends[start] if not used[m]), None)
        chain, key = [start], start
        while n is not None:
            used[n] = True
            a, b = pieces[n]
            key = b if a == key else a
            chain.append(key)
            n = next((m for m in ends[key] if not used[m]), None)
        if len(chain) > 1:
            chains.append(chain)
    return chains
