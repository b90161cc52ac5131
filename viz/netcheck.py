"""The arguments of :func:`viz.draw_network`, checked: each refusal names the argument,
what it got and what it takes (the model's own node names among them)."""

from __future__ import annotations

from typing import Any

from nn.unit import Unit

EDGE_LABELS, BIASES = ("auto", True, False), ("node", "inside")
"""The allowed values of ``edge_labels`` and of ``bias``."""


def check(model: Any, target: Any, sample: Any, max_edges: Any, edge_labels: Any,
           bias: Any) -> None:
    """Refuse arguments draw_network cannot use, naming the argument and what it takes."""
    if not callable(getattr(model, "units", None)) or not hasattr(model, "input_names"):
        raise TypeError(f"draw_network: expected an nn model (Perceptron, MLP or Network) "
                        f"with units() and input_names, got {type(model).__name__}")
    if isinstance(max_edges, bool) or not isinstance(max_edges, int) or max_edges < 1:
        raise ValueError(f"draw_network: max_edges must be a positive int, got {max_edges!r}")
    if not any(edge_labels is allowed for allowed in EDGE_LABELS[1:]) and edge_labels != "auto":
        raise ValueError(f"draw_network: edge_labels must be 'auto', True or False, "
                         f"got {edge_labels!r}")
    if bias not in BIASES:
        raise ValueError(f"draw_network: bias must be 'node' or 'inside', got {bias!r}")
    if target is not None and sample is None:
        raise ValueError("draw_network: a target needs a sample (pass sample=... too)")


def check_text(edge_grads: Any, min_font_size: Any, largest: float) -> None:
    """Refuse an ``edge_grads`` that is not a bool and a ``min_font_size`` that is not a
    number of points from 0 to ``largest`` (the nodes' size, which the layout is made for)."""
    if not isinstance(edge_grads, bool):
        raise TypeError(f"draw_network: edge_grads must be True or False, got {edge_grads!r}")
    if isinstance(min_font_size, bool) or not isinstance(min_font_size, int | float) or not (
            0 <= min_font_size <= largest):
        raise ValueError(f"draw_network: min_font_size must be a number of points from 0 to "
                         f"{largest:g} (the nodes' size), got {min_font_size!r}")


def check_words(model: Any, units: list[Unit], labels: Any, layer_names: Any) -> dict[str, str]:
    """``labels`` as a dict after checking it names nodes of the model with strings, and
    ``layer_names`` has one string per column."""
    known = [*model.input_names, *(unit.name for unit in units)]
    labels = {} if labels is None else labels
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise TypeError(f"draw_network: labels must be a dict of node name -> str, e.g. "
                        f"{{'{known[-1]}': 'h_1'}}, got {labels!r}")
    _known("labels", labels, known, "node")
    columns = 1 + max(unit.layer for unit in units)
    if layer_names is not None and (isinstance(layer_names, str) or not isinstance(
            layer_names, list | tuple) or len(layer_names) != columns
            or not all(isinstance(name, str) for name in layer_names)):
        raise ValueError(f"draw_network: layer_names must be a list of {columns} strings "
                         f"(the inputs, then each layer), got {layer_names!r}")
    return dict(labels)


def check_open(units: list[Unit], open: Any) -> tuple[str, ...]:
    """``open`` as a tuple after checking that it lists perceptrons of the model."""
    known = [unit.name for unit in units]
    if isinstance(open, str) or not isinstance(open, list | tuple):
        raise TypeError(f"draw_network: open must be a list of perceptron names, e.g. "
                        f"['{known[-1]}'], got {open!r}")
    _known("open", open, known, "perceptron")
    return tuple(dict.fromkeys(open))


def _known(argument: str, names: Any, known: list[str], kind: str) -> None:
    """Refuse the first of ``names`` that is not in ``known`` (the model's ``kind`` s)."""
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"draw_network: {argument} names {unknown[0]!r}, which is not a "
                         f"{kind} of the model; its {kind}s are {', '.join(known)}")
