"""Figures of the engine and of networks, and the console command.

- :func:`draw_graph`: the computation graph of a Value (graphviz).
- :func:`draw_network`: a network of perceptrons in the seed's figure style (graphviz).
- :func:`plot_decision_boundary`, :func:`plot_loss`: the demos' plane and the loss curve
  (matplotlib).
- :func:`backward_frames`: the reverse pass as a sequence of graph figures (a player in
  Jupyter, PNG/SVG/PDF files, a GIF).
- :func:`save`: any of these figures as .svg, .png or .pdf.

Every number shown follows :func:`autograd.format_number` (4 significant digits).

Every figure is returned as an object that Jupyter displays inline.  ``viz`` imports
``nn`` and ``autograd``; nothing imports ``viz``.
"""

from viz.frames import backward_frames
from viz.graph import draw_graph
from viz.network import draw_network
from viz.plots import plot_decision_boundary, plot_loss
from viz.save import save

__all__ = [
    "draw_graph", "draw_network", "plot_decision_boundary", "plot_loss", "backward_frames",
    "save",
]
