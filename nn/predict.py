"""A model's classes and class probabilities on many inputs: predict_class, predict_proba.

``model.predict(X)`` gives the raw outputs; these read them as :func:`nn.fit`'s accuracy
does.  K >= 2 outputs are K scores s_k: the class is the argmax, the probabilities are
softmax(s) (:mod:`nn.multiclass`).  One output is a two-class model: its class is the
positive label when the output is above the accuracy rule's threshold
(:func:`nn.accuracy.threshold`: 0 for a loss on scores, else the midpoint of the labels).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nn import losses
from nn.accuracy import threshold
from nn.multiclass import argmax, softmax


def predict_class(model: Any, X: Sequence[Any], loss: Any = "squared_error",
                  labels: tuple[float, float] = (0, 1)) -> list[Any]:
    """The class of every row of ``X``: argmax_k h_k for K outputs (labels 0..K-1); for one
    output ``labels[1]`` where h > t and ``labels[0]`` elsewhere, t the threshold of
    :func:`nn.fit`'s accuracy rule for ``loss`` and these two labels (0.5 for 0/1 and
    ``squared_error``, 0 for -1/+1 or a loss on scores such as ``"hinge"``)."""
    outputs = _outputs("predict_class", model, X)
    if outputs and not isinstance(outputs[0], float):
        return [argmax(h) for h in outputs]
    if not (isinstance(labels, tuple) and len(labels) == 2):
        raise TypeError(f"predict_class: labels must be a pair (negative, positive), "
                        f"got {labels!r}")
    t = threshold(losses.get(loss), list(labels))
    if t is None:
        raise ValueError(f"predict_class: labels {labels!r} are not a pair of classes "
                         f"0/1 or -1/+1")
    return [labels[1] if h > t else labels[0] for h in outputs]


def predict_proba(model: Any, X: Sequence[Any]) -> list[list[float]]:
    """softmax(h(x)) for every row of ``X``: K probabilities per row, summing to 1, from a
    model with K >= 2 outputs (raw scores, as trained with ``cross_entropy``)."""
    outputs = _outputs("predict_proba", model, X)
    if outputs and isinstance(outputs[0], float):
        raise ValueError("predict_proba: the model has one output; softmax probabilities "
                         "need one score per class (K >= 2 outputs); predict_class gives "
                         "a one-output model's labels")
    return [softmax(h) for h in outputs]


def _outputs(where: str, model: Any, X: Sequence[Any]) -> list[Any]:
    if not callable(getattr(model, "predict", None)):
        raise TypeError(f"{where}: the model needs a predict(X) method (an nn model), "
                        f"got {type(model).__name__}")
    outputs: list[Any] = model.predict(X)
    return outputs
