"""Saving any figure of this package: graphviz Digraphs and matplotlib Figures alike."""

from __future__ import annotations

import io
from pathlib import Path

import graphviz
from matplotlib.figure import Figure

from nn import files
from viz.render import render
from viz.tikz import to_tikz

FORMATS: tuple[str, ...] = (".svg", ".png", ".pdf")
"""File types both kinds of figure can be saved as (a Digraph also as .dot / .gv)."""

DPI = 300
"""Pixels per inch of a Digraph saved as PNG unless ``dpi`` is given."""


def save(fig: graphviz.Digraph | Figure, path: str | Path, *, dpi: float | None = None,
         scale: float = 1.0) -> Path:
    """Write ``fig`` to ``path``, in the format its suffix names (.svg, .png or .pdf).

    A graphviz Digraph is rendered by the ``dot`` program (and can also be saved as
    its DOT text with .dot or .gv, or as a LaTeX document with a TikZ picture with .tex,
    see :func:`viz.to_tikz`); a matplotlib Figure is drawn with the Agg
    renderer, which needs no display.  ``dpi`` sets the pixels per inch of a PNG (a
    Digraph's default, :data:`DPI`, is print quality and makes the 2-5-1 diagram 1773 px
    wide, enough for a projector; a Figure's default is its own ``dpi``); ``scale``
    enlarges a Digraph's SVG or PDF, text and lines alike.  Missing parent folders are
    created.  Returns the path written.
    """
    if not isinstance(path, str | Path):
        raise TypeError(f"save: path must be a str or Path, got {type(path).__name__}")
    path = Path(path)
    suffix = path.suffix.lower()
    if isinstance(fig, graphviz.Digraph):
        kind, allowed = "Digraph", FORMATS + (".dot", ".gv", ".tex")
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
    _check_size(kind, suffix, dpi, scale)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(fig, Figure):  # every file through nn.files' atomic writer
        drawn = io.BytesIO()
        fig.savefig(drawn, format=suffix[1:], dpi=dpi or "figure")
        files.write_bytes(path, drawn.getvalue())
    elif suffix in (".dot", ".gv"):
        files.write_text(path, fig.source)
    elif suffix == ".tex":
        files.write_text(path, to_tikz(fig))
    else:
        density = (dpi or DPI) if suffix == ".png" else (72 * scale if scale != 1 else None)
        files.write_bytes(path, render(fig, suffix[1:], density))
    return path


def _check_size(kind: str, suffix: str, dpi: object, scale: object) -> None:
    """Refuse a ``dpi`` or ``scale`` that is not a positive number or does not apply."""
    for name, value in (("dpi", dpi), ("scale", scale)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not 0 < value < float("inf")):
            raise ValueError(f"save: {name} must be a positive number, got {value!r}")
    if dpi is not None and suffix != ".png":
        raise ValueError(f"save: dpi is the pixel density of a .png, not of {suffix!r}; "
                         f"use scale= to enlarge a .svg or .pdf")
    if scale != 1 and (suffix not in (".svg", ".pdf") or kind == "Figure"):
        raise ValueError(f"save: scale enlarges a Digraph's .svg or .pdf, not a {kind} as "
                         f"{suffix!r}" + ("; use dpi= for a .png" if suffix == ".png" else
                                          "; set the Figure's size (fig.set_size_inches)"))
