"""Networks through compiled replay: predict and batch gradients equal the scalar engine's."""

import random
import sys

import pytest

from autograd import no_grad
from nn import MLP, Network, Perceptron, compiled, losses, tutorial_network
from nn.train import fit


def close_lists(a, b, tol=1e-12):
    flat_a = [v for row in a for v in (row if isinstance(row, list) else [row])]
    flat_b = [v for row in b for v in (row if isinstance(row, list) else [row])]
    assert len(flat_a) == len(flat_b)
    for u, v in zip(flat_a, flat_b, strict=True):
        assert abs(u - v) <= tol * max(1.0, abs(v))


def scalar_predict(model, X):
    with no_grad():
        outs = [model(x) for x in X]
    return [o.data if not isinstance(o, list) else [v.data for v in o] for o in outs]


def points(n, width=2, seed=0):
    rng = random.Random(seed)
    return [[rng.uniform(-2, 2) for _ in range(width)] for _ in range(n)]


MODELS = {
    "tutorial": lambda: tutorial_network(seed=3),
    "mlp, two outputs": lambda: MLP(3, [4, 3, 2], activation="tanh",
                                    output_activation="linear", seed=1),
    "relu mlp": lambda: MLP(2, [8, 1], activation="relu", output_activation="linear", seed=2),
    "perceptron": lambda: Perceptron(2, seed=4),
    "dag with skip links": lambda: Network.from_edges(
        ["a", "b"], [("a", "h"), ("b", "h"), ("h", "o"), ("a", "o"), ("b", "p"), ("h", "p")],
        activation={"h": "tanh", "o": "sigmoid", "p": "linear"}, seed=5),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_predict_takes_the_compiled_path_and_matches_the_scalar_engine(name, monkeypatch):
    model = MODELS[name]()
    X = points(50, len(model.input_names))
    calls = []
    original = compiled.program
    monkeypatch.setattr(compiled, "program", lambda m: calls.append(m) or original(m))
    got = model.predict(X)
    assert calls == [model]
    close_lists(got, scalar_predict(model, X))


def test_predict_accepts_dict_rows_and_follows_the_weights():
    net = tutorial_network(seed=1)
    X = points(20)
    by_name = [{"in_y": y, "in_x": x} for x, y in X]
    close_lists(net.predict(by_name), scalar_predict(net, X))
    net.bias("6").data += 1.0
    close_lists(net.predict(X), scalar_predict(net, X))


def test_small_batches_bad_rows_and_no_numpy_use_the_scalar_path(monkeypatch):
    net = tutorial_network(seed=1)
    assert compiled.try_predict(net, points(compiled.MIN_ROWS - 1)) is None
    bad = points(30) + [[1.0, 2.0, 3.0]]
    assert compiled.try_predict(net, bad) is None
    with pytest.raises(ValueError, match=r"predict: X\[30\]: .*expected 2 inputs"):
        net.predict(bad)
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert not compiled.available()
    close_lists(net.predict(points(30)), scalar_predict(net, points(30)))


@pytest.mark.parametrize("loss", ["squared_error", "mse", "hinge",
                                  "binary_cross_entropy_with_logits"])
def test_loss_backward_equals_the_engines_backward(loss):
    model = MLP(2, [5, 1], activation="tanh", output_activation="linear", seed=7)
    X = points(40, seed=3)
    rng = random.Random(9)
    y = [rng.choice([0, 1]) for _ in X]
    loss_fn = losses.get(loss)
    E = loss_fn([model(x) for x in X], y)
    model.zero_grad()
    E.backward()
    expected = [w.grad for w in model.parameters()]
    model.zero_grad()
    value = compiled.loss_backward(compiled.program(model), loss_fn, X, y)
    assert abs(value - E.data) <= 1e-12 * max(1.0, abs(E.data))
    close_lists([w.grad for w in model.parameters()], expected)


def test_loss_backward_with_several_outputs_and_dict_rows():
    model = MLP(2, [3, 2], seed=8, input_names=["u", "v"])
    X = points(17, seed=4)
    y = [[0.0, 1.0] if a > b else [1.0, 0.0] for a, b in X]
    E = losses.squared_error([model(x) for x in X], y)
    model.zero_grad()
    E.backward()
    expected = [w.grad for w in model.parameters()]
    model.zero_grad()
    compiled.loss_backward(compiled.program(model), losses.squared_error,
                           [{"v": b, "u": a} for a, b in X], y)
    close_lists([w.grad for w in model.parameters()], expected)


def test_for_fit_chooses_and_explains(monkeypatch):
    net = tutorial_network(seed=0)
    params, sq, bce = net.parameters(), losses.squared_error, losses.binary_cross_entropy
    y01, many = [0, 1] * 50, list(range(20))

    def choose(loss, mode, rows, requested, y=y01):
        return compiled.for_fit(net, loss, mode, rows, requested, params, 0.0, y)

    assert isinstance(choose(sq, "batch", 100, None), compiled.BatchSteps)
    assert choose(sq, "batch", 4, None) is None  # too few rows a step
    assert choose(bce, "batch", 100, None) is None  # reads below the output
    assert choose(sq, "batch", 100, False) is None
    assert isinstance(choose(bce, "batch", 4, True), compiled.BatchSteps)
    steps = choose(sq, "sequential", 1, None)
    assert isinstance(steps, compiled.SequentialSteps) and set(steps.programs) == {0.0, 1.0}
    assert choose(bce, "sequential", 1, None) is None  # its graph depends on the sign of s
    assert choose(sq, "sequential", 1, None, y=many) is None  # one program per target
    with pytest.raises(ValueError, match="one program per distinct target; 20 is more than 8"):
        choose(sq, "sequential", 1, True, y=many)
    with pytest.raises(TypeError, match="compiled must be True, False or None .* got 'yes'"):
        choose(sq, "batch", 100, "yes")
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert choose(sq, "batch", 100, None) is None
    with pytest.raises(ImportError, match="compiled=True needs NumPy: install the `fast` extra"):
        choose(sq, "batch", 100, True)


def test_outputs_are_ungraphed_values_either_way():
    net = MLP(2, [3, 2], seed=1)
    for X in (points(40), points(3)):
        got = compiled.evaluate(net, X)
        assert all(len(row) == 2 and all(v.is_leaf for v in row) for row in got)
        close_lists([[v.data for v in row] for row in got], scalar_predict(net, X))


def test_predict_inside_no_grad_still_compiles_the_whole_graph():
    net = tutorial_network(seed=2)
    X = points(30)
    with no_grad():
        got = net.predict(X)
    close_lists(got, scalar_predict(net, X))
    assert len(set(got)) == len(X)  # not one constant output


@pytest.mark.parametrize("loss, labels", [("squared_error", (0, 1)), ("hinge", (-1, 1))])
def test_fit_compiled_follows_the_scalar_run(loss, labels):
    X = points(40, seed=6)
    y = [labels[a * b > 0] for a, b in X]
    runs = []
    for flag in (False, True):
        model = MLP(2, [4, 1], activation="tanh", output_activation="linear", seed=3)
        history = fit(model, X, y, loss=loss, lr=0.05, epochs=5, mode="batch", l2=1e-3,
                      progress=False, compiled=flag)
        runs.append((history.loss, [w.data for w in model.parameters()]))
    close_lists(runs[1][0], runs[0][0], tol=1e-10)
    close_lists(runs[1][1], runs[0][1], tol=1e-10)


def test_fit_steps_go_through_the_programs(monkeypatch):
    calls = []
    for kind in (compiled.BatchSteps, compiled.SequentialSteps):
        original = kind.backward
        monkeypatch.setattr(kind, "backward", lambda self, X, y, f=original:
                            calls.append((type(self).__name__, len(X))) or f(self, X, y))
    X = points(40, seed=6)
    y = [int(a > b) for a, b in X]
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=3, mode="batch", batch_size=20,
        progress=False)
    assert calls == [("BatchSteps", 20)] * 6
    calls.clear()
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=1, mode="sequential", progress=False)
    assert calls == [("SequentialSteps", 1)] * 40
    calls.clear()
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=1, mode="sequential", progress=False,
        compiled=False)
    assert calls == []


@pytest.mark.parametrize("loss", ["squared_error", "mse", "hinge"])
def test_sequential_compiled_fit_equals_the_scalar_run_bit_for_bit(loss):
    X = points(30, seed=2)
    y = [int(a * b > 0) for a, b in X]
    runs = []
    for flag in (False, True):
        net = tutorial_network(seed=4)
        history = fit(net, X, y, loss=loss, lr=0.5, epochs=3, mode="sequential", l2=1e-3,
                      seed=1, progress=False, compiled=flag)
        runs.append((history.loss, [w.data for w in net.parameters()]))
    assert runs[1][1] == runs[0][1]  # the float replay runs the scalar engine's rules
    close_lists(runs[1][0], runs[0][0])


def test_sequential_steps_with_several_outputs_and_dict_rows():
    model = MLP(2, [3, 2], seed=8, input_names=["u", "v"])
    X = [{"u": a, "v": b} for a, b in points(10, seed=5)]
    y = [[1.0, 0.0] if row["u"] > row["v"] else [0.0, 1.0] for row in X]
    steps = compiled.for_fit(model, losses.squared_error, "sequential", 1, True,
                             model.parameters(), 0.0, y)
    assert set(steps.programs) == {(1.0, 0.0), (0.0, 1.0)}
    E = losses.squared_error([model(X[3])], [y[3]])
    model.zero_grad()
    E.backward()
    expected = [w.grad for w in model.parameters()]
    model.zero_grad()
    steps.backward([X[3]], [y[3]])
    assert [w.grad for w in model.parameters()] == expected


def test_models_with_callable_activations_stay_on_the_scalar_path():
    def leaky(s):  # branches on the value: one recorded pass cannot stand for all inputs
        return s if s.data > 0 else s * 0.1

    model = MLP(2, [3, 1], activation=leaky, output_activation="linear", seed=0)
    X = points(40)
    assert not compiled.replayable(model) and compiled.replayable(tutorial_network(seed=0))
    assert compiled.try_predict(model, X) is None
    close_lists(model.predict(X), scalar_predict(model, X))
    assert compiled.for_fit(model, losses.squared_error, "batch", 40, None,
                            model.parameters(), 0.0, [0] * 40) is None


def test_compiled_true_refuses_a_callable_activation():
    # A leaky activation that branches on s: one recorded pass cannot stand for every x.
    net = MLP(2, [3, 1], activation=lambda s: s if s.data > 0 else s * 0.1, seed=0)
    X = points(20)
    y = [float(x[0] > 0) for x in X]
    before = [p.data for p in net.parameters()]
    with pytest.raises(ValueError, match="compiled=True needs named activations .* a callable "
                                         "activation may branch"):
        fit(net, X, y, lr=0.5, epochs=1, mode="batch", compiled=True)
    assert [p.data for p in net.parameters()] == before
