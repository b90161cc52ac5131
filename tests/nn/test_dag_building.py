"""Building a Network, a DAG of perceptrons: every bad name, link and edge list refused with
its message and nothing changed, cycles named by their nodes, and the loaders' cycle check,
one sort for the whole graph."""

import json

import pytest

import nn
from nn import graph_search


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
