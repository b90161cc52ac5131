"""Models copy and pickle: nn.MLP, Network, Perceptron, with their compiled programs."""

import copy
import pickle

import pytest

import nn
from autograd import no_grad
from nn.activations import Sigmoid

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [0, 1, 1, 0]


def pickled(x):
    return pickle.loads(pickle.dumps(x))


def models():
    return [nn.MLP(2, [3, 1], seed=0), nn.Perceptron(2, activation="tanh", seed=1),
            nn.Network.from_edges(["x1", "x2"], [("x1", "h"), ("x2", "h"), ("h", "o"),
                                                 ("x1", "o")], seed=2),
            nn.tutorial_network()]


@pytest.mark.parametrize("clone", [copy.deepcopy, pickled], ids=["deepcopy", "pickle"])
@pytest.mark.parametrize("index", range(4))
def test_a_model_copies_with_its_weights_and_trains_on_its_own(clone, index):
    # the audit: copy.deepcopy(nn.MLP(2, [3, 1], seed=0)) raised TypeError in Activation.__new__
    model = models()[index]
    x = [0.3, -0.2] if len(model.input_names) == 2 else [0.3] * len(model.input_names)
    before = model.predict([x])
    twin = clone(model)
    assert type(twin) is type(model) and repr(twin) == repr(model)
    assert twin.state_dict() == model.state_dict()
    assert twin.predict([x]) == before and twin(x).data == model(x).data
    assert not set(map(id, twin.parameters())) & set(map(id, model.parameters()))
    if len(model.input_names) == 2:
        nn.fit(twin, X, Y, lr=0.5, epochs=3, progress=False)
        assert model.predict([x]) == before  # training the copy leaves the original alone
        assert twin.predict([x]) != before


def test_a_compiled_models_copy_predicts_through_its_own_program():
    model = nn.MLP(2, [3, 1], seed=0)
    nn.fit(model, X * 5, Y * 5, lr=0.5, epochs=2, compiled=True, progress=False)
    model.predict(X)  # fills the model's cache of programs
    for twin in (copy.deepcopy(model), pickled(model)):
        assert twin.predict(X) == model.predict(X)
        for w in twin.parameters():
            w.data = 0.0
        assert twin.predict(X) == [0.5] * 4  # sigma(0): the copy's program reads its weights
        assert model.predict(X) != [0.5] * 4


def test_a_named_activation_pickles_by_name_and_a_lambda_one_copies_but_says_why_not():
    p = nn.Perceptron(1, activation=lambda s: s * 2.0)
    assert copy.deepcopy(p)([1.5]).data == p([1.5]).data
    with pytest.raises((pickle.PicklingError, AttributeError), match="lambda"):
        pickle.dumps(p)
    unit = pickled(nn.MLP(1, [1], seed=0)).units()[0]
    assert unit.activation == "sigmoid" and unit.activation.named


def test_a_sigmoid_output_made_under_no_grad_copies_with_its_logit():
    with no_grad():
        out = nn.Perceptron(1, seed=0)([40.0])
    for clone in (copy.copy, copy.deepcopy, pickled):
        twin = clone(out)
        assert isinstance(twin, Sigmoid) and twin.logit == out.logit and twin.data == out.data
