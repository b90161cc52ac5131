"""Network, a DAG of perceptrons: its outputs as the formula s_j = w_0 + sum_i z_i w_{i->j},
z_j = g(s_j) in any evaluation order, seeded weights, and gradients against central
differences on random DAGs.  Building errors and cycles: test_dag_building.py."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import Value, no_grad


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


SKIP_EDGES = [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b"), ("b", "out"), ("a", "out"),
              ("y", "out")]


SIGMA = {"sigmoid": sig, "tanh": math.tanh, "linear": lambda t: t}


def reference(net, edges, x, activation=None):
    """Plain-float evaluation of s_j = w_0 + sum z_i w_{i->j}, z_j = sigma(s_j), node by node
    once every source is known (independent of the network's own ordering)."""
    activation = activation or {}
    z = dict(zip(net.input_names, x, strict=True))
    todo = list(net.node_names)
    while todo:
        for name in todo:
            sources = [src for src, dst in edges if dst == name]
            if all(src in z for src in sources):
                s = net.bias(name).data + sum(net.weight(src, name).data * z[src]
                                              for src in sources)
                z[name] = SIGMA[activation.get(name, "sigmoid")](s)
                todo.remove(name)
                break
    return z


def test_skip_links_evaluate_as_the_formula():
    net = nn.Network.from_edges(["x", "y"], SKIP_EDGES, seed=2)
    assert net.output_names == ["out"]
    assert [u.name for u in net.units()] == ["a", "b", "out"]
    assert [u.layer for u in net.units()] == [1, 2, 3]
    assert [src for src, _ in net.units()[2].weights] == ["b", "a", "y"]
    z = reference(net, SKIP_EDGES, [0.3, -0.7])
    assert net([0.3, -0.7]).data == pytest.approx(z["out"], abs=1e-14)
    assert net({"y": -0.7, "x": 0.3}).data == pytest.approx(z["out"], abs=1e-14)


def test_edges_in_any_order_give_the_same_function():
    first = nn.Network.from_edges(["x", "y"], SKIP_EDGES, seed=1)
    shuffled = list(SKIP_EDGES)
    random.Random(3).shuffle(shuffled)
    second = nn.Network.from_edges(["x", "y"], shuffled, seed=9)
    for src, dst in SKIP_EDGES:
        second.weight(src, dst).data = first.weight(src, dst).data
    for name in first.node_names:
        second.bias(name).data = first.bias(name).data
    assert second([0.1, 0.9]).data == pytest.approx(first([0.1, 0.9]).data, abs=1e-15)
    assert [u.name for u in second.units()] == ["a", "b", "out"]


def test_several_outputs_in_insertion_order():
    net = nn.Network(["x"], seed=0)
    net.add("h", ["x"]).add("p", ["h"], activation="linear").add("q", ["h", "x"], "tanh")
    assert net.output_names == ["p", "q"]
    out = net([0.5])
    assert isinstance(out, list) and len(out) == 2
    h = sig(net.bias("h").data + net.weight("x", "h").data * 0.5)
    assert out[0].data == pytest.approx(net.bias("p").data + net.weight("h", "p").data * h)
    assert out[1].data == pytest.approx(math.tanh(
        net.bias("q").data + net.weight("h", "q").data * h + net.weight("x", "q").data * 0.5))
    trace = net.trace([0.5], [1.0, 0.0])
    assert trace.outputs == [o.data for o in out]
    assert set(trace.delta) == {"h", "p", "q"}


def test_connect_may_point_back_to_an_earlier_node_and_order_follows():
    net = nn.Network(["x"], seed=0)
    net.add("first").add("second", ["x"]).connect("second", "first")
    assert [u.name for u in net.units()] == ["second", "first"]
    assert net.output_names == ["first"]
    z2 = sig(net.bias("second").data + net.weight("x", "second").data * 0.4)
    expected = sig(net.bias("first").data + net.weight("second", "first").data * z2)
    assert net([0.4]).data == pytest.approx(expected)


def test_seeded_networks_are_reproducible_and_use_no_global_state():
    random.seed(0)
    a = nn.Network.from_edges(["x", "y"], SKIP_EDGES, seed=5).state_dict()
    random.seed(1)
    b = nn.Network.from_edges(["x", "y"], SKIP_EDGES, seed=5).state_dict()
    assert a == b
    assert all(-1.0 < v < 1.0 for v in a.values())


# -- random DAGs: gradients against central differences ------------------------------------------


@st.composite
def random_dags(draw):
    n_inputs = draw(st.integers(1, 3))
    n_nodes = draw(st.integers(1, 6))
    inputs = [f"i{k}" for k in range(n_inputs)]
    nodes = [f"n{k}" for k in range(n_nodes)]
    edges = []
    for k, node in enumerate(nodes):  # each node reads from any earlier inputs/nodes: skip links
        earlier = inputs + nodes[:k]
        chosen = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=len(earlier),
                               unique=True))
        edges += [(src, node) for src in chosen]
    order = draw(st.permutations(edges))
    activation = {node: draw(st.sampled_from(["sigmoid", "tanh", "linear"])) for node in nodes}
    point = draw(st.lists(st.floats(-1, 1), min_size=n_inputs, max_size=n_inputs))
    return inputs, list(order), activation, point, draw(st.integers(0, 1000))


@settings(max_examples=40)
@given(random_dags())
def test_random_dags_evaluate_as_the_formula_with_gradients_as_central_differences(dag):
    inputs, edges, activation, point, seed = dag
    net = nn.Network.from_edges(inputs, edges, activation=activation, seed=seed)
    targets = [0.5] * len(net.output_names)
    z = reference(net, edges, point, activation)
    out = net(point)
    assert [h.data for h in (out if isinstance(out, list) else [out])] == pytest.approx(
        [z[name] for name in net.output_names], abs=1e-14)

    def loss():
        out = net(point)
        outs = out if isinstance(out, list) else [out]
        total = Value(0.0)
        for h, y in zip(outs, targets, strict=True):
            total = total + (h - y) ** 2
        return total

    net.zero_grad()
    loss().backward()
    eps = 1e-6
    for name, w in net.named_parameters():
        original = w.data
        with no_grad():
            w.data = original + eps
            up = loss().data
            w.data = original - eps
            down = loss().data
        w.data = original
        numeric = (up - down) / (2 * eps)
        assert w.grad == pytest.approx(numeric, abs=1e-6, rel=1e-4), name


def test_a_perceptron_added_without_inputs_is_part_of_the_model_at_once():
    # its plan (and compiled program) once stayed the old one until the next link
    net = nn.Network(["a"], seed=0)
    net.add("h", ["a"])
    assert len(net.units()) == 1
    net.add("k")
    assert [u.name for u in net.units()] == ["h", "k"]
    out = net([0.5])
    assert isinstance(out, list) and len(out) == 2
    assert out[1].data == pytest.approx(1 / (1 + math.exp(-net.bias("k").data)))
