"""What fit() takes and what it refuses: every bad argument's message, with no weight
moved, and the kinds of table it reads (lists, tuples, NumPy arrays)."""

import pytest

import nn
from nn import datasets
from nn.optim import SGD
from nn.train import fit


def test_bad_example_stops_before_any_weight_moves():
    X, y = datasets.linear(10, seed=1)
    p = nn.Perceptron(2, seed=1)
    before = [w.data for w in p.parameters()]
    with pytest.raises(ValueError, match=r"fit: X\[10\]: Perceptron: expected 2 inputs"):
        fit(p, [*X, [0.1, 0.2, 0.3]], [*y, 1], lr=0.1, mode="sequential", progress=False)
    assert [w.data for w in p.parameters()] == before


P = nn.Perceptron(2, seed=0)
XS, YS = [[0.1, 0.2], [0.3, 0.4]], [0, 1]


@pytest.mark.parametrize("kwargs, error, message", [
    ({}, TypeError, "fit: give exactly one of optimizer= .* or lr="),
    ({"lr": 0.1, "optimizer": SGD(P.parameters(), 0.1)}, TypeError, "give exactly one"),
    ({"optimizer": "adam"}, TypeError, "fit: optimizer must be an nn.optim.Optimizer, got str"),
    ({"lr": -1.0}, ValueError, "SGD: lr must be a finite number > 0"),
    ({"lr": 0.1, "epochs": 0}, ValueError, "fit: epochs must be >= 1, got 0"),
    ({"lr": 0.1, "epochs": 2.5}, TypeError, "fit: epochs must be an int, got float"),
    ({"lr": 0.1, "mode": "online"}, ValueError,
     "fit: mode must be 'batch' or 'sequential', got 'online'"),
    ({"lr": 0.1, "batch_size": 0}, ValueError, "fit: batch_size must be >= 1, got 0"),
    ({"lr": 0.1, "mode": "sequential", "batch_size": 4}, ValueError,
     "mode='sequential' steps on one example at a time; batch_size=4 contradicts it"),
    ({"lr": 0.1, "shuffle": 1}, TypeError, "fit: shuffle must be True or False, got 1"),
    ({"lr": 0.1, "progress": "yes"}, TypeError, "fit: progress must be True or False"),
    ({"lr": 0.1, "seed": 1.5}, TypeError, "fit: seed must be an int, got float"),
    ({"lr": 0.1, "tol": -1e-3}, ValueError, "fit: tol must be a finite number >= 0"),
    ({"lr": 0.1, "l2": "x"}, TypeError, "fit: l2 must be a number, got str"),
    ({"lr": 0.1, "loss": "l1"}, ValueError, "unknown loss 'l1'; known losses:"),
    ({"lr": 0.1, "callback": 3}, TypeError, "fit: callback must be callable, got int"),
    ({"lr": 0.1, "loss": "binary_cross_entropy", "y": [0, 2]}, ValueError,
     "binary_cross_entropy: target 1 is 2.0, expected a value in"),
    ({"lr": 0.1, "X": XS[:1]}, ValueError, "fit: X has 1 examples but y has 2 targets"),
    ({"lr": 0.1, "X": [], "y": []}, ValueError, "fit: X is empty"),
    ({"lr": 0.1, "X": "ab"}, TypeError, "fit: X must be a list, got str"),
    ({"lr": 0.1, "X": [0.1, 0.2]}, TypeError, "fit: X\\[0\\] must be a list of inputs"),
    ({"lr": 0.1, "model": "net"}, TypeError, "fit: model must be callable, got str"),
    ({"lr": 0.1, "model": lambda x: x[0]}, TypeError, "fit: model has no parameters\\(\\)"),
])
def test_bad_arguments(kwargs, error, message):
    args = {"model": P, "X": XS, "y": YS, "progress": False, **kwargs}
    before = [w.data for w in P.parameters()]
    with pytest.raises(error, match=message):
        fit(args.pop("model"), args.pop("X"), args.pop("y"), **args)
    assert [w.data for w in P.parameters()] == before


def test_fit_takes_numpy_arrays_and_any_sequence_of_rows():
    import numpy as np

    X, y = datasets.xor(30, seed=4)
    runs = []
    for data, labels in ((X, y), (np.array(X), np.array(y)),
                         (tuple(tuple(row) for row in X), tuple(y))):
        net = nn.tutorial_network(seed=2)
        history = fit(net, data, labels, lr=0.5, epochs=3, seed=1, progress=False)
        runs.append((history.loss, [w.data for w in net.parameters()]))
    assert runs[1] == runs[0] and runs[2] == runs[0]
    with pytest.raises(ValueError, match="fit: X has 30 examples but y has 29 targets"):
        fit(nn.tutorial_network(seed=2), np.array(X), np.array(y[:-1]), lr=0.5, progress=False)
