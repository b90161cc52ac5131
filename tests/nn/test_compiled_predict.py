"""predict() through the model's compiled program against the scalar engine: one program
per model, following its weights and renewed when its structure changes, and the cases
left to the scalar engine (small batches, bad rows, no NumPy, a function that may branch)."""

import sys

import pytest
from nn_reference import close_lists, points, scalar_predict

from nn import MLP, Network, Perceptron, model_programs, tutorial_network
from nn.train import fit

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
def test_predict_takes_the_compiled_path_once_and_matches_the_scalar_engine(name, monkeypatch):
    model = MODELS[name]()
    X = points(50, len(model.input_names))
    calls = []
    original = model_programs.compile_function
    monkeypatch.setattr(model_programs, "compile_function",
                        lambda *a: calls.append(a) or original(*a))
    close_lists(model.predict(X), scalar_predict(model, X))
    close_lists(model.predict(X), scalar_predict(model, X))
    assert len(calls) == 1  # the model keeps its program


def test_the_program_follows_the_weights_and_is_dropped_when_the_structure_changes():
    net = Network(["a"], seed=0)
    net.add("h", ["a"], activation="tanh")
    X = points(20, width=1)
    first = model_programs.forward_program(net)
    net.bias("h").data += 1.0
    close_lists(net.predict(X), scalar_predict(net, X))
    assert model_programs.forward_program(net) is first
    net.add("o", ["a", "h"])
    assert model_programs.forward_program(net) is not first
    close_lists(net.predict(X), scalar_predict(net, X))


def test_predict_accepts_dict_rows():
    net = tutorial_network(seed=1)
    X = points(20)
    close_lists(net.predict([{"in_y": y, "in_x": x} for x, y in X]), scalar_predict(net, X))


def test_small_batches_bad_rows_and_no_numpy_use_the_scalar_path(monkeypatch):
    net = tutorial_network(seed=1)
    assert model_programs.predict(net, points(model_programs.MIN_ROWS - 1)) is None
    bad = points(30) + [[1.0, 2.0, 3.0]]
    assert model_programs.predict(net, bad) is None
    with pytest.raises(ValueError, match=r"predict: X\[30\]: .*expected 2 inputs"):
        net.predict(bad)
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert not model_programs.available()
    close_lists(net.predict(points(30)), scalar_predict(net, points(30)))


def test_a_function_named_like_a_builtin_is_not_taken_for_it():
    # A leaky relu of the user's, named relu: it branches on the value, so predict must not
    # replay one recorded pass of it (it once differed from model(x) by 0.23).
    def relu(s):
        return s if s.data > 0 else s * 0.1

    model = MLP(2, [6, 1], activation=relu, output_activation="linear", seed=3)
    X = points(64, seed=8)
    assert "relu" in model_programs.why_model_unrecordable(model)
    assert model_programs.predict(model, X) is None
    assert model.predict(X) == scalar_predict(model, X)
    y = [float(a > b) for a, b in X]
    before = [w.data for w in model.parameters()]
    with pytest.raises(ValueError, match=r"compiled=True is impossible: perceptron .* 'relu', "
                                         r"a function that may branch"):
        fit(model, X, y, lr=0.1, epochs=1, compiled=True, progress=False)
    assert [w.data for w in model.parameters()] == before
