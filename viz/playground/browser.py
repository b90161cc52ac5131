"""The playground's engine inside the browser: what the static site's Web Worker calls.

The worker (``site/worker.js``, built by ``make site``) runs Pyodide, unpacks this
project's packages and hands each of the page's requests to :func:`handle`, which
answers it with the server's own :class:`~viz.playground.api.routes.Routes`: the same
sessions, validation, training, tracing and files.  No Host or origin is checked: the
requests come from the page itself, never over a network.  The diagram's DOT text is
drawn by the worker's Graphviz in WebAssembly (:func:`start`), as ``dot`` draws it on
the server.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import graphviz

from viz.playground import diagram
from viz.playground.api.routes import Routes, encoded

ROUTES = Routes()
"""The sessions of this page (one store, as on a server)."""


def start(render: Callable[[str, str], str]) -> None:
    """Draw diagrams with ``render(dot_source, layout_engine) -> SVG text``."""
    def drawn(figure: graphviz.Digraph) -> str:
        return str(render(figure.source, figure.graph_attr.get("layout", figure.engine)))

    diagram.use_renderer(drawn)


def handle(method: str, target: str, body: str) -> tuple[int, str, str]:
    """One request of the page: ``(status, answer text, content type)``.  It never raises:
    whatever goes wrong is an answer of status 500 saying what (the page would otherwise
    wait for ever)."""
    try:
        status, payload, ctype, _ = ROUTES.answer(method, target, body.encode("utf-8"))
        data, ctype = encoded(payload, ctype)
        return status, data.decode("utf-8"), ctype
    except Exception as error:  # noqa: BLE001 (a bug: say so, keep answering)
        text = json.dumps({"error": f"internal error: {type(error).__name__}: {error}"})
        return 500, text, "application/json"
