"""backprop graph / network: --format svg|png|pdf|tex, --dpi and --labels."""

import pytest
from PIL import Image

import nn
from viz.cli import main
from viz.nettex import number


@pytest.fixture
def model_file(tmp_path):
    net = nn.tutorial_network(seed=2)
    net.save(tmp_path / "model.json")
    return net, str(tmp_path / "model.json")


def test_network_as_tex_with_labels(tmp_path, capsys, model_file):
    net, path = model_file
    out = tmp_path / "fig"
    assert main(["network", path, "--sample", "0.5,-0.5", "--target", "1", "--format", "tex",
                 "--labels", "1=h_1,6=y", "--out", str(out)]) == 0
    assert f"wrote {out / 'network.tex'}" in capsys.readouterr().out
    tex = (out / "network.tex").read_text()
    assert tex.startswith(r"\documentclass") and "$h_{1}$" in tex and "$y$" in tex
    assert all(number(w.data) in tex for w in net.parameters())


def test_network_png_pixels_follow_dpi(tmp_path, model_file):
    _, path = model_file
    sizes = []
    for dpi in ("60", "120"):
        assert main(["network", path, "--format", "png", "--dpi", dpi,
                     "--out", str(tmp_path / dpi)]) == 0
        sizes.append(Image.open(tmp_path / dpi / "network.png").size)
    assert sizes[1][0] == pytest.approx(2 * sizes[0][0], abs=2)


def test_graph_as_pdf_and_with_labels(tmp_path):
    out = tmp_path / "g"
    assert main(["graph", "sigmoid(w * x + b)", "--at", "x=1.5,w=-0.3,b=0.1", "--format",
                 "pdf", "--out", str(out)]) == 0
    assert (out / "graph.pdf").read_bytes()[:4] == b"%PDF"
    assert main(["graph", "w * x", "--at", "x=1.5,w=-0.3", "--labels", "x=input x",
                 "--out", str(out)]) == 0
    assert "input x" in (out / "graph.svg").read_text()


@pytest.mark.parametrize(("argv", "message"), [
    (["--labels", "1.1"], "argument --labels: expected name=text pairs separated by commas, "
                          "got '1.1'"),
    (["--format", "jpg"], "argument --format: invalid choice: 'jpg'"),
])
def test_bad_figure_options_are_argparse_errors(tmp_path, capsys, model_file, argv, message):
    _, path = model_file
    with pytest.raises(SystemExit) as stop:
        main(["network", path, *argv, "--out", str(tmp_path / "o")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["--dpi", "100"], "save: dpi is the pixel density of a .png, not of '.svg'"),
    (["--labels", "9=h"], "draw_network: labels names '9', which is not a node of the model"),
])
def test_options_that_do_not_fit_are_one_line(tmp_path, capsys, model_file, argv, message):
    _, path = model_file
    assert main(["network", path, *argv, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "o").exists()
