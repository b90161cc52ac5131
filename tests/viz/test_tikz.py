"""to_tikz: LaTeX that pdflatex compiles, with every number of the figure and its layout.

The pictures are compiled with pdflatex (Debian's texlive-latex-base and texlive-pictures,
which ``make test`` installs) and the page turned into pixels with pdftoppm, so what is
checked is what a reader of the PDF sees.
"""

import re
import shutil
import subprocess

import pytest

import nn
from autograd import Value
from viz import draw_network, save, to_tikz
from viz.nettex import number

needs_latex = pytest.mark.skipif(shutil.which("pdflatex") is None or shutil.which("pdftoppm")
                                 is None, reason="pdflatex and pdftoppm are not installed "
                                                 "(Debian: texlive-latex-base, poppler-utils)")


def compile_tex(source, folder, name="figure"):
    """The PDF pdflatex makes of ``source``, and its page as (width, height, pixels) by
    pdftoppm at 20 dpi; the log is shown if pdflatex fails."""
    (folder / f"{name}.tex").write_text(source)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                          f"{name}.tex"], cwd=folder, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "Overfull" not in run.stdout and "Missing character" not in (
        folder / f"{name}.log").read_text()
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-singlefile", f"{name}.pdf", name],
                   cwd=folder, check=True, timeout=60)
    return (folder / f"{name}.pgm").read_bytes()


def page_size(pgm):
    """(width, height) of a binary PGM image."""
    _, width, height = pgm.split(maxsplit=3)[:3]
    return int(width), int(height)


def weights_in(source, model):
    """The weights of ``model`` whose value is not written in ``source``."""
    return [w.label for w in model.parameters() if number(w.data) not in source]


@pytest.fixture
def tutorial():
    return nn.tutorial_network(seed=0)


@needs_latex
def test_the_2_5_1_with_a_sample_compiles_with_every_number(tutorial, tmp_path):
    source = to_tikz(tutorial, [0.3, -0.7], 1.0)
    assert source.startswith(r"\documentclass") and r"\usepackage{tikz}" in source
    assert not weights_in(source, tutorial)
    trace = tutorial.trace([0.3, -0.7], 1.0)
    for name in trace.s:  # s_j, z_j and delta_j of every perceptron, as mathematics
        assert f"$s = {number(trace.s[name])}$" in source
        assert f"$z = {number(trace.z[name])}$" in source
        assert rf"$\delta = {number(trace.delta[name])}$" in source
    for (tail, head), grad in trace.weight_grads.items():
        assert rf"$\partial E/\partial w = {number(grad)}$" in source, (tail, head)
    assert r"$a_0 = 1$" in source and r"w_{i\to j}" in source  # the key, in the notation
    pixels = compile_tex(source, tmp_path)
    # The page is the picture: as wide as the SVG of draw_network, to the point.
    svg = save(draw_network(tutorial, [0.3, -0.7], 1.0), tmp_path / "n.svg").read_text()
    width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))
    assert page_size(pixels)[0] == pytest.approx(width * 20 / 72, abs=2)


@needs_latex
def test_a_2_4_4_1_in_your_own_words_compiles(tmp_path):
    mlp = nn.MLP(2, [4, 4, 1], seed=0)
    names = {"1.1": "h_1", "3.1": "y_{out}"}
    source = to_tikz(mlp, labels=names, layer_names=["in", "h", "h", "out"],
                     title="Weights of w_{i->j}")
    assert not weights_in(source, mlp)
    assert "$h_{1}$" in source and r"$y_{\mathrm{out}}$" in source
    assert r"Weights of w\textsubscript{i$\to$j}" in source
    compile_tex(source, tmp_path)


@needs_latex
def test_skip_links_table_is_mathematics_too(tmp_path):
    dag = nn.Network.from_edges(["x", "y"], [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b"),
                                             ("b", "c"), ("x", "c"), ("y", "c")], seed=1)
    source = to_tikz(dag, [0.5, -0.2], 1.0)
    assert not weights_in(source, dag)
    grad = dag.trace([0.5, -0.2], 1.0).weight_grads[("x", "c")]
    row = rf"$\quad $\partial E/\partial w = {number(grad)}$"
    assert re.search(r"\\node\[anchor=west, [^\n]*" + re.escape(row), source)
    compile_tex(source, tmp_path)


@needs_latex
def test_a_computation_graph_compiles(tmp_path):
    x, w, b = Value(1.5, "x"), Value(-0.3, "w"), Value(0.1, "b")
    f = (w * x + b).sigmoid()
    f.label = "f"
    f.backward()
    source = to_tikz(f, parameters=[w, b])
    for text in ("data -0.3000", "grad 0.3637", r"w~*~x", r"$\cdot$~+~b", "sigmoid",
                 "parameter"):
        assert text in source, text
    compile_tex(source, tmp_path)


def test_the_layout_is_graphviz_own(tutorial):
    # Every node of draw_network sits at its pinned place (inches -> points, one shift for
    # all) in the TikZ: its LaTeX text is centred there.
    graph = draw_network(tutorial)
    pinned = [(float(x), float(y)) for x, y in re.findall(
        r'^\t[uib]\d \[.*?pos="([-\d.]+),([-\d.]+)!"', graph.source, re.M)]
    centres = [(float(x), float(y)) for x, y in re.findall(
        r"\\node\[anchor=center, inner sep=0pt, font=[^\]]*\] at \(([-\d.]+),([-\d.]+)\)",
        to_tikz(graph))]
    assert len(pinned) == 2 + 2 + 6 and len(centres) > len(pinned)  # labels, key follow
    dx, dy = centres[0][0] - 72 * pinned[0][0], centres[0][1] - 72 * pinned[0][1]
    for (x, y), (px, py) in zip(pinned, centres[:len(pinned)], strict=True):
        assert (px, py) == pytest.approx((72 * x + dx, 72 * y + dy), abs=0.05)


def test_bare_picture_and_save_as_tex(tutorial, tmp_path):
    bare = to_tikz(tutorial, standalone=False)
    assert bare.startswith(r"\begin{tikzpicture}") and r"\documentclass" not in bare
    assert bare.rstrip().endswith(r"\end{tikzpicture}%")
    path = save(draw_network(tutorial), tmp_path / "net.tex")
    assert path.read_text() == to_tikz(tutorial)


def test_refusals_name_the_problem(tutorial):
    with pytest.raises(TypeError, match="to_tikz: expected an nn model, an autograd Value or "
                                        "a graphviz Digraph, got list"):
        to_tikz([1, 2])
    with pytest.raises(ValueError, match="to_tikz: a computation graph takes no sample"):
        to_tikz(Value(1.0), [1.0])
    with pytest.raises(TypeError, match="to_tikz: standalone must be a bool, got str"):
        to_tikz(tutorial, standalone="no")
    with pytest.raises(ValueError, match=r"to_tikz: cannot set 'é' \(in 'café'\) in LaTeX"):
        to_tikz(tutorial, labels={"1": "café"})
    with pytest.raises(ValueError, match="draw_network: bias must be 'node' or 'inside'"):
        to_tikz(tutorial, bias="edge")
