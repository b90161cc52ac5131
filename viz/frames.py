"""The reverse pass as a film: one computation-graph figure per step of explain().

Frame 0 is the graph after the forward pass, no gradient known.  Frame k shows the
graph after step k of :func:`autograd.explain`: the node of step k (drawn bold) has
its final gradient dE/dv and has sent dE/dv * dv/dp to each parent p, whose grad
field now holds its running total.  Records fill with their role's colour as their
gradients become final, and a caption says what the step did.

Every frame has the same layout: each record gets the width of its widest text over
the whole film, and each caption the size of the largest caption, so Graphviz, which
places nodes by their sizes alone, puts every node of every frame in the same place.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import graphviz

from autograd import Value, explain
from autograd.display import format_number
from autograd.explain import Explanation, node_names
from nn import files
from viz.graph import build_graph, checked_order, record_fields, record_width
from viz.player import Frames
from viz.render import render
from viz.text import LINE, block_size

FRAME_FORMATS = ("png", "svg", "pdf")

CAPTION_SIZE = 10
"""Font size of the captions, in points."""


def backward_frames(
    output: Value,
    out: str | Path | None = None,
    fmt: str = "png",
    rankdir: str = "LR",
    max_nodes: int = 200,
    duration: int = 900,
) -> Frames:
    """The figures of the reverse pass of ``output``, one per step plus the start.

    Returns them as :class:`viz.player.Frames`, a list of Digraphs that Jupyter shows as
    a player (previous / next).  With ``out`` ending in ``.gif`` the frames are also
    written as one animated GIF (``duration`` milliseconds per frame), ending in
    ``.html`` as that player's page; with any other ``out`` they are written into that
    folder as numbered files ``frame_000.<fmt>``, ``frame_001.<fmt>``, ...
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
        raise TypeError(f"backward_frames: out must be a folder, a .gif or an .html path "
                        f"(str or Path), got {type(out).__name__}")
    steps = explain(output)
    states = _states(steps)
    names = node_names(order)
    widths = {node: max(record_width(record_fields(node, names[node], grads))
                        for grads, _, _ in states) for node in order}
    captions = _captions(steps)
    caption_size = block_size([line for caption in captions for line in caption], CAPTION_SIZE)
    lines = max(len(caption) for caption in captions)
    frames = Frames()
    for (grads, final, current), caption in zip(states, captions, strict=True):
        frame = build_graph(order, rankdir, frozenset(), grads, final=final,
                            current=current, widths=widths)
        frame.attr(label=_caption_label(caption, caption_size[0], lines), labelloc="t",
                   labeljust="l", fontname="Helvetica")
        frames.append(frame)
    if out is not None:
        _write(frames, Path(out), fmt, duration)
    return frames


def _states(steps: Explanation) -> list[tuple[dict[Value, str], frozenset[Value], Value | None]]:
    """Per frame: the grad text of each node, the nodes whose gradient is final, the step's
    node (None at the start)."""
    states: list[tuple[dict[Value, str], frozenset[Value], Value | None]] = [
        ({}, frozenset(), None)]
    totals: dict[Value, str] = {}
    final: set[Value] = set()
    for step in steps:
        final.add(step.node)
        totals[step.node] = format_number(step.upstream)
        for share in step.shares:
            totals[share.parent] = format_number(share.total) + " so far"
        states.append((dict(totals), frozenset(final), step.node))
    return states


def _captions(steps: Explanation) -> list[list[str]]:
    """Each frame's caption, one list of lines per frame: what its step did, in numbers."""
    out = steps.names[steps.output]
    start = (f"start: the forward pass gave {out} = {format_number(steps.output.data)}; "
             f"{len(steps)} steps of the backward pass follow")
    captions = [[start]]
    for step in steps:
        g = format_number(step.upstream)
        head = f"step {step.index} of {len(steps)}: d{out}/d{step.name} = {g} is final"
        if step.op is None:
            head += " (a leaf: this is its gradient)"
        captions.append([head] + [
            f"d{out}/d{s.name} += {g} * {format_number(s.local)} = "
            f"{format_number(s.contribution)}   (d{step.name}/d{s.name} = "
            f"{format_number(s.local)})" for s in step.shares])
    return captions


def _caption_label(lines: list[str], width: float, height_lines: int) -> str:
    """An HTML-like label of ``lines``, left aligned, in a cell of fixed size (``width``
    inches, ``height_lines`` lines) so that every frame's caption takes the same room."""
    body = "".join(f'{html.escape(line)}<br align="left"/>' for line in lines)
    points = width * 72 * 1.05 + 12
    height = height_lines * LINE * CAPTION_SIZE + 8
    return (f'<<table border="0" cellborder="0" cellpadding="4"><tr><td fixedsize="true" '
            f'width="{points:.0f}" height="{height:.0f}" align="left" balign="left" '
            f'valign="top"><font point-size="{CAPTION_SIZE}">{body}</font></td></tr></table>>')


def _write(frames: Frames, out: Path, fmt: str, duration: int) -> None:
    """The frames as a GIF (``.gif``), a player page (``.html``) or numbered files."""
    suffix = out.suffix.lower()
    if suffix == ".gif":
        _write_gif(frames, out, duration)
    elif suffix == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(out, frames.page())
    else:
        out.mkdir(parents=True, exist_ok=True)
        width = max(3, len(str(len(frames))))
        for i, frame in enumerate(frames):
            files.write_bytes(out / f"frame_{i:0{width}d}.{fmt}", render(frame, fmt))


def _write_gif(frames: list[graphviz.Digraph], path: Path, duration: int) -> None:
    """Render every frame to PNG with dot and join them into one looping GIF.

    The frames share one layout, so their images have one size; each is still pasted at
    the top left of a common white canvas, which keeps every node still even if a
    renderer differed by a pixel."""
    from PIL import Image  # Pillow comes with matplotlib

    images = [Image.open(io.BytesIO(render(f, "png"))).convert("RGB") for f in frames]
    size = (max(im.width for im in images), max(im.height for im in images))
    canvases = []
    for im in images:
        canvas = Image.new("RGB", size, "white")
        canvas.paste(im, (0, 0))
        canvases.append(canvas)
    path.parent.mkdir(parents=True, exist_ok=True)
    gif = io.BytesIO()
    canvases[0].save(gif, format="GIF", save_all=True, append_images=canvases[1:],
                     duration=duration, loop=0)
    files.write_bytes(path, gif.getvalue())
