"""Matplotlib figures: the demos' coloured plane (decision boundary) and the loss curve.

Figures are built with :class:`matplotlib.figure.Figure` directly, never through
``pyplot``: nothing depends on a display or on global state, and saving uses the Agg
renderer.  They are :class:`InlineFigure` objects, which Jupyter shows inline even
without ``pyplot``.
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Iterable
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from autograd.display import format_number
from viz import regions
from viz.contour import contour
from viz.plane import CLASS_COLOURS, class_names, extent_for, finite, threshold_for

RED, BLUE = CLASS_COLOURS[:2]
"""Point colours of the two classes: label 0 (red) and label 1 (blue), as in the
tutorial's figures."""

CMAP, ALPHA = "RdBu", 0.65
"""The plane's colour map (red at output 0, blue at output 1) and its opacity over white."""

MAX_RESOLUTION = 1000
"""The finest grid plotted: 1000 x 1000 points already exceed any screen's pixels."""


class InlineFigure(Figure):
    """A matplotlib Figure that Jupyter shows inline even when ``pyplot`` was never imported.

    Jupyter's own hook for Figures is installed by ``pyplot``; ``_repr_png_`` makes these
    figures display without it.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def plot_decision_boundary(
    model: Any,
    X: Iterable[Iterable[float]],
    y: Iterable[float],
    resolution: int = 100,
    threshold: float | str = "auto",
    *,
    extent: tuple[float, float, float, float] | None = None,
    loss: Any = None,
) -> Figure:
    """The model's output h(in_x, in_y) over the plane, red to blue, with the points; for a
    model with K >= 2 outputs, its K class regions.

    The plane is ``extent`` = (x0, x1, y0, y1), by default the demos' square [-1, 1]^2
    (or a square round the points when some lie outside it).  ``model.predict``
    evaluates a ``resolution`` x ``resolution`` grid of cell centres in one batch; the
    image and the boundaries are both drawn from that grid, the boundaries by marching
    squares with linear interpolation along the cells' edges (:mod:`viz.contour`, the
    same polylines the playground draws).

    One output: the contour h = threshold is the decision boundary.  ``threshold="auto"``
    is 0.5 for a sigmoid output and 0 for a raw score (linear or tanh output, or ``loss`` a
    loss on scores such as ``"hinge"``); see :mod:`viz.plane`.  Colours run from red at
    threshold - r to blue at threshold + r, r = max(0.5, max |h - threshold|).  A point is
    blue when its label is above the threshold; the legend names both classes and the
    boundary.

    K outputs (scores, labels 0..K-1): each region in its class's colour, lighter where
    the top probability of softmax(h) is lower, the boundaries between classes drawn, the
    points in their classes' colours and a legend of the classes (:mod:`viz.regions`).
    """
    points, labels = _checked_points(X, y)
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"plot_decision_boundary: resolution must be an int >= 2, "
                         f"got {resolution!r}")
    if resolution > MAX_RESOLUTION:
        raise ValueError(f"plot_decision_boundary: resolution must be at most "
                         f"{MAX_RESOLUTION} (a grid of {MAX_RESOLUTION}^2 points), "
                         f"got {resolution}")
    if not callable(getattr(model, "predict", None)):
        raise TypeError(f"plot_decision_boundary: the model needs a predict(X) method, "
                        f"got {type(model).__name__}")
    x0, x1, y0, y1 = extent_for(extent, points)
    xs = [x0 + (x1 - x0) * (i + 0.5) / resolution for i in range(resolution)]
    ys = [y0 + (y1 - y0) * (j + 0.5) / resolution for j in range(resolution)]
    outputs = model.predict([[x, yy] for yy in ys for x in xs])
    k = len(outputs[0]) if outputs and isinstance(outputs[0], list | tuple) else 1
    flat = outputs if k == 1 else [v for h in outputs if len(h) == k for v in h]
    n = resolution * resolution
    if len(outputs) != n or len(flat) != n * k or not all(
            isinstance(o, numbers.Real) for o in flat):
        raise ValueError("plot_decision_boundary: the model must have one output "
                         "(predict(X) returning one number per point), or K >= 2 outputs "
                         "(one score per class)")
    fig = InlineFigure(figsize=(5, 5), dpi=100)
    ax = fig.add_subplot()
    if k == 1:
        title, keys, colours = _two_classes(ax, (x0, x1, y0, y1), xs, ys, outputs, labels,
                                            threshold_for(model, threshold, loss))
    else:
        if threshold != "auto":
            raise ValueError(f"plot_decision_boundary: threshold={threshold!r} applies to a "
                             f"one-output model; a model with {k} outputs is classified by "
                             f"its largest output (leave threshold='auto')")
        colours = [CLASS_COLOURS[c] for c in regions.class_labels(labels, k)]
        regions.draw_regions(ax, xs, ys, outputs, (x0, x1, y0, y1))
        title, keys = f"decision regions of {k} classes", regions.keys(k)
    ax.scatter([p[0] for p in points], [p[1] for p in points], c=colours, s=28,
               edgecolors="black", linewidths=0.7)
    names = getattr(model, "input_names", None) or ["x1", "x2"]
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel=names[0], ylabel=names[1], title=title)
    ax.legend(handles=keys, loc="upper center", bbox_to_anchor=(0.5, -0.11),
              ncol=min(len(keys), 4), frameon=False, fontsize=9)
    fig.tight_layout()
    return fig


def _two_classes(ax: Any, extent: tuple[float, float, float, float], xs: list[float],
                 ys: list[float], outputs: list[float], labels: list[float], level: float
                 ) -> tuple[str, list[Line2D], list[str]]:
    """Draw the one-output plane, red to blue, and its contour h = ``level``; the title, the
    legend's keys and the points' colours."""
    resolution = len(xs)
    grid = [outputs[j * resolution:(j + 1) * resolution] for j in range(len(ys))]
    spread = max(0.5, max(abs(o - level) for o in outputs))
    ax.imshow(grid, origin="lower", extent=extent, cmap=CMAP, alpha=ALPHA,
              vmin=level - spread, vmax=level + spread, interpolation="bilinear", aspect="auto")
    ax.add_collection(regions.boundary_lines(contour(grid, xs, ys, level)))
    shown = format_number(level)
    red, blue = class_names(labels, level)
    keys = [Line2D([], [], marker="o", linestyle="", markerfacecolor=colour,
                   markeredgecolor="black", label=name) for colour, name in ((RED, red),
                                                                             (BLUE, blue))]
    keys.append(Line2D([], [], color="black", linewidth=1.2, label=f"h = {shown}"))
    return (f"decision boundary h = {shown}", keys,
            [BLUE if t > level else RED for t in labels])


def _rows(data: Any) -> list[Any] | None:
    """``data`` as a list (a list, tuple, NumPy array or other iterable), or None."""
    if isinstance(data, str | bytes | dict) or not isinstance(data, Iterable):
        return None
    return list(data)


def _checked_points(X: Any, y: Any) -> tuple[list[list[float]], list[float]]:
    X, y = _rows(X), _rows(y)
    if X is None or y is None:
        raise TypeError("plot_decision_boundary: X and y must be lists (or arrays) of points "
                        "and labels")
    if len(X) != len(y) or not X:
        raise ValueError(f"plot_decision_boundary: X and y must have the same length > 0, "
                         f"got {len(X)} and {len(y)}")
    for i, p in enumerate(X):
        p = _rows(p)
        if p is None or len(p) != 2 or not all(finite(c) for c in p):
            raise ValueError(f"plot_decision_boundary: X[{i}] must be a point [x, y] of two "
                             f"finite numbers, got {X[i]!r}")
    for i, t in enumerate(y):
        if not finite(t):
            raise ValueError(f"plot_decision_boundary: y[{i}] must be a number, got {t!r}")
    return [[float(c) for c in p] for p in X], [float(t) for t in y]


def plot_loss(history: Any) -> Figure:
    """The loss E per epoch, the test loss when measured, and the accuracy, from
    :func:`nn.fit`'s history.

    ``history`` is a ``History`` (its ``loss``, ``accuracy`` and, if it has one,
    ``test_loss`` lists), a dict with those keys, or a plain list (or NumPy array) of
    losses.
    """
    if isinstance(history, dict):
        series = [history.get(key) for key in ("loss", "test_loss", "accuracy")]
    elif hasattr(history, "loss"):
        series = [getattr(history, key, None) for key in ("loss", "test_loss", "accuracy")]
    else:
        series = [history, None, None]
    loss, test, accuracy = (_rows(series[0]), _rows(series[1]) or [], _rows(series[2]) or [])
    if not loss:
        raise ValueError("plot_loss: expected a history with a non-empty list of finite losses "
                         f"(History, {{'loss': [...]}} or a list), got {type(history).__name__}")
    for name, values in (("loss", loss), ("test_loss", test), ("accuracy", accuracy)):
        bad = next((i for i, v in enumerate(values) if not finite(v)), None)
        if bad is not None:
            raise ValueError(f"plot_loss: {name}[{bad}] must be a finite number, "
                             f"got {values[bad]!r}")
    fig = InlineFigure(figsize=(6, 4), dpi=100)
    ax = fig.add_subplot()
    lines = ax.plot(range(1, len(loss) + 1), loss, color="#333333", label="training loss E")
    if test:
        lines += ax.plot(range(1, len(test) + 1), test, color="#333333", linestyle="--",
                         label="test loss E")
    ax.set(xlabel="epoch", ylabel="loss E", title="training")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if accuracy:
        acc = ax.twinx()
        lines += acc.plot(range(1, len(accuracy) + 1), accuracy, color=BLUE,
                          label="training accuracy")
        acc.set(ylabel="accuracy", ylim=(0, 1.05))
        acc.yaxis.label.set_color(BLUE)
    ax.legend(handles=lines, loc="center right", fontsize=9)
    fig.tight_layout()
    return fig
