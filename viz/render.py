"""Graphviz's ``dot`` program drawing a Digraph: the one place every figure is rendered."""

from __future__ import annotations

import graphviz


def render(graph: graphviz.Digraph, fmt: str, dpi: float | None = None) -> bytes:
    """``graph`` drawn by Graphviz's ``dot`` program as ``fmt`` (``"svg"``, ``"png"``, ...),
    at ``dpi`` dots per inch if given (72 is a vector format's natural size).

    Raises FileNotFoundError with installation advice when ``dot`` is not on the PATH.
    """
    before = graph.graph_attr.get("dpi")
    if dpi is not None:
        graph.graph_attr["dpi"] = f"{dpi:g}"
    try:
        drawn: bytes = graph.pipe(format=fmt)  # graphviz is untyped: pipe gives bytes
        return drawn
    except graphviz.ExecutableNotFound:
        raise FileNotFoundError(
            f"drawing a graph as {fmt} needs Graphviz's `dot` program, which is not on the "
            f"PATH: install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
            f"install graphviz), or save as .dot"
        ) from None
    finally:
        if before is None:
            graph.graph_attr.pop("dpi", None)
        else:
            graph.graph_attr["dpi"] = before
