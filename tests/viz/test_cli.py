"""The console command: graph, errors as one line with a non-zero exit, python -m viz."""

import json
import math
import os
import re
import socket
import subprocess
import sys

import pytest
from PIL import Image

import autograd
import nn
import viz
from autograd.display import format_number
from viz.cli import COMMANDS, main
from viz.cliargs import assignments

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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


@pytest.mark.parametrize(("argv", "message"), [
    (["graph", "__import__('os').system('true')"], "attribute access '.system' is not allowed"),
    (["graph", "open('/etc/passwd')"], "call of 'open' is not allowed"),
    (["graph", "x.real", "--at", "x=1"], "attribute access '.real' is not allowed"),
    (["graph", "log(x)", "--at", "x=-1"], "cannot evaluate 'log(x)': log: expects x > 0"),
    (["graph", "sqrt(x)", "--at", "x=0"],
     "cannot differentiate 'sqrt(x)' at x=0: backward: the derivative of sqrt at (0.0) does not "
     "exist"),
    (["graph", "x**0.5", "--at", "x=0,y=1"],
     "cannot differentiate 'x**0.5' at x=0, y=1: backward: the derivative of ** at (0.0, 0.5) "
     "does not exist"),
    (["graph", "x ^ 2", "--at", "x=1"], "for a power write x ** 2"),
    (["graph", "exp(1000)"], "'exp(1000)' at no variables is inf, not a finite number"),
    (["graph", "exp(x*1000)*0", "--at", "x=1.5"],
     "'exp(x*1000)*0' at x=1.5 is nan, not a finite number (exp(1500) is inf)"),
    (["graph", "tanh(exp(x*1000))", "--at", "x=1.5"],
     "the derivative df/dx of 'tanh(exp(x*1000))' at x=1.5 is nan, not a finite number "
     "(exp(1500) is inf)"),
    (["graph", "1if x else 2", "--at", "x=1"],
     "not a single arithmetic expression: a number runs into a name (write 2 * x, not 2x)"),
    (["graph", "sigmod(x)", "--at", "x=1"], "did you mean 'sigmoid'? The functions are exp"),
    (["graph", "w * x", "--at", "x=1"],
     "variable 'w' has no value (given: x) (at column 1); give it one with --at w=1.5"),
    (["graph", "x * y", "--at", "x=1,yy=2"], "did you mean 'yy'? Give it one with --at y=1.5."),
])
def test_refused_expressions_give_one_line_and_exit_2(tmp_path, capsys, argv, message):
    assert main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("backprop graph: error: ") and message in err
    assert not list(tmp_path.iterdir())


def test_bad_at_option_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["graph", "x", "--at", "x=1,y"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "backprop graph: error: argument --at: expected name=number pairs separated by commas, "
        "got 'y' in 'x=1,y' (see backprop graph --help)\n")
    assert assignments(" a = 1 , b=-2e-1 ") == {"a": 1.0, "b": -0.2}


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


def test_graph_knows_every_function_of_the_table(tmp_path, capsys):
    assert main(["graph", "softplus(x) + sin(x) * cos(x)", "--at", "x=0.5",
                 "--out", str(tmp_path)]) == 0
    # d/dx = sigma(x) + cos(2x)
    expected = 1 / (1 + math.exp(-0.5)) + math.cos(1.0)
    assert f"df/dx = {format_number(expected)}\n" in capsys.readouterr().out


def test_a_syntax_warning_does_not_leak(tmp_path):
    run = subprocess.run([sys.executable, "-W", "default", "-m", "viz", "graph", "1if x else 2",
                          "--at", "x=1", "--out", str(tmp_path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": ROOT})
    assert run.returncode == 2 and "Warning" not in run.stderr
    assert run.stderr.count("\n") == 1


BAD_FILES = {
    "400-digit integer": lambda p: p.write_text(json.dumps({
        "format": "autograd-dag model", "version": 1, "class": "Perceptron",
        "config": {"n_inputs": 1}, "parameters": {}}).replace('{}', '{"w[0->1]": ' + "9" * 400
                                                              + "}")),
    "nested 10^5 deep": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "duplicate key": lambda p: p.write_text('{"format": 1, "format": 2}'),
    "empty network": lambda p: p.write_text(json.dumps({
        "format": "autograd-dag model", "version": 1, "class": "Network",
        "config": {"inputs": ["x"], "nodes": []}, "parameters": {}})),
}
MESSAGES = {
    "400-digit integer": "holds a 400-digit integer, beyond the largest float",
    "nested 10^5 deep": "is nested too deeply: deeper than 64 levels",
    "duplicate key": "holds the key 'format' twice in one object",
    "empty network": "a Network needs at least one perceptron",
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_network_answers_every_bad_file_in_one_line_with_exit_2(tmp_path, capsys, case):
    path = tmp_path / "bad.json"
    BAD_FILES[case](path)
    assert main(["network", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"backprop network: error: {path}: ") and err.count("\n") == 1
    assert MESSAGES[case] in err


def test_network_of_dev_zero_and_of_a_folder_in_words(tmp_path, capsys):
    assert main(["network", "/dev/zero"]) == 2
    assert capsys.readouterr().err == ("backprop network: error: /dev/zero: is larger than "
                                       "16,777,216 bytes (16 MiB), the most any reader takes\n")
    assert main(["network", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"backprop network: error: {tmp_path}: is a folder, not a model file\n")


def test_a_busy_port_is_said_in_words(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["playground", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err == (f"backprop playground: error: port {port} on 127.0.0.1 is already in use "
                   "(another playground?); choose another with --port, or --port 0 for any free "
                   "one\n")


def test_network_errors_are_one_line(tmp_path, capsys):
    assert main(["network", str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err == (
        f"backprop network: error: {tmp_path / 'missing.json'}: no such model file\n")
    nn.Perceptron(2, seed=0).save(tmp_path / "p.json")
    assert main(["network", str(tmp_path / "p.json"), "--target", "1"]) == 2
    assert "--target needs --sample" in capsys.readouterr().err


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


@pytest.mark.parametrize(("argv", "message"), [
    (["network", "m.json", "--sample", "nan,1"],
     "argument --sample: expected finite numbers separated by commas, got 'nan,1'"),
    (["graph", "x", "--at", "x=1,x=2"], "argument --at: variable 'x' is given twice"),
])
def test_bad_option_values_are_argparse_errors(capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(("argv", "error"), [
    ([], "backprop: error: the following arguments are required: COMMAND (see backprop --help)"),
    (["grpah", "x"], "backprop: error: argument COMMAND: invalid choice: 'grpah' (choose from "
                     "'demo', 'graph', 'network', 'playground') (see backprop --help)"),
    (["graph", "x", "--bad"],
     "backprop: error: unrecognized arguments: --bad (see backprop --help)"),
    (["graph"], "backprop graph: error: the following arguments are required: expression "
                "(see backprop graph --help)"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, argv, error):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and capsys.readouterr() == ("", error + "\n")


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"backprop {autograd.__version__}\n"
    assert autograd.__version__ == nn.__version__ == viz.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", autograd.__version__)


def test_one_step_is_singular(tmp_path, capsys):
    assert main(["graph", "x", "--at", "x=2", "--out", str(tmp_path)]) == 0
    assert "Backward pass of x = 2.000: 1 step, each node" in capsys.readouterr().out


def test_demo_refuses_bad_epochs_before_printing(tmp_path, capsys):
    assert main(["demo", "--epochs", "0", "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not list(tmp_path.iterdir())
    assert captured.err == "backprop demo: error: demo: epochs must be a positive int, got 0\n"


def test_missing_dot_program_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["graph", "x * x", "--at", "x=1", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs Graphviz's `dot` program" in err
