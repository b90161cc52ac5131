"""backward_frames: the reverse pass as figures, as numbered files and as a GIF."""

import re

import pytest
from PIL import Image

from autograd import Value, explain, topological_order
from viz import backward_frames
from viz.graph import ROLE_COLOURS


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
    assert "grad 1.0000" in record(frames[1], "y") and "penwidth=2.5" in record(frames[1], "y")
    assert f'fillcolor="{ROLE_COLOURS["output"]}"' in record(frames[1], "y")
    assert "grad -1.0000 so far" in record(frames[1], "x")
    # Frame 2: w x is final; x now holds both shares, dy/dx = 2 w x = -2, still not final.
    assert "grad -2.0000 so far" in record(frames[2], "x")
    assert 'fillcolor=white' in record(frames[2], "x")
    # Last frame: every gradient final, as the seed's hand computation gives it.
    last = frames[-1]
    assert "grad -2.0000 }" in record(last, "x") and "grad 4.0000 }" in record(last, "w")
    assert "so far" not in last and "grad ?" not in last


def test_numbered_files(tmp_path):
    y, _, _ = expression()
    backward_frames(y, tmp_path / "frames", fmt="svg")
    names = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert names == [f"frame_{i:03d}.svg" for i in range(5)]
    svg = (tmp_path / "frames" / "frame_004.svg").read_text()
    assert re.search(r">grad &#45;2\.0000<", svg)


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
