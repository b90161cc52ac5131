"""Bad inputs found in review: each gets a specific message, raised before anything changes."""

import json
import math

import pytest

import nn
from nn import datasets, losses
from nn.optim import SGD

NAN, INF = math.nan, math.inf


@pytest.mark.parametrize("value, shown", [(NAN, "nan"), (INF, "inf"), (-INF, "-inf")])
def test_non_finite_inputs_are_refused_by_name(value, shown):
    p = nn.Perceptron(2, seed=0)
    with pytest.raises(ValueError, match=rf"Perceptron: input 'x2' is {shown}, expected a finite"):
        p([0.5, value])
    net = nn.tutorial_network(seed=0)
    with pytest.raises(ValueError, match=rf"Network: input 'in_x' is {shown}"):
        net({"in_x": value, "in_y": 0.0})


def test_predict_names_a_non_finite_row_on_the_compiled_path_too():
    p = nn.Perceptron(2, seed=0)
    rows = [[0.1 * k, -0.1 * k] for k in range(40)]  # 40 rows: the compiled path when it can
    assert len(p.predict(rows)) == 40
    rows[33] = [NAN, 0.0]
    with pytest.raises(ValueError, match=r"predict: X\[33\]: Perceptron: input 'x1' is nan"):
        p.predict(rows)


@pytest.mark.parametrize("name", ["squared_error", "mse", "hinge", "binary_cross_entropy"])
def test_losses_refuse_non_finite_number_predictions(name):
    with pytest.raises(ValueError, match=rf"{name}: prediction 1 is nan, expected a finite"):
        losses.get(name)([0.5, NAN], [1, 0])
    with pytest.raises(ValueError, match=rf"{name}: prediction 0 is inf"):
        losses.get(name)([[INF]], [[1]])


def test_fit_names_a_non_finite_example_before_any_weight_moves():
    p = nn.Perceptron(2, seed=0)
    before = p.state_dict()
    X, y = datasets.linear(20, seed=1)
    X[7] = [0.2, INF]
    with pytest.raises(ValueError, match=r"fit: X\[7\]: Perceptron: input 'x2' is inf"):
        nn.fit(p, X, y, lr=0.1, progress=False)
    assert p.state_dict() == before


def test_fit_refuses_an_optimizer_built_on_another_model():
    p, other = nn.Perceptron(2, seed=0), nn.Perceptron(2, seed=1)
    X, y = datasets.linear(10, seed=1)
    before = other.state_dict()
    with pytest.raises(ValueError, match="optimizer holds none of the model's parameters"):
        nn.fit(p, X, y, optimizer=SGD(other.parameters(), 0.1), progress=False)
    assert other.state_dict() == before
    # sharing some parameters (e.g. training part of a model) is allowed
    history = nn.fit(p, X, y, optimizer=SGD(p.parameters()[:1], 0.1), epochs=2, progress=False)
    assert len(history) == 2


def test_from_edges_refuses_an_empty_edge_list():
    with pytest.raises(ValueError, match=r"Network.from_edges: edges is empty"):
        nn.Network.from_edges(["x"], [])


def document(config, parameters):
    return {"format": "autograd-dag model", "version": 1, "class": "MLP",
            "config": config, "parameters": parameters}


def test_a_width_far_beyond_the_weights_is_refused_before_building(tmp_path):
    path = tmp_path / "huge.json"
    config = {"n_inputs": 2, "sizes": [10**9, 10**9, 1]}  # building this would exhaust memory
    path.write_text(json.dumps(document(config, {"w[0->1.1]": 0.5})))
    with pytest.raises(nn.ModelFileError, match=r"huge.json: config widths \[2, 1000000000, "
                       r"1000000000, 1\] imply \d+ parameters, but the file holds only 1"):
        nn.load(path)
    model = nn.MLP(2, [1], seed=0)
    before = model.state_dict()
    with pytest.raises(nn.ModelFileError, match="imply"):
        model.load_weights(path)
    assert model.state_dict() == before


def test_a_missing_setting_is_named(tmp_path):
    path = tmp_path / "m.json"
    saved = nn.MLP(2, [2, 1], seed=0)
    saved.save(path)
    text = json.loads(path.read_text())
    del text["config"]["sizes"]
    path.write_text(json.dumps(text))
    with pytest.raises(nn.ModelFileError, match=r"not a consistent MLP: MLP setting\(s\) "
                       r"\['sizes'\] missing"):
        nn.load(path)


def test_save_into_a_missing_folder_names_the_target(tmp_path):
    target = tmp_path / "no" / "such" / "model.json"
    with pytest.raises(FileNotFoundError, match=r"model.json: cannot save, the folder .*such "
                       "does not exist"):
        nn.Perceptron(2, seed=0).save(target)
    assert not (tmp_path / "no").exists()


def test_read_csv_refuses_binary_and_unparsable_files(tmp_path):
    binary = tmp_path / "points.csv"
    binary.write_bytes(b"x,y,label\n\xff\xfe\x00\x01\n")
    with pytest.raises(ValueError, match=r"points.csv: is not UTF-8 text, so not a CSV of points"):
        datasets.read_csv(binary)
    huge = tmp_path / "huge.csv"
    huge.write_text("x,y,label\n0.1,0.2,1\n" + "9" * 200_000 + ",0.2,1\n")
    with pytest.raises(ValueError, match=r"huge.csv, line 3: field larger than field limit"):
        datasets.read_csv(huge)


def test_replacing_a_perceptron_weight_is_refused_and_setting_its_data_works():
    p = nn.Perceptron(2, activation="linear", seed=0)
    assert p([1.0, 1.0]).data == pytest.approx(sum(w.data for w in p.w))
    with pytest.raises(TypeError, match=r"Perceptron.w: a weight cannot be replaced .* "
                       r"p.w\[k\].data = number"):
        p.w[0] = nn.Perceptron(1).w[0]
    p.w[0].data = 5.0
    assert p([1.0, 1.0]).data == pytest.approx(5.0 + p.w[1].data + p.w[2].data)
    assert p.parameters() == p.w


def test_a_set_has_no_input_order_and_is_refused():
    with pytest.raises(TypeError, match=r"Perceptron: input must be a list of 2 numbers "
                       r"\(x1, x2\) or a dict by name, got set"):
        nn.Perceptron(2, seed=0)({0.25, 0.5})


def test_an_activation_that_fails_on_a_value_is_named():
    def broken(v):
        return v.softmax()

    with pytest.raises(TypeError, match=r"Network.add\('a'\): activation 'broken' fails on "
                       r"Value\(0.5\) with AttributeError: .*softmax"):
        nn.Network(["x"]).add("a", ["x"], activation=broken)
