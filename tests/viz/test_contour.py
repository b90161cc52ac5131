"""Marching squares (viz.contour) against curves known in closed form: a straight line
(exact: linear interpolation of a linear function), a circle (within the interpolation's
error over one cell), saddles, and the borders of three classes; lists and NumPy agree."""

import math

import numpy as np
import pytest

from viz.contour import class_borders, contour

N = 41
XS = [-1 + 2 * i / (N - 1) for i in range(N)]
YS = [-1 + 2 * j / (N - 1) for j in range(N)]
CELL = 2 / (N - 1)


def grid(f, xs=XS, ys=YS):
    return [[f(x, y) for x in xs] for y in ys]


def test_a_straight_line_is_found_exactly_and_in_one_piece():
    lines = contour(grid(lambda x, y: 0.3 * x - 0.7 * y + 0.1), XS, YS, 0.05)
    assert len(lines) == 1 and len(lines[0]) > N  # crosses the plane: open, ends on the border
    for x, y in lines[0]:
        assert abs(0.3 * x - 0.7 * y + 0.1 - 0.05) < 1e-12
    assert sorted([lines[0][0][0], lines[0][-1][0]]) == [-1, 1]  # from the left edge to the right
    # consecutive points are neighbours: at most one cell apart, never repeated
    for (a, b), (c, d) in zip(lines[0], lines[0][1:], strict=False):
        assert 0 < math.hypot(c - a, d - b) <= CELL * math.sqrt(2) + 1e-12


@pytest.mark.parametrize("radius", [0.3, 0.62, 0.9])
def test_a_circle_is_one_closed_polyline_within_a_cells_tolerance(radius):
    lines = contour(grid(lambda x, y: x * x + y * y), XS, YS, radius * radius)
    assert len(lines) == 1
    ring = lines[0]
    assert ring[0] == ring[-1] and len(ring) > 6 * radius / CELL
    # along an edge x^2 + y^2 is a parabola, its chord is off by at most CELL^2 / 4
    for x, y in ring:
        assert abs(math.hypot(x, y) - radius) < CELL * CELL / (4 * radius) + 1e-12
    # every vertex lies on a grid line (an edge of the grid)
    for x, y in ring:
        on_x = min(abs(x - g) for g in XS) < 1e-12
        on_y = min(abs(y - g) for g in YS) < 1e-12
        assert on_x or on_y


def test_no_crossing_gives_no_line_and_two_circles_give_two():
    assert contour(grid(lambda x, y: x * x + y * y), XS, YS, 5.0) == []
    two = contour(grid(lambda x, y: min((x - 0.5) ** 2 + y * y, (x + 0.5) ** 2 + y * y)),
                  XS, YS, 0.09)
    assert len(two) == 2 and all(line[0] == line[-1] for line in two)
    assert sorted(round(sum(x for x, _ in line) / len(line), 1) for line in two) == [-0.5, 0.5]


def test_a_saddle_is_split_by_the_centre_of_its_square():
    xs = ys = [0.0, 1.0]
    above_centre = contour([[1.0, -1.0], [-1.0, 2.0]], xs, ys, 0.0)  # centre 0.25 > 0
    below_centre = contour([[1.0, -1.0], [-1.0, 0.5]], xs, ys, 0.0)  # centre -0.125 < 0
    assert len(above_centre) == len(below_centre) == 2
    # below the level at the centre, the two corners above are cut off on their own
    cut_off = sorted(sorted(map(tuple, line)) for line in below_centre)
    assert cut_off == [[(0.0, 0.5), (0.5, 0.0)], [(2 / 3, 1.0), (1.0, 2 / 3)]]
    joined = sorted(sorted(map(tuple, line)) for line in above_centre)
    assert joined == [[(0.0, 0.5), (1 / 3, 1.0)], [(0.5, 0.0), (1.0, 1 / 3)]]


def test_lists_and_numpy_give_the_same_polylines():
    values = grid(lambda x, y: math.sin(3 * x) * math.cos(2 * y))
    assert contour(np.array(values), XS, YS, 0.2) == contour(values, XS, YS, 0.2)


def sectors(x, y):
    """Three classes, each owning a sector of 120 degrees round the centre."""
    return [30 * (math.cos(a) * x + math.sin(a) * y)
            for a in (math.pi / 2 + 2 * math.pi * k / 3 for k in range(3))]


def test_the_borders_of_three_classes_are_where_two_scores_tie_each_given_once():
    scores = grid(sectors)
    lines = class_borders(scores, XS, YS)
    points = [p for line in lines for p in line]
    assert len(points) > 2 * N  # three rays of the plane's half-width each
    for x, y in points:
        s = sorted(sectors(x, y))
        assert s[2] - s[1] < 1e-9  # linear scores: the tie is found exactly
    # each border once: no piece (a pair of consecutive points) is drawn twice
    pieces = [frozenset({tuple(a), tuple(b)}) for line in lines
              for a, b in zip(line, line[1:], strict=False)]
    assert len(pieces) == len(set(pieces))
    # every ray is there: points far out in the three directions between the classes
    far = {round(math.degrees(math.atan2(y, x))) % 360 for x, y in points if x * x + y * y > 0.8}
    assert all(any(abs(d - want) <= 1 for d in far) for want in (30, 150, 270))
    assert class_borders(np.array(scores), XS, YS) == lines
