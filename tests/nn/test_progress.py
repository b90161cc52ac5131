"""Training progress: plain lines on a non-terminal or without tqdm, tqdm's bar on a terminal."""

import io
import sys
import types

import nn
from nn import datasets
from nn.progress import LINES, ProgressBar, watched


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(bar, epochs):
    for epoch in range(1, epochs + 1):
        bar.update(epoch, loss=1 / epoch, accuracy=epoch / 100)
    bar.close()


def test_a_non_terminal_gets_one_line_per_stretch_of_epochs():
    stream = io.StringIO()
    run(ProgressBar(300, stream=stream), 300)
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and len(lines) == LINES
    assert lines[0] == "epoch  30/300  loss 0.03333  acc 30.0%"
    assert lines[-1] == "epoch 300/300  loss 0.003333  acc 300.0%"


def test_a_run_that_stops_early_ends_with_its_last_epoch():
    stream = io.StringIO()
    run(ProgressBar(100, stream=stream), 37)
    assert [line[:13] for line in stream.getvalue().splitlines()] == [
        "epoch  10/100", "epoch  20/100", "epoch  30/100", "epoch  37/100"]


def test_few_epochs_give_a_line_each_without_accuracy():
    stream = io.StringIO()
    bar = ProgressBar(3, stream=stream)
    for epoch in (1, 2, 3):
        bar.update(epoch, loss=0.5)
    bar.close()
    assert stream.getvalue().splitlines() == [f"epoch {k}/3  loss 0.5000" for k in (1, 2, 3)]


def test_a_terminal_gets_tqdms_bar():
    stream = Terminal()
    run(ProgressBar(50, stream=stream), 50)
    shown = stream.getvalue()
    assert "\r" in shown and "50/50" in shown and "loss 0.02000  acc 50.0%" in shown


def test_without_tqdm_a_terminal_gets_plain_lines(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    stream = Terminal()
    run(ProgressBar(20, stream=stream), 20)
    assert "\r" not in stream.getvalue()
    assert stream.getvalue().splitlines()[-1] == "epoch 20/20  loss 0.05000  acc 20.0%"


def test_fit_writes_its_progress_to_stderr(capsys):
    X, y = datasets.linear(10, seed=1)
    nn.fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=40, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == LINES and "\r" not in err
    assert err.splitlines()[-1].startswith("epoch 40/40  loss ")


def test_fit_is_silent_by_default_where_nobody_watches(capsys):
    # a script writing to a file or a pipe got ten lines of every run before
    X, y = datasets.linear(10, seed=1)
    nn.fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5)
    assert capsys.readouterr() == ("", "")
    nn.fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5, progress=True)
    assert "epoch 5/5" in capsys.readouterr().err


def test_fit_shows_progress_by_default_on_a_terminal_and_in_a_notebook(monkeypatch):
    X, y = datasets.linear(10, seed=1)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert watched()
    nn.fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5)
    assert "5/5" in terminal.getvalue()

    cell = io.StringIO()  # a Jupyter kernel's stderr is no terminal, but it is shown
    monkeypatch.setattr(sys, "stderr", cell)
    assert not watched()
    kernel = types.SimpleNamespace(kernel=object())
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: kernel))
    assert watched()
    nn.fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5)
    assert "5/5" in cell.getvalue()
    terminal_ipython = types.SimpleNamespace(get_ipython=lambda: types.SimpleNamespace())
    monkeypatch.setitem(sys.modules, "IPython", terminal_ipython)
    assert not watched()  # IPython in a terminal without a kernel: the tty rule decides
