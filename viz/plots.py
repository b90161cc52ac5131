"""Matplotlib figures: the demos' coloured plane (decision boundary) and the loss curve.

Figures are built with :class:`matplotlib.figure.Figure` directly, never through
``pyplot``: nothing depends on a display or on global state, and saving uses the Agg
renderer.  They are :class:`InlineFigure` objects, which Jupyter shows inline even
without ``pyplot``.
"""

from __future__ import annotations

import io
import math
import numbers
from collections.abc import Iterable
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

RED, BLUE = "#d62728", "#1f5fbf"
"""Point colours of the two classes: label 0 (red) and label 1 (blue), as in the seed."""

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
    threshold: float = 0.5,
) -> Figure:
    """The model's output h(in_x, in_y) over the plane, red (0) to blue (1), with the points.

    The plane is a ``resolution`` x ``resolution`` grid over the points' extent (plus a
    margin); ``model.predict`` evaluates it in one batch.  Colours run from red at
    ``threshold - 0.5`` to blue at ``threshold + 0.5`` (0 to 1 for a sigmoid output);
    the contour h = ``threshold`` is the decision boundary.  A point is drawn blue
    when its label is above ``threshold``.  ``X`` and ``y`` may be lists or NumPy arrays.
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
    (x0, x1), (y0, y1) = (_extent([p[k] for p in points]) for k in (0, 1))
    xs = [x0 + (x1 - x0) * i / (resolution - 1) for i in range(resolution)]
    ys = [y0 + (y1 - y0) * j / (resolution - 1) for j in range(resolution)]
    outputs = model.predict([[x, yy] for yy in ys for x in xs])
    if len(outputs) != resolution * resolution or not all(
        isinstance(o, numbers.Real) for o in outputs
    ):
        raise ValueError("plot_decision_boundary: the model must have one output "
                         "(predict(X) returning one number per point)")
    grid = [outputs[j * resolution:(j + 1) * resolution] for j in range(resolution)]
    fig = InlineFigure(figsize=(5, 5), dpi=100)
    ax = fig.add_subplot()
    ax.imshow(grid, origin="lower", extent=(x0, x1, y0, y1), cmap=CMAP, alpha=ALPHA,
              vmin=threshold - 0.5, vmax=threshold + 0.5, interpolation="bilinear",
              aspect="auto")
    if min(outputs) < threshold < max(outputs):
        ax.contour(xs, ys, grid, levels=[threshold], colors="black", linewidths=1.2)
    colours = [BLUE if t > threshold else RED for t in labels]
    ax.scatter([p[0] for p in points], [p[1] for p in points], c=colours, s=28,
               edgecolors="black", linewidths=0.7)
    names = getattr(model, "input_names", None) or ["x1", "x2"]
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel=names[0], ylabel=names[1],
           title=f"decision boundary h = {threshold:g}")
    fig.tight_layout()
    return fig


def _rows(data: Any) -> list | None:
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
        if p is None or len(p) != 2 or not all(_finite(c) for c in p):
            raise ValueError(f"plot_decision_boundary: X[{i}] must be a point [x, y] of two "
                             f"finite numbers, got {X[i]!r}")
    for i, t in enumerate(y):
        if not _finite(t):
            raise ValueError(f"plot_decision_boundary: y[{i}] must be a number, got {t!r}")
    return [[float(c) for c in p] for p in X], [float(t) for t in y]


def _finite(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)


def _extent(values: list[float]) -> tuple[float, float]:
    """The range of ``values`` widened by 10% on each side (at least 0.1)."""
    low, high = min(values), max(values)
    margin = max(0.1 * (high - low), 0.1)
    return low - margin, high + margin


def plot_loss(history: Any) -> Figure:
    """The loss E per epoch (and the accuracy, when measured), from :func:`nn.fit`'s history.

    ``history`` is a ``History`` (its ``loss`` and ``accuracy`` lists), a dict with
    those keys, or a plain list (or NumPy array) of losses.
    """
    if isinstance(history, dict):
        loss, accuracy = history.get("loss"), history.get("accuracy")
    elif hasattr(history, "loss"):
        loss, accuracy = history.loss, getattr(history, "accuracy", None)
    else:
        loss, accuracy = history, None
    loss, accuracy = _rows(loss), _rows(accuracy) or []
    if not loss:
        raise ValueError("plot_loss: expected a history with a non-empty list of finite losses "
                         f"(History, {{'loss': [...]}} or a list), got {type(history).__name__}")
    for name, values in (("loss", loss), ("accuracy", accuracy)):
        bad = next((i for i, v in enumerate(values) if not _finite(v)), None)
        if bad is not None:
            raise ValueError(f"plot_loss: {name}[{bad}] must be a finite number, "
                             f"got {values[bad]!r}")
    epochs = range(1, len(loss) + 1)
    fig = InlineFigure(figsize=(6, 4), dpi=100)
    ax = fig.add_subplot()
    ax.plot(epochs, loss, color="#333333", label="loss E")
    ax.set(xlabel="epoch", ylabel="loss E", title="training")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if accuracy:
        acc = ax.twinx()
        acc.plot(range(1, len(accuracy) + 1), accuracy, color=BLUE, label="accuracy")
        acc.set(ylabel="accuracy", ylim=(0, 1.05))
        acc.yaxis.label.set_color(BLUE)
    fig.tight_layout()
    return fig
