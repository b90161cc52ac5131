"""The console command at work: graph prints gradients and the backward pass and writes
its figures, demo trains and draws, network draws a saved model; python -m viz, the
table of subcommands, --version.  Errors are in test_cli_errors.py."""

import math
import re
import subprocess
import sys

import pytest
from PIL import Image

import autograd
import nn
import viz
from autograd.display import format_number
from viz.cli import COMMANDS, main


def sigma(x):
    return 1 / (1 + math.exp(-x))


def test_graph_prints_gradients_and_the_explanation_and_writes_the_figure(tmp_path, capsys):
    code = main(["graph", "sigmoid(w * x + b)", "--at", "x=1.5,w=-0.3,b=0.1",
                 "--out", str(tmp_path), "--frames"])
    out = capsys.readouterr().out
    z = sigma(-0.3 * 1.5 + 0.1)
    assert code == 0
    assert f"f = sigmoid(w * x + b) = {format_number(z)}" in out
    assert f"df/dw = {format_number(z * (1 - z) * 1.5)}" in out  # sigma'(s) x: tutorial 2.1
    assert f"df/dx = {format_number(z * (1 - z) * -0.3)}" in out
    assert "Backward pass of" in out and "(the start of the pass)" in out
    svg = (tmp_path / "graph.svg").read_text()
    assert "data 1.500" in svg and f"grad {format_number(z * (1 - z) * 1.5)}" in svg
    assert (tmp_path / "backward.gif").read_bytes()[:6] == b"GIF89a"


def test_unused_variable_has_zero_gradient(tmp_path, capsys):
    assert main(["graph", "x * x", "--at", "x=3,y=2", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "df/dx = 6.000\n" in out and "df/dy = 0\n" in out


def test_graph_knows_every_function_of_the_table(tmp_path, capsys):
    assert main(["graph", "softplus(x) + sin(x) * cos(x)", "--at", "x=0.5",
                 "--out", str(tmp_path)]) == 0
    # d/dx = sigma(x) + cos(2x)
    expected = 1 / (1 + math.exp(-0.5)) + math.cos(1.0)
    assert f"df/dx = {format_number(expected)}\n" in capsys.readouterr().out


def test_one_step_is_singular(tmp_path, capsys):
    assert main(["graph", "x", "--at", "x=2", "--out", str(tmp_path)]) == 0
    assert "Backward pass of x = 2.000: 1 step, each node" in capsys.readouterr().out


def test_values_that_start_with_a_minus_are_not_options(tmp_path, capsys):
    # argparse alone takes "-x" and "-0.5,0.25" for unknown options.
    assert main(["graph", "-x", "--at", "x=2", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "f = -x = -2.000\n" in out and "df/dx = -1.000\n" in out
    net = nn.tutorial_network(seed=2)
    net.save(tmp_path / "model.json")
    assert main(["network", str(tmp_path / "model.json"), "--sample", "-0.5,0.25",
                 "--out", str(tmp_path)]) == 0
    svg = (tmp_path / "network.svg").read_text().replace("&#45;", "-")
    assert f"z {format_number(net.trace([-0.5, 0.25]).z['6'])}" in svg


def test_python_dash_m_viz_runs_the_same_command(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "viz", "graph", "2 * x", "--at", "x=1",
                         "--out", str(tmp_path)], capture_output=True, text=True)
    assert ok.returncode == 0 and "df/dx = 2" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "viz", "graph", "lambda: 1"],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr == "backprop graph: error: lambda is not allowed (at column 1): 'lambda: 1'\n"


def test_subcommands_are_registered_in_one_table():
    assert {"demo", "graph", "network"} <= set(COMMANDS)
    assert all(command.help and callable(command.run) for command in COMMANDS.values())


def test_demo_trains_and_writes_four_figures(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "trained sequentially with eta = 0.5" in out
    assert re.search(r"after 300 epochs: E = [\d.]+, training accuracy (9[5-9]|100)%", out)
    names = {"network.svg", "loss_graph.svg", "decision_boundary.png", "loss_curve.png"}
    assert {p.name for p in tmp_path.iterdir()} == names
    network = (tmp_path / "network.svg").read_text()
    assert "in_x" in network and "δ " in network and "dE/dw " in network
    graph = (tmp_path / "loss_graph.svg").read_text()
    assert ">E<" in graph and ">grad 1.000<" in graph and ">in_x<" in graph
    with Image.open(tmp_path / "decision_boundary.png") as image:
        assert image.size == (500, 500)


def test_network_draws_a_saved_model(tmp_path, capsys):
    net = nn.tutorial_network(seed=2)
    net.save(tmp_path / "model.json")
    argv = ["network", str(tmp_path / "model.json"), "--sample", "0.5,-0.5", "--target", "1",
            "--out", str(tmp_path / "fig")]
    assert main(argv) == 0
    assert f"wrote {tmp_path / 'fig' / 'network.svg'}" in capsys.readouterr().out
    svg = (tmp_path / "fig" / "network.svg").read_text()
    trace = net.trace([0.5, -0.5], 1)
    assert f"{format_number(net.weight('in_y', '4').data)}" in svg.replace("&#45;", "-")
    assert f"δ {format_number(trace.delta['6'])}" in svg.replace("&#45;", "-")


def test_network_opens_perceptrons_and_names_an_unknown_one(tmp_path, capsys):
    net = nn.tutorial_network(seed=2)
    net.save(tmp_path / "model.json")
    argv = ["network", str(tmp_path / "model.json"), "--sample", "0.5,-0.5", "--target", "1",
            "--out", str(tmp_path / "fig")]
    assert main([*argv, "--open", "3,6"]) == 0
    svg = (tmp_path / "fig" / "network.svg").read_text().replace("&#45;", "-")
    s3 = net.trace([0.5, -0.5], 1, open=["3"]).operations["3"][-2]
    assert 'id="op-3:s"' in svg and 'id="op-6:E"' in svg
    assert f">grad {format_number(s3.grad)}<" in svg and f">{format_number(s3.value)}<" in svg
    assert main([*argv, "--open", "3,9"]) == 2
    assert "open names '9', which is not a perceptron" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"backprop {autograd.__version__}\n"
    assert autograd.__version__ == nn.__version__ == viz.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", autograd.__version__)
