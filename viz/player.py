"""A film of figures that Jupyter shows as a small player: one figure at a time, with
previous / next buttons and a slider.  Plain HTML and a few lines of script, no
extension; the same page can be saved and opened in any browser."""

from __future__ import annotations

import itertools

import graphviz

from viz.render import render

_IDS = itertools.count()

_SCRIPT = """<script>(function () {
  var root = document.getElementById("%(id)s"), shown = 0;
  var frames = root.querySelectorAll(".viz-frame"), slider = root.querySelector("input");
  var where = root.querySelector(".viz-where");
  function show(k) {
    shown = Math.max(0, Math.min(frames.length - 1, k));
    frames.forEach(function (f, i) { f.style.display = i === shown ? "block" : "none"; });
    slider.value = shown;
    where.textContent = "frame " + shown + " of " + (frames.length - 1);
  }
  root.querySelector(".viz-previous").onclick = function () { show(shown - 1); };
  root.querySelector(".viz-next").onclick = function () { show(shown + 1); };
  slider.oninput = function () { show(Number(slider.value)); };
  show(0);
})();</script>"""


class Frames(list[graphviz.Digraph]):
    """A list of Digraphs (the frames of :func:`viz.backward_frames`) that Jupyter shows
    as a player; :meth:`page` is the same player as a standalone HTML page."""

    def _repr_html_(self) -> str:
        """The player: every frame's SVG, one shown at a time, and its controls."""
        player = f"viz-frames-{next(_IDS)}"
        figures = "".join(
            f'<div class="viz-frame" style="display:{"block" if i == 0 else "none"}">'
            f"{_svg(frame)}</div>" for i, frame in enumerate(self))
        controls = (
            '<div><button class="viz-previous">previous</button> '
            '<button class="viz-next">next</button> '
            f'<input type="range" min="0" max="{max(len(self) - 1, 0)}" value="0"> '
            '<span class="viz-where"></span></div>')
        return (f'<div id="{player}" class="viz-frames">{controls}{figures}</div>'
                + _SCRIPT % {"id": player})

    def page(self) -> str:
        """A whole HTML page holding the player."""
        return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>backward pass'
                f"</title></head><body>{self._repr_html_()}</body></html>\n")


def _svg(frame: graphviz.Digraph) -> str:
    """One frame as inline SVG (no XML prologue)."""
    text = render(frame, "svg").decode("utf-8")
    return text[text.index("<svg"):]
