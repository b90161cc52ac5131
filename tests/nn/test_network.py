"""Network: building a DAG of perceptrons, its errors, evaluation order, and its gradients."""

import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from autograd import Value, no_grad
from nn import graph_search


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


def test_a_cycle_is_refused_naming_its_nodes_and_nothing_changes():
    net = nn.Network(["x"], seed=0).add("a", ["x"]).add("b", ["a"]).add("c", ["b"])
    before = net.state_dict()
    message = r"connect\('c', 'a'\): this link would make a cycle c -> a -> b -> c"
    with pytest.raises(ValueError, match=message):
        net.connect("c", "a")
    with pytest.raises(ValueError, match=r"cycle b -> b"):
        net.connect("b", "b")
    assert net.state_dict() == before
    assert net.output_names == ["c"]


def test_from_edges_refuses_a_cycle():
    with pytest.raises(ValueError, match=r"cycle p -> q -> r -> p"):
        nn.Network.from_edges(["x"], [("x", "p"), ("p", "q"), ("q", "r"), ("r", "p")])


@pytest.mark.parametrize("build, message", [
    (lambda n: n.add("x"), "already taken by an input"),
    (lambda n: n.add("h"), "already taken by a perceptron"),
    (lambda n: n.add("k", ["nope"]), "unknown source 'nope'; known nodes: x, y, h"),
    (lambda n: n.add("k", ["x", "x"]), r"\['x'\] listed twice"),
    (lambda n: n.add("k", ["x"], activation="softmax"),
     "unknown activation 'softmax'; known activations: sigmoid, tanh, linear, relu"),
    (lambda n: n.add("a->b"), "must not contain '->'"),
    (lambda n: n.add(""), "must be non-empty"),
    (lambda n: n.add(3), "name must be a str, got int"),
    (lambda n: n.connect("x", "y"), "'y' is an input; inputs take no incoming links"),
    (lambda n: n.connect("x", "h"), "'x' is already connected to 'h'"),
    (lambda n: n.connect("zz", "h"), "unknown source 'zz'"),
    (lambda n: n.connect("x", "zz"), "unknown target 'zz'"),
    (lambda n: n.weight("y", "h"), r"no link y -> h; 'h' reads from \['x'\]"),
    (lambda n: n.weight("x", "q"), "unknown target 'q'"),
    (lambda n: n.bias("x"), "'x' is an input; only perceptrons have a bias"),
    (lambda n: n.bias("q"), "unknown perceptron 'q'"),
])
def test_bad_building_is_refused_with_a_message(build, message):
    net = nn.Network(["x", "y"], seed=0).add("h", ["x"])
    before = (net.state_dict(), net.output_names)
    with pytest.raises((ValueError, TypeError), match=message):
        build(net)
    assert (net.state_dict(), net.output_names) == before


@pytest.mark.parametrize("inputs, edges, message", [
    (["x", "x"], [], r"duplicate input name\(s\) \['x'\]"),
    ([], [], "needs at least one input"),
    ("xy", [], "inputs must be a list of names"),
    (["x"], [("x", "h", "k")], r"edge 0 must be a \(src, dst\) pair"),
    (["x"], [("x", "h"), ("q", "h")], "node 'q' has no incoming edge; if it is an input"),
    (["x"], [("x", "h"), ("x", "h")], "'x' is already connected to 'h'"),
    (["x"], [("h", "x")], "'x' is an input; inputs take no incoming links"),
])
def test_bad_edge_lists_are_refused(inputs, edges, message):
    with pytest.raises((ValueError, TypeError), match=message):
        nn.Network.from_edges(inputs, edges)


def test_per_node_activations_and_unknown_nodes_in_them():
    net = nn.Network.from_edges(["x"], [("x", "h"), ("h", "o")], activation={"o": "linear"})
    assert [u.activation for u in net.units()] == ["sigmoid", "linear"]
    with pytest.raises(ValueError, match=r"activation given for unknown node\(s\) \['z'\]"):
        nn.Network.from_edges(["x"], [("x", "h")], activation={"z": "tanh"})


def test_an_empty_network_says_so():
    with pytest.raises(ValueError, match="no perceptrons yet"):
        nn.Network(["x"])([1.0])


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


# -- the loaders' cycle check is linear (issue 21) ---------------------------------------


def _chain(n):
    names = [f"h{i}" for i in range(n)]
    return [("x", names[0])] + [(names[i], names[i + 1]) for i in range(n - 1)]


def test_a_12000_node_chain_loads_in_either_order_with_one_cycle_check(monkeypatch):
    # listed from its end, each link's own search walked the whole chain built so far:
    # 72 million steps; the loaders now sort once (Kahn), and never search per link
    searches = []
    monkeypatch.setattr(graph_search, "path", lambda *args: searches.append(args))
    edges = _chain(12_000)
    forward = nn.Network.from_edges(["x"], edges, seed=0)
    backward = nn.Network.from_edges(["x"], edges[::-1], seed=0)
    assert forward.output_names == backward.output_names == ["h11999"]
    document = json.loads(forward.dumps())
    document["config"]["nodes"].reverse()  # a file listing the chain from its end
    loaded = nn.loads(json.dumps(document))
    assert [u.name for u in loaded.units()] == [f"h{i}" for i in range(12_000)]
    assert loaded([0.5]).data == forward([0.5]).data
    assert searches == []


def test_the_loaders_name_a_cycle_and_each_bad_link():
    with pytest.raises(ValueError, match=r"cycle a -> b -> c -> a"):
        nn.Network.from_edges(["x"], _chain(3)[:1] + [("h0", "a"), ("a", "b"), ("b", "c"),
                                                        ("c", "a")])
    with pytest.raises(ValueError, match=r"from_edges: edge 2: 'a' is already connected to 'b'"):
        nn.Network.from_edges(["x"], [("x", "a"), ("a", "b"), ("a", "b")])
