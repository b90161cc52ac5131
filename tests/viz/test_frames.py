"""backward_frames: the reverse pass as figures, as numbered files and as a GIF."""

import re

import pytest
from PIL import Image

from autograd import Value, explain, topological_order
from viz import backward_frames
from viz.graph import ROLE_COLOURS
from viz.render import render


def expression():
    x, w = Value(2.0, "x"), Value(-0.5, "w")
    y = w * x * x  # x is used twice: its gradient arrives in two shares
    y.label = "y"
    return y, x, w


def record(source, name):
    return next(line for line in source.splitlines() if f"{{ {name} |" in line)


def test_one_frame_per_step_plus_the_start_and_no_grad_touched():
    y, x, w = expression()
    frames = backward_frames(y)
    assert len(frames) == len(explain(y)) + 1 == 5
    assert all(node.grad == 0.0 for node in topological_order(y))


def test_records_fill_in_as_gradients_become_final():
    y, x, w = expression()
    frames = [f.source for f in backward_frames(y)]
    # Frame 0: the forward pass only; nothing known, nothing filled.
    assert "grad ?" in record(frames[0], "y") and 'fillcolor=white' in record(frames[0], "x")
    # Frame 1: y is final (dy/dy = 1) and sent dy/dx = w x = -1 to x so far.
    assert "grad 1.000" in record(frames[1], "y") and "penwidth=2.5" in record(frames[1], "y")
    assert f'fillcolor="{ROLE_COLOURS["output"]}"' in record(frames[1], "y")
    assert "grad -1.000 so far" in record(frames[1], "x")
    # Frame 2: w x is final; x now holds both shares, dy/dx = 2 w x = -2, still not final.
    assert "grad -2.000 so far" in record(frames[2], "x")
    assert 'fillcolor=white' in record(frames[2], "x")
    # Last frame: every gradient final, as the tutorial's hand computation (section 5) gives it.
    last = frames[-1]
    assert "grad -2.000 }" in record(last, "x") and "grad 4.000 }" in record(last, "w")
    assert "so far" not in last and "grad ?" not in last


def test_numbered_files(tmp_path):
    y, _, _ = expression()
    backward_frames(y, tmp_path / "frames", fmt="svg")
    names = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert names == [f"frame_{i:03d}.svg" for i in range(5)]
    svg = (tmp_path / "frames" / "frame_004.svg").read_text()
    assert re.search(r">grad &#45;2\.000<", svg)


def test_animated_gif(tmp_path):
    y, _, _ = expression()
    backward_frames(y, tmp_path / "pass.gif", duration=300)
    with Image.open(tmp_path / "pass.gif") as gif:
        assert gif.format == "GIF" and gif.n_frames == 5
        assert gif.info["duration"] == 300 and gif.info["loop"] == 0
        sizes = set()
        for i in range(gif.n_frames):
            gif.seek(i)
            sizes.add(gif.size)
        assert len(sizes) == 1


def test_bad_arguments():
    y, _, _ = expression()
    with pytest.raises(ValueError, match="backward_frames: fmt must be one of png, svg, pdf, "
                                         "got 'jpg'"):
        backward_frames(y, fmt="jpg")
    with pytest.raises(ValueError, match="duration must be a positive int \\(ms\\), got 0"):
        backward_frames(y, duration=0)
    with pytest.raises(TypeError, match="backward_frames: root must be an autograd Value"):
        backward_frames([y])
    with pytest.raises(TypeError, match="out must be a folder, a .gif or an .html path"):
        backward_frames(y, out=3)


def node_boxes(frame):
    """Every node's outline in the frame's SVG as dot drew it: {id: coordinates}."""
    svg = render(frame, "svg").decode()
    shapes = re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>\s*'
                        r'<(?:polygon|ellipse) [^>]*?(points="[^"]*"|cx="[^"]*" cy="[^"]*")', svg)
    size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return size, dict(shapes)


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
def test_every_frame_has_the_same_layout(rankdir):
    # The grad texts grow from "?" to "-0.07275 so far"; no node may move for that.
    x, w, b = Value(1.5, "x"), Value(-0.3, "w"), Value(0.1, "b")
    f = (w * x + b).sigmoid()
    boxes = [node_boxes(frame) for frame in backward_frames(f, rankdir=rankdir)]
    assert len(boxes[0][1]) == 9  # 6 records and 3 op nodes
    assert all(box == boxes[0] for box in boxes[1:])


def test_each_frame_has_a_caption_with_its_step():
    y, x, w = expression()
    frames = [f.source for f in backward_frames(y)]
    assert "start: the forward pass gave y = -2.000; 4 steps of the backward pass follow" in (
        frames[0])
    # Step 1 at y = (w x) * x: dy/dy = 1; x gets 1 * (w x) = -1, w x gets 1 * x = 2.
    assert "step 1 of 4: dy/dy = 1.000 is final" in frames[1]
    assert "dy/dx += 1.000 * -1.000 = -1.000" in frames[1]
    assert "step 4 of 4: dy/dw = 4.000 is final (a leaf: this is its gradient)" in frames[4]


def test_frames_show_in_jupyter_as_a_player(tmp_path):
    y, _, _ = expression()
    frames = backward_frames(y, tmp_path / "pass.html")
    player = frames._repr_html_()
    assert player.count('class="viz-frame"') == 5 and player.count("<svg") == 5
    assert 'class="viz-previous"' in player and 'class="viz-next"' in player
    assert 'max="4"' in player  # the slider runs over frames 0..4
    page = (tmp_path / "pass.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 5
