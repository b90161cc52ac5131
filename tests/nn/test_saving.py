"""Saving a model (nn.saving through Module): state dicts, save and load, load_weights, and
every way a model file can be wrong."""

import json

import pytest

import nn
from nn.saving import FORMAT, VERSION

MODELS = {
    "perceptron": lambda: nn.Perceptron(3, activation="tanh", seed=1, input_names=["a", "b", "c"]),
    "layer": lambda: nn.Layer(2, 3, activation="relu", seed=2, index=4),
    "mlp": lambda: nn.MLP(2, [4, 3, 2], activation="tanh", output_activation="linear", seed=3),
    "network": lambda: nn.Network.from_edges(
        ["x", "y"], [("x", "a"), ("y", "b"), ("a", "b"), ("x", "c"), ("b", "c"), ("a", "d")],
        activation={"c": "linear", "a": "relu"}, seed=4),
    "tutorial": lambda: nn.tutorial_network(seed=5),
}


def outputs(model, x):
    out = model(x)
    return [v.data for v in out] if isinstance(out, list) else [out.data]


@pytest.mark.parametrize("kind", MODELS)
def test_save_and_load_round_trip(kind, tmp_path):
    model = MODELS[kind]()
    path = tmp_path / "model.json"
    model.save(path)
    loaded = nn.load(path)
    assert type(loaded) is type(model)
    assert loaded.state_dict() == model.state_dict()  # exact: JSON keeps every float's digits
    assert [(u.name, u.activation, u.layer, [s for s, _ in u.weights]) for u in loaded.units()] \
        == [(u.name, u.activation, u.layer, [s for s, _ in u.weights]) for u in model.units()]
    assert loaded.input_names == model.input_names
    assert loaded.output_names == model.output_names
    x = [0.3, -0.4, 0.9][:len(model.input_names)]
    assert outputs(loaded, x) == outputs(model, x)
    document = json.loads(path.read_text())
    assert (document["format"], document["version"]) == (FORMAT, VERSION)


def test_state_dict_round_trip_and_load_weights(tmp_path):
    a, b = nn.MLP(2, [3, 1], seed=0), nn.MLP(2, [3, 1], seed=1)
    assert a.state_dict() != b.state_dict()
    b.load_state_dict(a.state_dict())
    assert b.state_dict() == a.state_dict()
    c = nn.MLP(2, [3, 1], seed=2)
    a.save(tmp_path / "a.json")
    c.load_weights(tmp_path / "a.json")
    assert c.state_dict() == a.state_dict()


def test_save_overwrites_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "m.json"
    nn.Perceptron(2, seed=0).save(path)
    nn.Perceptron(2, seed=1).save(path)
    assert nn.load(path).state_dict() == nn.Perceptron(2, seed=1).state_dict()
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


@pytest.mark.parametrize("state, error, message", [
    ({}, ValueError,
     r"parameter names do not match: missing w\[0->1\], w\[x1->1\], w\[x2->1\], unexpected none"),
    ({"w[0->1]": 0.0, "w[x1->1]": 0.0, "w[x2->1]": 0.0, "w[x3->1]": 1.0}, ValueError,
     r"parameter names do not match: missing none, unexpected w\[x3->1\]"),
    ({"w[0->1]": "1", "w[x1->1]": 0.0, "w[x2->1]": 0.0}, TypeError,
     r"parameter w\[0->1\] must be a number, got '1'"),
    ({"w[0->1]": 0.0, "w[x1->1]": float("nan"), "w[x2->1]": 0.0}, ValueError,
     r"parameter w\[x1->1\] must be finite, got nan"),
    ([1.0, 2.0, 3.0], TypeError, "parameters must be a dict by name, got list"),
])
def test_load_state_dict_refuses_and_changes_nothing(state, error, message):
    p = nn.Perceptron(2, seed=0)
    before = p.state_dict()
    with pytest.raises(error, match="Perceptron.load_state_dict: " + message):
        p.load_state_dict(state)
    assert p.state_dict() == before


def test_what_cannot_be_saved_is_refused_before_writing(tmp_path):
    path = tmp_path / "m.json"
    with pytest.raises(ValueError, match="activation 'cube' is a function; a model file can"):
        nn.Perceptron(1, activation=lambda_cube()).save(path)
    p = nn.Perceptron(1, seed=0)
    p.w[1].data = float("inf")
    with pytest.raises(ValueError, match=r"save: parameter w\[x1->1\] is inf"):
        p.save(path)
    assert not path.exists()


def lambda_cube():
    def cube(s):
        return s * s * s
    return cube


# -- corrupt, truncated and mismatched files ------------------------------------------------------


def good_document():
    model = nn.MLP(2, [2, 1], seed=0)
    return {"format": FORMAT, "version": VERSION, "class": "MLP", "config": model._config(),
            "parameters": model.state_dict()}


def edited(**changes):
    document = good_document()
    for key, value in changes.items():
        if value is None:
            del document[key]
        else:
            document[key] = value
    return json.dumps(document)


def without_parameter(name):
    document = good_document()
    del document["parameters"][name]
    return json.dumps(document)


CORRUPT = {
    "empty": ("", "is empty; expected a model saved with model.save"),
    "truncated": (json.dumps(good_document())[:80],
                  r"is not valid JSON \(truncated or corrupt\?\): .* at line 1, column"),
    "binary": (b"\x89PNG\r\n\x1a\n\xff\xfe", "is not UTF-8 text, so not a saved model"),
    "array": ("[1, 2]", "holds a JSON list, expected an object written by model.save"),
    "foreign json": ('{"hello": 1}', "is not a saved model"),
    "no version": (edited(version=None), "has no integer 'version' field"),
    "future version": (edited(version=VERSION + 1), f"has format version {VERSION + 1}; this"),
    "no parameters": (edited(parameters=None), "is missing the field 'parameters'"),
    "config not object": (edited(config=[1]), "field 'config' must be a JSON object, got list"),
    "unknown class": (edited(**{"class": "Transformer"}),
                      "unknown model class 'Transformer'; known: .*MLP, Network, Perceptron"),
    "bad config": (edited(config={"n_inputs": 2, "sizes": [2, 1], "depth": 3}),
                   r"is not a consistent MLP: unknown MLP setting\(s\) \['depth'\]"),
    "bad activation": (edited(config={"n_inputs": 2, "sizes": [2, 1], "activation": "step"}),
                       "is not a consistent MLP: MLP: unknown activation 'step'"),
    "missing weight": (without_parameter("w[x1->1.1]"),
                       r"is not a consistent MLP: .*missing w\[x1->1.1\]"),
    "nan weight": (edited(parameters={**good_document()["parameters"], "w[0->2.1]": "NaN"}),
                   r"parameter w\[0->2.1\] must be a number, got 'NaN'"),
    "bare NaN": (json.dumps(good_document()).replace("{", '{"x": NaN, ', 1),
                 "holds NaN, which is not a JSON number"),
}


@pytest.mark.parametrize("case", CORRUPT)
def test_corrupt_files_are_refused_naming_the_file(case, tmp_path):
    content, message = CORRUPT[case]
    path = tmp_path / "model.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(nn.ModelFileError, match=message) as caught:
        nn.load(path)
    assert str(caught.value).startswith(str(path) + ": ")
    assert caught.value.path == str(path)


def test_good_document_written_by_hand_loads(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(good_document()))
    assert nn.load(path).state_dict() == nn.MLP(2, [2, 1], seed=0).state_dict()


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothere.json: no such model file"):
        nn.load(tmp_path / "nothere.json")


@pytest.mark.parametrize("case", ["truncated", "missing weight", "nan weight", "future version"])
def test_load_weights_refuses_bad_files_and_leaves_the_model_untouched(case, tmp_path):
    content, _ = CORRUPT[case]
    path = tmp_path / "model.json"
    path.write_text(content)
    model = nn.MLP(2, [2, 1], seed=9)
    before = model.state_dict()
    with pytest.raises(nn.ModelFileError, match=str(path)):
        model.load_weights(path)
    assert model.state_dict() == before


def test_load_weights_from_another_structure_says_what_differs(tmp_path):
    path = tmp_path / "other.json"
    nn.MLP(2, [3, 1], seed=0).save(path)
    model = nn.MLP(2, [2, 1], seed=1)
    before = model.state_dict()
    with pytest.raises(nn.ModelFileError,
                       match=r"does not fit this MLP: .*unexpected w\[0->1.3\], w\[1.3->2.1\]"):
        model.load_weights(path)
    assert model.state_dict() == before


@pytest.mark.parametrize("config, message", [
    ({"inputs": ["x"]}, "a Network config has the fields inputs and nodes"),
    ({"inputs": ["x"], "nodes": [{"name": "h"}]}, "node 0 must be an object with name, act"),
    ({"inputs": ["x"], "nodes": [{"name": "h", "activation": "tanh", "inputs": "x"}]},
     "node 0: inputs must be a list of names"),
    ({"inputs": ["x"], "nodes": [{"name": "h", "activation": "tanh", "inputs": ["q"]}]},
     "unknown source 'q'"),
    ({"inputs": ["x"], "nodes": [{"name": "h", "activation": "tanh", "inputs": ["h"]}]},
     "cycle h -> h"),
])
def test_inconsistent_network_files_are_refused(config, message, tmp_path):
    path = tmp_path / "net.json"
    document = {"format": FORMAT, "version": VERSION, "class": "Network", "config": config,
                "parameters": {}}
    path.write_text(json.dumps(document))
    with pytest.raises(nn.ModelFileError, match="is not a consistent Network: .*" + message):
        nn.load(path)

