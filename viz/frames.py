"""The reverse pass as a film: one computation-graph figure per step of explain().

Frame 0 is the graph after the forward pass, no gradient known.  Frame k shows the
graph after step k of :func:`autograd.explain`: the node of step k (drawn bold) has
its final gradient dE/dv and has sent dE/dv * dv/dp to each parent p, whose grad
field now holds its running total.  Records fill with their role's colour as their
gradients become final.
"""

from __future__ import annotations

import io
from pathlib import Path

import graphviz

from autograd import Value, explain
from viz.graph import build_graph, checked_order, number
from viz.save import render

FRAME_FORMATS = ("png", "svg", "pdf")


def backward_frames(
    output: Value,
    out: str | Path | None = None,
    fmt: str = "png",
    rankdir: str = "LR",
    max_nodes: int = 200,
    duration: int = 900,
) -> list[graphviz.Digraph]:
    """The figures of the reverse pass of ``output``, one per step plus the start.

    With ``out`` ending in ``.gif`` the frames are also written as one animated GIF
    (``duration`` milliseconds per frame); with any other ``out`` they are written
    into that folder as numbered files ``frame_000.<fmt>``, ``frame_001.<fmt>``, ...
    Runs its own pass (see :func:`autograd.explain`) and touches no ``.grad``.
    """
    order = checked_order(output, rankdir, max_nodes, "backward_frames")
    if fmt not in FRAME_FORMATS:
        raise ValueError(f"backward_frames: fmt must be one of {', '.join(FRAME_FORMATS)}, "
                         f"got {fmt!r}")
    if isinstance(duration, bool) or not isinstance(duration, int) or duration < 1:
        raise ValueError(f"backward_frames: duration must be a positive int (ms), "
                         f"got {duration!r}")
    if out is not None and not isinstance(out, str | Path):
        raise TypeError(f"backward_frames: out must be a folder or a .gif path (str or Path), "
                        f"got {type(out).__name__}")
    steps = explain(output)
    frames = [build_graph(order, rankdir, frozenset(), {}, final=frozenset())]
    totals: dict[Value, str] = {}
    final: set[Value] = set()
    for step in steps:
        final.add(step.node)
        totals[step.node] = number(step.upstream)
        for share in step.shares:
            totals[share.parent] = number(share.total) + " so far"
        frames.append(build_graph(order, rankdir, frozenset(), dict(totals),
                                  final=frozenset(final), current=step.node))
    if out is not None:
        out = Path(out)
        if out.suffix.lower() == ".gif":
            _write_gif(frames, out, duration)
        else:
            out.mkdir(parents=True, exist_ok=True)
            width = len(str(len(frames)))
            for i, frame in enumerate(frames):
                (out / f"frame_{i:0{max(width, 3)}d}.{fmt}").write_bytes(render(frame, fmt))
    return frames


def _write_gif(frames: list[graphviz.Digraph], path: Path, duration: int) -> None:
    """Render every frame to PNG with dot and join them, centred on one white canvas."""
    from PIL import Image  # Pillow comes with matplotlib

    images = [Image.open(io.BytesIO(render(f, "png"))).convert("RGB") for f in frames]
    width = max(im.width for im in images)
    height = max(im.height for im in images)
    canvases = []
    for im in images:
        canvas = Image.new("RGB", (width, height), "white")
        canvas.paste(im, ((width - im.width) // 2, (height - im.height) // 2))
        canvases.append(canvas)
    path.parent.mkdir(parents=True, exist_ok=True)
    canvases[0].save(path, save_all=True, append_images=canvases[1:], duration=duration, loop=0)
