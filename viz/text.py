"""Text sizes for laying figures out before Graphviz draws them.

Graphviz measures text only when it renders; the layouts of :mod:`viz.layout` and the
fixed record widths of :mod:`viz.frames` need sizes earlier.  These are the advance
widths of Helvetica (whose metrics Liberation Sans shares), in em, rounded up a little
so that an estimate is never narrower than the drawn text.
"""

from __future__ import annotations

_NARROW = dict.fromkeys(".,:;!|il'` ", 0.28) | dict.fromkeys("-()[]{}/rtfj", 0.34)
_WIDE = dict.fromkeys("mwMW@", 0.86) | dict.fromkeys("ABCDEGHKNOQRSUVXYZ&%", 0.73)
_EM = _NARROW | _WIDE
_DEFAULT = 0.58
"""Width of every other character (digits are 0.556 em in Helvetica)."""

LINE = 1.2
"""Line height in multiples of the font size."""


def text_width(text: str, fontsize: float) -> float:
    """The width in inches of ``text`` (one line) at ``fontsize`` points."""
    return sum(_EM.get(ch, _DEFAULT) for ch in text) * fontsize / 72


def block_size(lines: list[str], fontsize: float) -> tuple[float, float]:
    """The (width, height) in inches of ``lines`` set one under the other."""
    width = max((text_width(line, fontsize) for line in lines), default=0.0)
    return width, len(lines) * LINE * fontsize / 72
