"""The parts of a network diagram and their texts: what :mod:`viz.netplan` plans and
:mod:`viz.network` (DOT), :mod:`viz.nettex` (LaTeX) and :mod:`viz.legend` write.

A :class:`Node` is an input, the bias input a_0 = 1, a perceptron or an operation of an
opened one; an :class:`Edge` is a weight w_{i->j} with its dE/dw_{i->j} = delta_j z_i;
a :class:`Plan` is every node and edge of one figure, placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from autograd.display import format_number
from viz import netopen
from viz.markup import plain

LABEL_LIMIT = 40
"""``edge_labels="auto"`` writes the weights on the edges of diagrams with at most this
many edges."""

NODE_FONT, LABEL_FONT = 10, 8
"""Font sizes (points) of the nodes' texts and of the edge labels."""

BIAS_INPUT = "a₀ = 1"
"""The text of the constant input a_0 = 1 whose weight w_{0->j} is the bias of j (the
tutorial, section 1.1): a subscript character, as large as the text round it."""


@dataclass(frozen=True)
class Node:
    """A node: ``kind`` is input, intermediate, output, bias or operation; ``name`` its
    first line (``markup`` when it came from ``labels=`` or is an operation's, see
    :mod:`viz.markup`); ``values`` the (symbol, number) lines under it: s, z, delta or w0
    of a perceptron, an input's value, an operation's value and grad.  An operation has
    its ``tag`` (:class:`viz.netopen.Op`) and ``group``, the perceptron it belongs to."""

    id: str
    kind: str
    name: str
    markup: bool
    values: tuple[tuple[str, float], ...]
    centre: tuple[float, float]
    size: tuple[float, float]
    tag: str = ""
    group: str = ""


@dataclass(frozen=True)
class Edge:
    """A weight w_{i->j}: its ends' ids, its name (``w[i->j]`` or ``w0 of j``), value,
    dE/dw (or None), whether it is a skip link, and its label's centre (None: not on the
    edge; in the table when the plan is ``labelled``)."""

    tail: str
    head: str
    name: str
    w: float
    grad: float | None
    skip: bool
    spot: tuple[float, float] | None = None


@dataclass
class Plan:
    """Everything a diagram shows; positions in inches, y upwards; ``columns`` are the x
    of the columns (inputs first), ``sample`` and ``target`` say what the trace holds;
    ``outlines`` are the opened perceptrons and ``inner`` the arrows between their
    operations; no text is set smaller than ``min_font_size`` points."""

    nodes: list[Node]
    edges: list[Edge]
    labelled: bool
    columns: list[float] = field(default_factory=list)
    sample: bool = False
    target: bool = False
    outlines: list[netopen.Outline] = field(default_factory=list)
    inner: list[tuple[str, str]] = field(default_factory=list)
    min_font_size: float = 0.0

    @property
    def label_font(self) -> float:
        """Font size (points) of the weights' texts: :data:`LABEL_FONT`, or the smallest
        font asked for if that is larger."""
        return max(LABEL_FONT, self.min_font_size)


class Key(TypedDict):
    """What a figure's key explains, the arguments of :func:`viz.legend.legend` (DOT) and
    :func:`viz.nettex.legend_tex` (LaTeX) alike."""

    labelled: bool
    edges: int
    bias: str
    sample: bool
    target: bool
    listed: bool
    opened: bool


def lines(node: Node) -> list[str]:
    """The texts of a node, one per line, as the DOT writes them (numbers by
    :func:`autograd.format_number`)."""
    return [node.name] + _value_lines(node.values)


def _value_lines(values: tuple[tuple[str, float], ...]) -> list[str]:
    """``s 0.9786``, ``z 0.7268``, ...: a node's values under its name."""
    return [f"{symbol} {format_number(x)}".strip() for symbol, x in values]


def label_lines(edge: Edge) -> list[str]:
    """The lines written for a weight: w_{i->j}, and dE/dw_{i->j} when known."""
    return [format_number(edge.w)] + ([] if edge.grad is None
                                      else [f"dE/dw {format_number(edge.grad)}"])


def node_lines(name: str, markup: bool, values: tuple[tuple[str, float], ...]) -> list[str]:
    """A node's lines as plain text (markup removed), for measuring."""
    return [plain(name) if markup else name] + _value_lines(values)


def listed(figure: Plan) -> list[Edge]:
    """The edges whose labels are in the table rather than on the edge."""
    return [edge for edge in figure.edges if figure.labelled and edge.spot is None]
