"""Figures of the engine and of networks, and the console command.

- :func:`draw_graph`: the computation graph of a Value (graphviz).
- :func:`draw_network`: a network of perceptrons in the seed's figure style (graphviz).
- :func:`plot_decision_boundary`, :func:`plot_loss`: the demos' plane and the loss curve
  (matplotlib).
- :func:`backward_frames`: the reverse pass as a sequence of graph figures.
- :func:`save`: any of these figures as .svg, .png or .pdf.

Every figure is returned as an object that Jupyter displays inline.  ``viz`` imports
``nn`` and ``autograd``; nothing imports ``viz``.  The figure functions are imported on
first use, so ``import viz`` (and ``backprop --help``) works without the ``viz`` extra.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from autograd._version import __version__ as __version__

if TYPE_CHECKING:
    from viz.frames import backward_frames
    from viz.graph import draw_graph
    from viz.network import draw_network
    from viz.plots import plot_decision_boundary, plot_loss
    from viz.save import save

_HOMES = {
    "draw_graph": "viz.graph", "draw_network": "viz.network",
    "plot_decision_boundary": "viz.plots", "plot_loss": "viz.plots",
    "backward_frames": "viz.frames", "save": "viz.save",
}

__all__ = [
    "draw_graph", "draw_network", "plot_decision_boundary", "plot_loss", "backward_frames",
    "save",
]


def __getattr__(name: str) -> Any:
    """A figure function, imported from its module when it is first asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module 'viz' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
