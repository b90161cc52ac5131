"""save(): both kinds of figure as SVG, PNG and PDF; refusals; the Jupyter display hook."""

import pytest

from autograd import Value
from viz import draw_graph, plot_loss, save

MAGIC = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF"}


def figures():
    x = Value(2.0, "x")
    y = x * x
    y.backward()
    return draw_graph(y), plot_loss([2.0, 1.0])


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_every_figure_in_every_format(tmp_path, suffix):
    for k, fig in enumerate(figures()):
        path = save(fig, tmp_path / "sub" / f"fig{k}{suffix}")
        head = path.read_bytes()[:64]
        assert MAGIC[suffix] in head, (type(fig).__name__, head)


def test_a_graph_as_dot_text(tmp_path):
    graph, _ = figures()
    assert save(graph, tmp_path / "g.dot").read_text() == graph.source


def test_refusals_name_the_problem(tmp_path):
    graph, plot = figures()
    with pytest.raises(ValueError, match=r"save: cannot write Figure as '\.dot' .* use one of "
                                         r"\.svg, \.png, \.pdf"):
        save(plot, tmp_path / "p.dot")
    with pytest.raises(ValueError, match="cannot write Digraph as 'a file without suffix'"):
        save(graph, tmp_path / "g")
    with pytest.raises(TypeError, match="save: expected a graphviz.Digraph or a matplotlib "
                                        "Figure, got str"):
        save("figure", tmp_path / "f.svg")
    assert not list(tmp_path.iterdir())


def test_graphs_display_inline_in_jupyter():
    graph, _ = figures()
    assert "<svg" in graph._repr_mimebundle_()["image/svg+xml"]


def test_plots_display_inline_in_jupyter_without_pyplot():
    _, plot = figures()
    assert plot._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_dot_program_is_one_clear_error(tmp_path, monkeypatch):
    graph, _ = figures()
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` here
    with pytest.raises(FileNotFoundError, match=r"drawing a graph as svg needs Graphviz's "
                                                r"`dot` program.*apt-get install graphviz"):
        save(graph, tmp_path / "g.svg")
    assert save(graph, tmp_path / "g.dot").read_text() == graph.source  # no dot needed


def test_path_must_be_a_path(tmp_path):
    graph, _ = figures()
    with pytest.raises(TypeError, match="save: path must be a str or Path, got int"):
        save(graph, 3)


def png_size(path):
    """(width, height) in pixels from a PNG's header."""
    head = path.read_bytes()[16:24]
    return int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")


def test_png_pixels_scale_with_dpi(tmp_path):
    import nn
    from viz import draw_network

    graph = draw_network(nn.tutorial_network(seed=0))
    w100, h100 = png_size(save(graph, tmp_path / "a.png", dpi=100))
    w300, h300 = png_size(save(graph, tmp_path / "b.png", dpi=300))
    assert w300 == pytest.approx(3 * w100, abs=3) and h300 == pytest.approx(3 * h100, abs=3)
    assert max(png_size(save(graph, tmp_path / "c.png"))) >= 1600  # the default: a projector
    assert "dpi" not in graph.graph_attr  # the figure itself is left as it was
    _, plot = figures()
    assert png_size(save(plot, tmp_path / "p.png", dpi=50)) == (
        plot.get_figwidth() * 50, plot.get_figheight() * 50)


def test_scale_enlarges_svg_and_pdf_text_and_all(tmp_path):
    import re

    graph, _ = figures()
    sizes = []
    for scale in (1, 2.5):
        svg = save(graph, tmp_path / f"g{scale}.svg", scale=scale).read_text()
        sizes.append([float(x) for x in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"',
                                                  svg).groups()])
        pdf = save(graph, tmp_path / f"g{scale}.pdf", scale=scale).read_bytes()
        sizes[-1] += [float(x) for x in re.search(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+)",
                                                  pdf).groups()]
    assert [b / a for a, b in zip(*sizes, strict=True)] == pytest.approx([2.5] * 4, rel=0.03)


def test_sizes_that_do_not_apply_are_refused(tmp_path):
    graph, plot = figures()
    with pytest.raises(ValueError, match=r"save: dpi is the pixel density of a \.png, not of "
                                         r"'\.svg'; use scale="):
        save(graph, tmp_path / "g.svg", dpi=300)
    with pytest.raises(ValueError, match=r"save: scale enlarges a Digraph's \.svg or \.pdf, "
                                         r"not a Digraph as '\.png'; use dpi="):
        save(graph, tmp_path / "g.png", scale=2)
    with pytest.raises(ValueError, match=r"not a Figure as '\.svg'; set the Figure's size"):
        save(plot, tmp_path / "p.svg", scale=2)
    for bad in (0, -3, float("nan"), "300", True):
        with pytest.raises(ValueError, match=r"save: dpi must be a positive number, got"):
            save(graph, tmp_path / "g.png", dpi=bad)
    assert not list(tmp_path.iterdir())
