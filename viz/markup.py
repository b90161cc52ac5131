"""Names written by the user, with subscripts and superscripts: ``h_1``, ``w_{i->j}``, ``x^2``.

A name given through ``labels=`` is read as in TeX: ``_`` puts the next character (or
the ``{...}`` group) below the line, ``^`` above it.  The same name is drawn as
Graphviz's HTML-like ``<SUB>``/``<SUP>`` (SVG, PNG, PDF) and as TikZ mathematics, so a
figure and its LaTeX read alike.
"""

from __future__ import annotations

import html
import re

_SCRIPT = re.compile(r"([_^])(\{[^{}]*\}|.)")
"""A subscript or superscript: the mark, then one character or a braced group."""

_TEX_SPECIAL = {ch: "\\" + ch for ch in "#$%&_"}

_TEXT = {"δ": r"$\delta$", "→": r"$\to$", "·": r"$\cdot$", "σ": r"$\sigma$",
         "\xa0": "~", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
         "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_TEXT |= {ch: "\\" + ch for ch in "#$%&_{}"}
"""LaTeX for the characters of a figure's text that TeX reserves or lacks."""


def parts(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (place, text) runs: place "" on the line, "_" below, "^" above."""
    runs, at = [], 0
    for match in _SCRIPT.finditer(text):
        if match.start() > at:
            runs.append(("", text[at:match.start()]))
        runs.append((match.group(1), match.group(2).removeprefix("{").removesuffix("}")))
        at = match.end()
    if at < len(text):
        runs.append(("", text[at:]))
    return runs


def plain(text: str) -> str:
    """The characters that are drawn, without the marks (for measuring)."""
    return "".join(run for _, run in parts(text)).replace("->", "→")


def to_html(text: str, size: float = 10, least: float = 0) -> str:
    """Graphviz's HTML-like markup of ``text`` set at ``size`` points: ``h_1`` ->
    ``h<SUB>1</SUB>``, the scripts at 0.7 of the size (Graphviz only shifts them), or at
    ``least`` points if that is more."""
    small = f'<FONT POINT-SIZE="{max(0.7 * size, least):.3g}">'
    tags = {"": "{}", "_": f"<SUB>{small}{{}}</FONT></SUB>",
            "^": f"<SUP>{small}{{}}</FONT></SUP>"}
    return "".join(tags[place].format(html.escape(run).replace("-&gt;", "→"))
                   for place, run in parts(text))


def to_tex(text: str) -> str:
    """TeX mathematics of ``text`` (without the ``$``): ``h_1`` -> ``h_{1}``, ``->`` as an
    arrow, a word of several letters upright; the characters TeX reserves are escaped."""
    out = []
    for place, run in parts(text):
        word = len(run) > 1 and run.isalpha()
        run = "".join(_TEX_SPECIAL.get(ch, ch) for ch in run).replace("->", r"\to ")
        run = rf"\mathrm{{{run}}}" if word else run
        out.append(run if not place else f"{place}{{{run}}}")
    return ascii_only("".join(out), text)


def ascii_only(tex: str, text: str) -> str:
    """``tex``, the LaTeX made of ``text``, unless it holds characters beyond ASCII, on
    which pdflatex would stop: those are refused, naming them."""
    strange = sorted({ch for ch in tex if ord(ch) > 127})
    if strange:
        raise ValueError(f"to_tikz: cannot set {''.join(strange)!r} (in {text!r}) in LaTeX; "
                         f"use ASCII, or TeX in a label such as '\\alpha'")
    return tex


def escape(text: str) -> str:
    """Text set in LaTeX as it reads: TeX's special characters escaped, the Greek letters
    and arrows of the figures as mathematics.  Other characters beyond ASCII are refused,
    since pdflatex would stop on them."""
    return ascii_only("".join(_TEXT.get(ch, ch) for ch in text), text)


def to_tex_text(text: str) -> str:
    """LaTeX text of ``text`` (a title, a caption): the runs as text, escaped by
    ``escape``, the scripts as ``\\textsubscript`` and ``\\textsuperscript``."""
    tags = {"": "{}", "_": r"\textsubscript{{{}}}", "^": r"\textsuperscript{{{}}}"}
    return "".join(tags[place].format(escape(run.replace("->", "→")))
                   for place, run in parts(text))
