"""The model file as text and as a file, old files, and the one perceptron type."""

import re
from pathlib import Path

import pytest

import nn
from nn import datasets
from nn.activations import Activation

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("name", "x", "h"), [
    ("mlp_v1.json", [0.25, -0.5], 0.3313029109711095),
    ("network_v1.json", [0.25, -0.5], 0.9287527050292175),
])
def test_files_written_by_the_previous_version_load_and_are_written_back_the_same(name, x, h):
    path = FIXTURES / name
    model = nn.load(path)
    assert model(x).data == h  # the output that version computed, to the last bit
    # The same file, but each bias under its one name: b[j] of those files is w[0->j].
    renamed = re.sub(r'"b\[([^]]+)\]"', r'"w[0->\1]"', path.read_text(encoding="utf-8"))
    assert '"b[' not in model.dumps() and model.dumps() == renamed


def test_a_state_that_names_a_bias_both_ways_is_refused_and_changes_nothing():
    p = nn.Perceptron(1, seed=0)
    before = p.state_dict()
    for state in ({"w[0->1]": 0.5, "b[1]": 0.5, "w[x1->1]": 0.0},
                  {"b[1]": 0.5, "w[0->1]": 0.5, "w[x1->1]": 0.0}):
        with pytest.raises(ValueError, match=r"name the bias w\[0->1\] twice: as w\[0->1\] "
                                             r"and by its older name b\[1\]$"):
            p.load_state_dict(state)
    assert p.state_dict() == before
    p.load_state_dict({"b[1]": 0.5, "w[x1->1]": 0.0})  # the older name alone is read
    assert p.state_dict() == {"w[0->1]": 0.5, "w[x1->1]": 0.0}


def test_initial_weights_are_those_drawn_before_the_bias_was_renamed():
    # Values printed by the code that still named the bias b[j], for the same seeds.
    assert list(nn.MLP(2, [2], seed=0).state_dict().values()) == [
        0.6888437030500962, 0.515908805880605, -0.15885683833831, -0.4821664994140733,
        0.02254944273721704, -0.19013172509917142]
    model = nn.Network.from_edges(["u", "v"], [("u", "a"), ("a", "b"), ("v", "b")], seed=3)
    assert list(model.state_dict().values()) == [
        -0.5240707458162173, -0.2600896669038415, 0.08845845059190371, 0.20784007719238895,
        0.25144060821610803]


@pytest.mark.parametrize("build", [
    lambda: nn.Perceptron(2, name="0"),
    lambda: nn.Perceptron(2, input_names=["0", "y"]),
    lambda: nn.MLP(2, [1], input_names=["x", "0"]),
    lambda: nn.Network(["x"]).add("0", ["x"]),
    lambda: nn.Network.from_edges(["0"], [("0", "h")]),
    lambda: nn.Network.from_edges(["x"], [("x", "0")]),
])
def test_no_node_may_be_named_0_the_constant_input_of_every_bias(build):
    with pytest.raises(ValueError, match=r"'0' is taken: 0 names the constant input a_0 = 1, "
                                         r"whose weight w\[0->j\] is the bias of j"):
        build()


def test_a_perceptron_file_of_the_previous_version_keeps_its_names():
    p = nn.load(FIXTURES / "perceptron_v1.json")
    assert isinstance(p, nn.Perceptron)
    assert (p.input_names, p.name, p.activation) == (["a", "b"], "p", "relu")


def test_dumps_and_loads_round_trip_without_a_file_and_save_writes_dumps(tmp_path):
    model = nn.Network.from_edges(["u", "v"], [("u", "a"), ("a", "b"), ("v", "b")], seed=3)
    again = nn.loads(model.dumps())
    assert type(again) is nn.Network and again.state_dict() == model.state_dict()
    assert [(u.name, u.sources) for u in again.units()] == [("a", ("u",)), ("b", ("a", "v"))]
    model.save(tmp_path / "m.json")
    assert (tmp_path / "m.json").read_text(encoding="utf-8") == model.dumps()


def test_loads_names_its_source_in_every_error():
    with pytest.raises(nn.ModelFileError, match=r"^<model text>: is not valid JSON"):
        nn.loads('{"format": ')
    with pytest.raises(nn.ModelFileError, match=r"^db row 7: is empty"):
        nn.loads("  ", source="db row 7")
    text = nn.Perceptron(1, seed=0).dumps().replace('"Perceptron"', '"Nope"')
    with pytest.raises(nn.ModelFileError, match="unknown model class 'Nope'"):
        nn.loads(text)


def test_csv_text_round_trips_and_the_file_holds_the_same_text(tmp_path):
    X, y = datasets.blobs(6, seed=2)
    text = datasets.dumps_csv(X, y)
    assert text.splitlines()[0] == "x,y,label" and len(text.splitlines()) == 7
    assert datasets.loads_csv(text) == (X, y)
    datasets.write_csv(tmp_path / "p.csv", X, y)
    assert (tmp_path / "p.csv").read_bytes().decode("utf-8") == text
    with pytest.raises(ValueError, match=r"^<csv text>, line 2: label is '2', expected 0 or 1"):
        datasets.loads_csv("x,y,label\n0.5,0.5,2\n")


def test_the_weights_of_a_perceptron_are_read_only():
    p = nn.Perceptron(2, seed=0)
    assert isinstance(p.w, tuple) and not hasattr(p.w, "append")
    with pytest.raises(TypeError, match="a weight cannot be replaced"):
        p.w[1] = p.w[0]
    assert list(p.w) == p.parameters() and p.w != p.parameters()[:2]


def test_a_layer_holds_its_perceptrons_named_k_dot_j():
    layer = nn.Layer(2, 3, seed=0, index=2)
    assert [q.name for q in layer.perceptrons] == ["2.1", "2.2", "2.3"]
    assert [u.name for u in layer.units()] == ["2.1", "2.2", "2.3"]
    assert not hasattr(layer, "neurons")


def test_one_output_by_index_or_name_is_one_value_or_one_float_per_row():
    net = nn.Network.from_edges(["x"], [("x", "p"), ("x", "q")], seed=1)
    both = net.predict([[0.5], [-0.5]])
    assert net.predict([[0.5], [-0.5]], output="q") == [row[1] for row in both]
    assert net.predict([[0.5], [-0.5]], output=0) == [row[0] for row in both]
    assert net([0.5], output="q").data == both[0][1]
    with pytest.raises(ValueError, match=r"output 'r' is neither an index below 2 nor a name"):
        net.predict([[0.5]], output="r")


def test_every_view_of_a_perceptron_is_the_one_unit():
    mlp = nn.MLP(2, [2, 1], activation="tanh", output_activation="linear", seed=0)
    unit = mlp.units()[-1]
    assert isinstance(unit.activation, Activation) and unit.activation == "linear"
    assert (unit.name, unit.layer, unit.sources) == ("2.1", 2, ("1.1", "1.2"))
    p = mlp.layers[1].perceptrons[0]
    assert p.unit.bias is unit.bias is p.w[0]
    assert [w for _, w in unit.weights] == list(p.w[1:])
    assert [name for name, _ in unit.parameters()] == ["w[0->2.1]", "w[1.1->2.1]", "w[1.2->2.1]"]
