"""The network diagram of the page: drawn by :func:`viz.draw_network` once per structure.

Graphviz takes tens of milliseconds, longer than a frame, so the page gets the SVG
only when the network's structure (or the traced point) changes, and while training
moves the weights it recolours, rewidens and relabels the edges in place from the
view's ``parameters``.  For that every edge of the SVG is tagged with the weight it
draws, ``data-param="w[in_x->1]"`` (the bias edge of perceptron j, the weight w_{0->j} of
the constant input a_0 = 1, is the parameter ``w[0->j]``), and every edge label with
``data-label``; the figure's own tooltips, which would go stale, give way to the page's.

The page shows the figure large, beside the explain panel, drawn without its key (the
page writes its own under it) and with the edges carrying w_{i->j} only
(``edge_grads=False``): the selected point's dE/dw_{i->j} = delta_j z_i is read on hover
and in the explain panel.  With a traced point every text is at least as large as the
nodes' (``min_font_size``, :data:`PAGE_POINTS`).

Perceptrons asked for by ``?open=3,5`` (:func:`opened`) are drawn as their operations
(:mod:`viz.netopen`): each operation's group is tagged ``data-op="3:s"`` (the perceptron,
then ``w[0->3]`` for w_{0->3} a_0, ``w[in_x->3]`` for a product w_{i->j} z_i, ``s``, ``z`` or
``E``) and each outline ``data-open="3"``.

The SVG comes from Graphviz's own program on the server (:func:`dot_svg`); the static
site's worker draws the same DOT text with Graphviz compiled to WebAssembly instead
(:func:`use_renderer`), and the tagging is the same.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import graphviz

import nn
from nn.unit import parameter_name
from viz.network import draw_network, edge_styles
from viz.playground.api.fields import BadRequest
from viz.playground.models.kinds import structure
from viz.render import render

MAX_WEIGHTS = 400
"""Larger networks are not drawn: graphviz would take seconds and the figure be unreadable."""

PAGE_POINTS = 10
"""The smallest font of the page's figure with a traced point (points: the nodes' size,
which leaves the edges' labels room since the nodes grow to boxes of four lines); the
page zooms so that every text is at least 11 CSS px tall.  Without a traced point the
figure keeps its own sizes (its labels would crowd) and the page zooms it."""

ANCHOR = re.compile(r'<a xlink:title="([^"]*)">')
"""A tooltip of the figure: an edge's "name = value", or an edge label's "name"."""

GROUP = re.compile(r'<g id="(op|open)&#45;([^"]*)" class="(node|cluster)">')
"""The group of an opened perceptron's operation (``op-3:s``) or outline (``open-3``)."""


def dot_svg(figure: graphviz.Digraph) -> str:
    """The figure as SVG text, drawn by Graphviz's program (``dot`` must be installed)."""
    return render(figure, "svg").decode("utf-8")


_renderer: list[Callable[[graphviz.Digraph], str]] = [dot_svg]


def use_renderer(render: Callable[[graphviz.Digraph], str]) -> None:
    """Draw every diagram from now on with ``render(figure) -> SVG text``."""
    _renderer[0] = render


def drawn(figure: graphviz.Digraph) -> str:
    """``figure`` as SVG text, by the renderer in use (see :func:`use_renderer`)."""
    return _renderer[0](figure)


def key(model: nn.Module, selected: int | None, version: int) -> str:
    """What the drawn SVG depends on: the structure, or with a traced point every change
    (its s_j, z_j and delta_j are written in the nodes)."""
    if selected is not None:
        return f"traced-{selected}-{version}"
    shape = json.dumps([model.input_names, structure(model)])
    return hashlib.blake2b(shape.encode(), digest_size=8).hexdigest()


def svg(model: nn.Module, sample: list[float] | None, target: int | None, loss: str,
        open: tuple[str, ...] = ()) -> str:
    """The tagged SVG of the diagram (with the pass of ``sample``, if given, and the
    perceptrons named in ``open`` drawn as their operations), or a note in its place for
    a network too large to draw."""
    n = len(model.parameters())
    if n > MAX_WEIGHTS:
        return note(f"{n:,} weights: too many to draw (at most {MAX_WEIGHTS})")
    figure = draw_network(model, sample, target, loss=loss, legend=False, open=list(open),
                          edge_grads=False,
                          min_font_size=PAGE_POINTS if sample is not None else 0)
    return tag(drawn(figure), model)


def opened(query: str, model: nn.Module) -> tuple[str, ...]:
    """The perceptrons to open from the query of ``diagram.svg``: ``open=3`` or
    ``open=3,5`` (names as the diagram writes them), nothing else; an unknown parameter
    or perceptron is refused, naming it."""
    known = [unit.name for unit in model.units()]
    names: list[str] = []
    for pair in filter(None, query.split("&")):
        key, equals, value = (unquote(part) for part in pair.partition("="))
        if key != "open" or not equals:
            raise BadRequest(f"diagram.svg takes one query parameter, open=NAME[,NAME...], "
                             f"got {pair[:60]!r}")
        names += [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BadRequest(f"open: no perceptron {unknown[0][:60]!r} in the diagram; its "
                         f"perceptrons are {', '.join(known)}")
    return tuple(dict.fromkeys(names))


def names(model: nn.Module) -> dict[str, str]:
    """The figure's name of every weight (its tooltip) -> the weight's parameter name."""
    found = {}
    for unit in model.units():
        found[f"w0 of {unit.name}"] = parameter_name(None, unit.name)  # w_{0->j}
        for source, _ in unit.weights:
            found[f"w[{source}->{unit.name}]"] = parameter_name(source, unit.name)
    return found


def tag(text: str, model: nn.Module) -> str:
    """The SVG with each edge's anchor tagged ``data-param``, each label's ``data-label``,
    each operation of an opened perceptron ``data-op`` and each outline ``data-open``."""
    known = names(model)

    def replace(match: re.Match[str]) -> str:
        title = html.unescape(match.group(1))
        name, edge, _ = title.partition(" = ")
        if name not in known:
            return match.group(0)
        attribute = "data-param" if edge else "data-label"
        return f'<a {attribute}="{html.escape(known[name])}">'

    def mark(match: re.Match[str]) -> str:
        attribute = "data-op" if match.group(1) == "op" else "data-open"
        name = html.escape(html.unescape(match.group(2)))
        return f'{match.group(0)[:-1]} {attribute}="{name}">'

    return GROUP.sub(mark, ANCHOR.sub(replace, text))


def styles(model: nn.Module) -> dict[str, list[str]]:
    """[colour, pen width] of every drawn edge by its weight's parameter name: the
    diagram's own rule (:func:`viz.network.edge_styles`), for the page's in-place updates."""
    known = names(model)
    return {known[name]: list(style) for name, style in edge_styles(model).items()}


def parameters(model: nn.Module) -> list[list[Any]]:
    """[name, value] of every weight, for the page's in-place updates and edits."""
    return [[name, w.data] for name, w in model.named_parameters()]


def note(text: str) -> str:
    """A small SVG holding one line of text, in place of a diagram."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40">'
            f'<text x="10" y="25" font-family="Helvetica" font-size="14">{html.escape(text)}'
            "</text></svg>")
