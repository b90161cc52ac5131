"""Saving any figure of this package: graphviz Digraphs and matplotlib Figures alike."""

from __future__ import annotations

import io
from pathlib import Path

import graphviz
from matplotlib.figure import Figure

from nn import files

FORMATS = (".svg", ".png", ".pdf")
"""File types both kinds of figure can be saved as (a Digraph also as .dot / .gv)."""


def render(graph: graphviz.Digraph, fmt: str) -> bytes:
    """``graph`` drawn by Graphviz's ``dot`` program as ``fmt`` (``"svg"``, ``"png"``, ...).

    Raises FileNotFoundError with installation advice when ``dot`` is not on the PATH.
    """
    try:
        return graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise FileNotFoundError(
            f"drawing a graph as {fmt} needs Graphviz's `dot` program, which is not on the "
            f"PATH: install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
            f"install graphviz), or save as .dot"
        ) from None


def save(fig: graphviz.Digraph | Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path``, in the format its suffix names (.svg, .png or .pdf).

    A graphviz Digraph is rendered by the ``dot`` program (and can also be saved as
    its DOT text with .dot or .gv); a matplotlib Figure is drawn with the Agg
    renderer, which needs no display.  Missing parent folders are created.  Returns
    the path written.
    """
    if not isinstance(path, str | Path):
        raise TypeError(f"save: path must be a str or Path, got {type(path).__name__}")
    path = Path(path)
    suffix = path.suffix.lower()
    if isinstance(fig, graphviz.Digraph):
        kind, allowed = "Digraph", FORMATS + (".dot", ".gv")
    elif isinstance(fig, Figure):
        kind, allowed = "Figure", FORMATS
    else:
        raise TypeError(
            f"save: expected a graphviz.Digraph or a matplotlib Figure, got {type(fig).__name__}"
        )
    if suffix not in allowed:
        raise ValueError(
            f"save: cannot write {kind} as {suffix or 'a file without suffix'!r} "
            f"({path}); use one of {', '.join(allowed)}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(fig, Figure):  # every file through nn.files' atomic writer
        drawn = io.BytesIO()
        fig.savefig(drawn, format=suffix[1:])
        files.write_bytes(path, drawn.getvalue())
    elif suffix in (".dot", ".gv"):
        files.write_text(path, fig.source)
    else:
        files.write_bytes(path, render(fig, suffix[1:]))
    return path
