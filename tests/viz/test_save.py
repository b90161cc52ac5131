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
