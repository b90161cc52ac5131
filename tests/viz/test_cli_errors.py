"""The console command's errors: each is one line naming what is wrong and how to put it
right, with exit status 2 and nothing written (refused expressions, bad options and
files, a busy port, a missing ``dot``)."""

import json
import os
import socket
import subprocess
import sys

import pytest

import nn
from viz.cli import main
from viz.cliargs import assignments

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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


def test_network_errors_are_one_line(tmp_path, capsys):
    assert main(["network", str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err == (
        f"backprop network: error: {tmp_path / 'missing.json'}: no such model file\n")
    nn.Perceptron(2, seed=0).save(tmp_path / "p.json")
    assert main(["network", str(tmp_path / "p.json"), "--target", "1"]) == 2
    assert "--target needs --sample" in capsys.readouterr().err


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
