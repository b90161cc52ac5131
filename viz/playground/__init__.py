"""The playground: the tutorial's two demos as a local web page driven by the real engine.

``backprop playground`` (or ``make playground``) starts :func:`serve` on 127.0.0.1;
the page (plain HTML/CSS/JS in ``static/``) draws points, settings, the heatmap of
h(x), the loss curve and the network diagram, all computed here by the engine and
sent through the JSON API of :mod:`viz.playground.server.http_server`.
"""

from viz.playground.server.http_server import PlaygroundServer, serve

__all__ = ["PlaygroundServer", "serve"]
