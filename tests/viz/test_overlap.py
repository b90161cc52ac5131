"""No text on top of another: every figure of the docs, drawn by the real Graphviz.

The SVG that ``dot`` writes gives each line of text its anchor and font size; its box is
estimated from Helvetica's widths (``tests/text_boxes.py``).  No two boxes of one figure
may intersect, no edge label's white ground may hide another text, and no text may reach
past the drawing's edge, for the MLPs 2-4-4-1 and
2-16-16-1 with either bias style, the DAGs of the docs and the tutorial's 2-5-1, with
and without one sample's pass, and with perceptrons opened into their operations.
"""

import pytest
from text_boxes import collisions, covered, outside

import nn
from autograd import Value
from viz import draw_graph, draw_network
from viz.render import render

SAMPLE = ([0.5, -0.2], 1.0)


def skip_dag():
    """The DAG of docs/figures.md: skip links x -> b, x -> c, y -> c."""
    return nn.Network.from_edges(["x", "y"], [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b"),
                                              ("b", "c"), ("x", "c"), ("y", "c")], seed=1)


def custom_dag():
    """The DAG of examples/custom_dag.py: the output reads every node, inputs included."""
    edges = [("h3", "out"), ("x", "h1"), ("h1", "h3"), ("y", "out"), ("x", "h2"),
             ("h2", "out"), ("y", "h1"), ("x", "h3"), ("h1", "out"), ("y", "h2"),
             ("x", "out"), ("y", "h3")]
    return nn.Network.from_edges(["x", "y"], edges, activation={"h3": "tanh"}, seed=1)


MODELS = {
    "2-4-4-1": lambda: nn.MLP(2, [4, 4, 1], seed=0),
    "2-16-16-1": lambda: nn.MLP(2, [16, 16, 1], seed=0),
    "skip-link DAG": skip_dag,
    "custom DAG": custom_dag,
    "tutorial 2-5-1": lambda: nn.tutorial_network(seed=0),
}


def assert_readable(graph):
    svg = render(graph, "svg").decode()
    assert not collisions(svg)
    assert not covered(svg)
    assert not outside(svg)


@pytest.mark.parametrize("bias", ["node", "inside"])
@pytest.mark.parametrize("sample", [False, True])
@pytest.mark.parametrize("name", list(MODELS))
def test_network_texts_never_overlap(name, sample, bias):
    assert_readable(draw_network(MODELS[name](), *(SAMPLE if sample else ()), bias=bias))


OPENED = {"tutorial 2-5-1": ["3", "6"], "2-4-4-1": ["1.2", "3.1"], "skip-link DAG": ["b", "c"],
          "custom DAG": ["h1", "out"]}


@pytest.mark.parametrize("bias", ["node", "inside"])
@pytest.mark.parametrize("sample", [False, True])
@pytest.mark.parametrize("name", list(OPENED))
def test_opened_perceptrons_overlap_nothing(name, sample, bias):
    assert_readable(draw_network(MODELS[name](), *(SAMPLE if sample else ()), bias=bias,
                                 open=OPENED[name]))


LABELS = {"x1": "x_1", "x2": "x_2", "3.1": "y"} | {
    f"{layer}.{k}": f"h^{{({layer})}}_{k}" for layer in (1, 2) for k in range(1, 5)}


@pytest.mark.parametrize("bias", ["node", "inside"])
def test_a_2_4_4_1_in_your_own_words_overlaps_nothing(bias):
    assert_readable(draw_network(MODELS["2-4-4-1"](), *SAMPLE, bias=bias, labels=LABELS,
                                 layer_names=["input", "hidden 1", "hidden 2", "output"],
                                 title="A 2-4-4-1 MLP_0"))


@pytest.mark.parametrize("bias", ["node", "inside"])
def test_every_weight_written_on_a_2_16_16_1_still_overlaps_nothing(bias):
    assert_readable(draw_network(MODELS["2-16-16-1"](), *SAMPLE, bias=bias, edge_labels=True))


def test_computation_graph_texts_never_overlap():
    x, w, b = Value(1.5, "x"), Value(-0.3, "w"), Value(0.1, "b")
    f = (w * x + b).sigmoid()
    f.label = "f"
    f.backward()
    assert_readable(draw_graph(f, parameters=[w, b]))
    net = nn.tutorial_network(seed=0)
    loss = (net([0.5, -0.2]) - 1.0) ** 2
    loss.backward()
    assert_readable(draw_graph(loss, parameters=net.parameters()))


def test_the_check_sees_an_overlap():
    # Two labels pinned on one spot: the check must report them, or it proves nothing.
    import graphviz

    dot = graphviz.Digraph(graph_attr={"layout": "neato"})
    dot.node("a", "0.1747", pos="0,0!", shape="plaintext")
    dot.node("b", "-1.473", pos="0.2,0.05!", shape="plaintext")
    svg = render(dot, "svg").decode()
    assert collisions(svg) == [("0.1747", "-1.473")]
    dot.node("c", '<<table bgcolor="#ffffffe6"><tr><td>0.3</td></tr></table>>', pos="0.6,0!",
             shape="plaintext")
    dot.node("d", "-2.5", pos="0.75,0!", shape="plaintext")
    assert ("-2.5", "0.3") in covered(render(dot, "svg").decode())
