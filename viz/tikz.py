"""Figures as LaTeX: TikZ pictures with the real numbers, for papers and lecture notes.

:func:`to_tikz` draws a model as :func:`viz.draw_network` does (perceptrons, the bias
input a_0 = 1, each weight w_{i->j} by colour and width with its value, skip links, and
with a sample s_j, z_j, delta_j and dE/dw_{i->j} = delta_j z_i) or a Value's computation
graph as :func:`viz.draw_graph` does, and returns LaTeX source.  The layout is Graphviz's
(``dot -Tjson``, :mod:`viz.xdot`): every node, edge and label sits where it sits in the SVG,
so both look alike; the texts are LaTeX, the tutorial's symbols set as mathematics.

The source needs only the ``tikz`` package (Debian: ``texlive-pictures``, with
``texlive-latex-base`` for pdflatex).  By default it is a whole document whose page is
the size of the picture: ``pdflatex net.tex`` gives a PDF to include.  With
``standalone=False`` it is the bare ``tikzpicture``, for ``\\usepackage{tikz}`` documents.
"""

from __future__ import annotations

import json
from typing import Any

import graphviz

from autograd import Value
from viz.nettex import COLOURS
from viz.render import render
from viz.xdot import commands

PREAMBLE = r"""\documentclass{article}
\usepackage{tikz}
% A page the size of the picture: the picture is boxed, the page sized to the box.
\newsavebox\figurebox
\begin{document}
\sbox\figurebox{%
"""

ENDING = r"""}
\pdfpagewidth=\wd\figurebox
\pdfpageheight=\dimexpr\ht\figurebox+\dp\figurebox\relax
\hoffset=-1in \voffset=-1in
\shipout\hbox{\lower\dp\figurebox\box\figurebox}
\end{document}
"""


def to_tikz(figure: Any, sample: Any = None, target: Any = None, *, standalone: bool = True,
            **options: Any) -> str:
    """The LaTeX of a figure (see the module text).

    ``figure`` is an ``nn`` model (drawn as ``draw_network(figure, sample, target,
    **options)``), a :class:`autograd.Value` (``draw_graph(figure, **options)``), or any
    graphviz Digraph, such as one those functions returned.  ``standalone``: a whole
    document (default) or the bare ``tikzpicture``.  Needs Graphviz's ``dot`` for the
    layout.
    """
    if not isinstance(standalone, bool):
        raise TypeError(f"to_tikz: standalone must be a bool, got {type(standalone).__name__}")
    if isinstance(figure, Value):
        if sample is not None or target is not None:
            raise ValueError("to_tikz: a computation graph takes no sample or target; they "
                             "are for a model (its forward pass is already in the Value)")
        from viz.graph import draw_graph

        figure = draw_graph(figure, **options)
    elif callable(getattr(figure, "units", None)):
        from viz.network import draw_network

        figure = draw_network(figure, sample, target, **options)
    elif not isinstance(figure, graphviz.Digraph):
        raise TypeError(f"to_tikz: expected an nn model, an autograd Value or a graphviz "
                        f"Digraph, got {type(figure).__name__}")
    elif sample is not None or target is not None or options:
        raise ValueError("to_tikz: a Digraph is drawn as it is; sample, target and drawing "
                         "options are for a model or a Value")
    picture = tikzpicture(figure)
    return PREAMBLE + picture + ENDING if standalone else picture


def tikzpicture(graph: graphviz.Digraph) -> str:
    """The ``tikzpicture`` of a Digraph in Graphviz's layout: the colours it uses defined
    first, then every shape, line and text (:func:`viz.xdot.commands`)."""
    layout = json.loads(render(graph, "json"))
    names = {name[1:]: name for name in COLOURS.values()}  # the keys' colours, always
    body = list(commands(layout, names))
    x0, y0, x1, y1 = (float(v) for v in layout["bb"].split(","))
    pad = 72 * float(layout.get("pad", 0.0555))
    lines = [r"\begin{tikzpicture}[x=1bp, y=1bp]"]
    lines += [rf"\definecolor{{{name}}}{{HTML}}{{{rgb}}}" for rgb, name in sorted(names.items())]
    lines += [rf"\useasboundingbox ({x0 - pad:.2f},{y0 - pad:.2f}) rectangle "
              rf"({x1 + pad:.2f},{y1 + pad:.2f});", *body, r"\end{tikzpicture}%"]
    return "\n".join(lines) + "\n"
