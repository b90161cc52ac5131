"""The heatmap of a K-class model (K > 2 outputs): each cell's class and how sure it is.

At each cell centre x the model gives K scores s_1..s_K; the class probabilities are
p = softmax(s) and the cell's class is argmax_k p_k, its confidence p_max = max_k p_k, in
[1/K, 1].  :mod:`viz.playground.maps` sends both:

- ``labels`` (a list of ints) or compactly ``label_bytes``: base64 of one byte per cell, the
  class 0..K-1;
- ``values`` or ``bytes``, p_max, encoded as every map (low = 1/K, high = 1).

The page paints each cell in its class's colour (:data:`viz.plane.CLASS_COLOURS`), lighter
the less sure, by the rule of :func:`viz.plot_decision_boundary`.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from typing import Any

from nn.classes import argmax


def classes(scores: Sequence[Sequence[float]]) -> tuple[list[int], list[float]]:
    """The class (argmax) and the top probability max softmax(s) of every row of K scores
    (one row a cell), computed as 1 / sum_k e^{s_k - s_max}; plain floats, so that it runs
    without NumPy too (``nn.softmax`` gives every p_k, at five times the cost: the
    10,000 cells of the heatmap need only the largest)."""
    labels = [argmax(s) for s in scores]
    top = [1.0 / sum(math.exp(v - s[k]) for v in s) for s, k in zip(scores, labels, strict=True)]
    return labels, top


def labels(values: list[int], compact: bool) -> dict[str, Any]:
    """``{"labels": [...]}``, or compactly ``{"label_bytes": base64}`` (one byte a cell)."""
    if not compact:
        return {"labels": values}
    return {"label_bytes": base64.b64encode(bytes(values)).decode()}
