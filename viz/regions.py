"""The plane of a K-class model: each region in its class's colour, the boundaries, the points.

A model with K >= 2 outputs gives K scores s_k at every grid point; its probabilities are
p = softmax(s) (:func:`nn.softmax`) and its class the argmax.  A cell is drawn in its
class's colour, lighter the less sure the model is there: the colour's strength grows
with the top probability, from faint at p_max = 1/K (a tie of all K) to full at
p_max = 1.  The boundary of class k is the contour p_k - max_{j != k} p_j = 0, found by
marching squares (:func:`viz.contour.class_borders`), interpolated between grid points
like the two-class contour.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

import nn
from viz.contour import class_borders
from viz.plane import ALPHA, CLASS_COLOURS, FAINTEST


def class_labels(labels: list[float], k: int) -> list[int]:
    """The labels as ints 0..k-1, or a ValueError naming the first that is not one."""
    for i, t in enumerate(labels):
        if t != int(t) or not 0 <= t < k:
            raise ValueError(f"plot_decision_boundary: y[{i}] is {t:g}, not a class 0..{k - 1} "
                             f"of this model with {k} outputs (one score per class)")
    return [int(t) for t in labels]


def draw_regions(ax: Any, xs: list[float], ys: list[float], outputs: list[list[float]],
                 extent: tuple[float, float, float, float]) -> None:
    """The regions and boundaries of the K-output model whose ``outputs`` (one row of K
    scores per grid point, row-major over ``ys`` then ``xs``) are given."""
    k = len(outputs[0])
    if k > len(CLASS_COLOURS):
        raise ValueError(f"plot_decision_boundary: at most {len(CLASS_COLOURS)} classes have "
                         f"a colour, the model has {k} outputs")
    p = np.array([nn.softmax(h) for h in outputs]).reshape(len(ys), len(xs), k)
    top = p.max(axis=2)
    strength = ALPHA * (FAINTEST + (1 - FAINTEST) * (top - 1 / k) / (1 - 1 / k))
    colours = np.array([to_rgb(c) for c in CLASS_COLOURS[:k]])[p.argmax(axis=2)]
    image = 1 - (1 - colours) * strength[..., None]
    axes: Axes = ax
    axes.imshow(image, origin="lower", extent=extent, interpolation="bilinear", aspect="auto")
    axes.add_collection(boundary_lines(class_borders(p, xs, ys)))


def boundary_lines(lines: list[list[list[float]]]) -> LineCollection:
    """The boundaries' polylines (:mod:`viz.contour`) as one black line artist."""
    return LineCollection(lines, colors="black", linewidths=1.2)


def keys(k: int) -> list[Line2D]:
    """The legend: one marker per class y = 0..k-1 in its colour, and the boundary."""
    marks = [Line2D([], [], marker="o", linestyle="", markerfacecolor=CLASS_COLOURS[c],
                    markeredgecolor="black", label=f"y = {c}") for c in range(k)]
    return marks + [Line2D([], [], color="black", linewidth=1.2, label="boundary")]
