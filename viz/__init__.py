"""Figures of the engine and of networks, and the console command.

- :func:`draw_graph`: the computation graph of a Value (graphviz).
- :func:`draw_network`: a network of perceptrons in the tutorial's figure style (graphviz).
- :func:`plot_decision_boundary`, :func:`plot_loss`: the demos' plane and the loss curve
  (matplotlib).
- :func:`backward_frames`: the reverse pass as a sequence of graph figures (a player in
  Jupyter, PNG/SVG/PDF files, a GIF).
- :func:`save`: any of these figures as .svg, .png or .pdf (a graph also as .tex).
- :func:`to_tikz`: a network or a computation graph as LaTeX (TikZ), with the real numbers.

Every number shown follows :func:`autograd.format_number` (4 significant digits).

Every figure is returned as an object that Jupyter displays inline.  ``viz`` imports
``nn`` and ``autograd``; nothing imports ``viz``.  Without the ``viz`` extra (graphviz,
matplotlib) ``import viz`` still works, so ``backprop --help`` does; a figure function
then raises an ImportError that says what to install.
"""

from typing import Any

from autograd._version import __version__ as __version__
from viz.extras import install_hint

__all__ = [
    "draw_graph", "draw_network", "plot_decision_boundary", "plot_loss", "backward_frames",
    "save", "to_tikz",
]

try:
    from viz.frames import backward_frames
    from viz.graph import draw_graph
    from viz.network import draw_network
    from viz.plots import plot_decision_boundary, plot_loss
    from viz.save import save
    from viz.tikz import to_tikz
except ModuleNotFoundError as missing:
    _needs = install_hint(missing)  # raises again unless the viz extra is what is missing

    def __getattr__(name: str) -> Any:
        """A figure function that cannot be imported: say which extra installs it."""
        if name not in __all__:
            raise AttributeError(f"module 'viz' has no attribute {name!r}")
        raise ModuleNotFoundError(f"viz.{name} {_needs}")
