"""Saving any figure of this package: graphviz Digraphs and matplotlib Figures alike."""

from __future__ import annotations

from pathlib import Path

import graphviz
from matplotlib.figure import Figure

FORMATS = (".svg", ".png", ".pdf")
"""File types both kinds of figure can be saved as (a Digraph also as .dot / .gv)."""


def save(fig: graphviz.Digraph | Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path``, in the format its suffix names (.svg, .png or .pdf).

    A graphviz Digraph is rendered by the ``dot`` program (and can also be saved as
    its DOT text with .dot or .gv); a matplotlib Figure is drawn with the Agg
    renderer, which needs no display.  Missing parent folders are created.  Returns
    the path written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if isinstance(fig, graphviz.Digraph):
        allowed = FORMATS + (".dot", ".gv")
    elif isinstance(fig, Figure):
        allowed = FORMATS
    else:
        raise TypeError(
            f"save: expected a graphviz.Digraph or a matplotlib Figure, got {type(fig).__name__}"
        )
    if suffix not in allowed:
        raise ValueError(
            f"save: cannot write {type(fig).__name__} as {suffix or 'a file without suffix'!r} "
            f"({path}); use one of {', '.join(allowed)}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(fig, Figure):
        fig.savefig(path, format=suffix[1:])
    elif suffix in (".dot", ".gv"):
        path.write_text(fig.source)
    else:
        path.write_bytes(fig.pipe(format=suffix[1:]))
    return path
