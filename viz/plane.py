"""The plane of the tutorial's demos: a model's output over a square, its decision boundary,
and the points, with a legend.

Which side is which class depends on the output: a sigmoid output z = sigma(s) is a
probability, its boundary is z = 0.5; a raw score (linear or tanh output, or a model
trained with a loss on scores such as ``hinge`` or ``binary_cross_entropy_with_logits``)
has its boundary at s = 0.  ``threshold="auto"`` picks between the two.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from autograd.display import format_number
from nn import losses

CLASS_COLOURS = ("#d62728", "#1f5fbf", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b")
"""Point and region colours of classes 0..5: red and blue as in the tutorial's figures, then green,
orange, purple and brown."""

ALPHA = 0.65
"""The strength of a K-class region's colour over white where the model is sure (p_max = 1)."""

FAINTEST = 0.15
"""The share of that strength left where the model is least sure (p_max = 1/K)."""

DEFAULT_EXTENT = (-1.0, 1.0, -1.0, 1.0)
"""The square [-1, 1]^2 of the tutorial's demos (and of :mod:`nn.datasets`)."""

ON_SCORES = ("linear", "tanh")
"""Output activations whose value is a score with its class boundary at 0."""


def finite(x: Any) -> bool:
    """Whether ``x`` is a real number (not a bool) and finite."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)


def threshold_for(model: Any, threshold: Any, loss: Any) -> float:
    """The level of the decision boundary: ``threshold`` itself when it is a number;
    for ``"auto"`` 0 when ``loss`` works on scores or the output is linear or tanh, 0.5
    for a sigmoid output."""
    where = "plot_decision_boundary"
    if threshold != "auto" or isinstance(threshold, bool):
        if not finite(threshold):
            raise ValueError(f"{where}: threshold must be 'auto' or a finite number, "
                             f"got {threshold!r}")
        return float(threshold)
    if loss is not None and losses.get(loss) in losses.ON_SCORES:
        return 0.0
    if not callable(getattr(model, "units", None)):
        raise ValueError(f"{where}: threshold='auto' reads the output activation of an nn "
                         f"model, and {type(model).__name__} has no units(); pass "
                         f"threshold=0.5 (a probability) or threshold=0 (a score)")
    outputs = [u for u in model.units() if u.name in model.output_names]
    if len(outputs) != 1:
        raise ValueError(f"{where}: the model must have one output (predict(X) returning "
                         f"one number per point), got {len(outputs)} outputs")
    activation = outputs[0].activation
    if activation == "sigmoid":
        return 0.5
    if activation in ON_SCORES:
        return 0.0
    raise ValueError(f"{where}: threshold='auto' cannot tell where a {activation!r} output "
                     f"changes class; pass threshold=... (e.g. 0.5 for labels 0/1)")


def extent_for(extent: Any, points: list[list[float]]) -> tuple[float, float, float, float]:
    """The plane (x0, x1, y0, y1): ``extent`` if given; else [-1, 1]^2 when every point lies
    in it, otherwise the smallest square round the points' centre that holds them all
    with a 5% margin."""
    where = "plot_decision_boundary"
    if extent is not None:
        values = list(extent) if isinstance(extent, list | tuple) else None
        if values is None or len(values) != 4 or not all(finite(v) for v in values) or not (
                values[0] < values[1] and values[2] < values[3]):
            raise ValueError(f"{where}: extent must be (x0, x1, y0, y1) with x0 < x1 and "
                             f"y0 < y1, got {extent!r}")
        x0, x1, y0, y1 = (float(v) for v in values)
        return x0, x1, y0, y1
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if min(xs) >= -1 and max(xs) <= 1 and min(ys) >= -1 and max(ys) <= 1:
        return DEFAULT_EXTENT
    half = 1.05 * max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return cx - half, cx + half, cy - half, cy + half


def class_names(labels: list[float], threshold: float) -> tuple[str, str]:
    """Legend names of the points below or at ``threshold`` (red) and above it (blue):
    ``y = v`` when the side has one label value v, else ``y <= t`` / ``y > t``.  A label
    names a class, so it is written as given (``y = 1``); the threshold is a number shown
    by the number rule."""
    low = sorted({t for t in labels if t <= threshold})
    high = sorted({t for t in labels if t > threshold})
    f = format_number
    return (f"y = {low[0]:g}" if len(low) == 1 else f"y ≤ {f(threshold)}",
            f"y = {high[0]:g}" if len(high) == 1 else f"y > {f(threshold)}")
