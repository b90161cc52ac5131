"""draw_network for a screen: ``edge_grads=False`` (w_{i->j} alone on each edge),
``min_font_size`` (no text smaller, checked on the SVG that ``dot`` writes, with the labels
still clear of each other) and the bias input a_0 = 1 written with its subscript; and the
playground's diagram, which is drawn with these options and nothing rewritten after."""

import html
import re

import pytest
from text_boxes import collisions, covered, outside

import nn
from autograd.display import format_number
from viz import draw_network, to_tikz
from viz.playground import diagram
from viz.render import render

SAMPLE, TARGET = [0.5, -0.2], 1.0


def svg_of(graph):
    return render(graph, "svg").decode()


def font_sizes(svg):
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


def texts(svg):
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_edge_grads_false_writes_each_weight_alone_and_keeps_the_deltas():
    net = nn.tutorial_network(seed=0)
    both = svg_of(draw_network(net, SAMPLE, TARGET))
    alone = svg_of(draw_network(net, SAMPLE, TARGET, edge_grads=False))
    # dE/dw_{in_x->1} = delta_1 z_in_x (the tutorial, section 4), computed here by hand:
    trace = net.trace(SAMPLE, TARGET)
    grad = trace.delta["1"] * SAMPLE[0]
    assert f"dE/dw {format_number(grad)}" in texts(both)
    assert not any(t.startswith("dE/dw") for t in texts(alone))
    weight = format_number(net.weight("in_x", "1").data)
    assert weight in texts(alone)  # the weight stays on its edge
    assert f"δ {format_number(trace.delta['1'])}" in texts(alone)  # and delta_1 in node 1


@pytest.mark.parametrize("open", [(), ("3", "6")])
def test_min_font_size_raises_every_smaller_text_and_nothing_overlaps(open):
    net = nn.tutorial_network(seed=0)
    plain = svg_of(draw_network(net, SAMPLE, TARGET, edge_grads=False, open=list(open)))
    assert min(font_sizes(plain)) < 8.5  # the labels (8 points), scripts 7
    screen = draw_network(net, SAMPLE, TARGET, edge_grads=False, open=list(open),
                          min_font_size=10)
    svg = svg_of(screen)
    assert min(font_sizes(svg)) == 10 and max(font_sizes(svg)) == 10
    assert not collisions(svg) and not covered(svg) and not outside(svg)


def test_min_font_size_grows_the_table_the_key_and_the_latex_labels():
    dag = nn.Network.from_edges(["x", "y"], [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b")],
                                seed=1)
    svg = svg_of(draw_network(dag, SAMPLE, TARGET, layer_names=["in", "h", "out"],
                              min_font_size=10))
    assert "weights not written on their edges" in texts(svg)  # the skip link's table
    assert not collisions(svg) and not outside(svg)
    assert min(font_sizes(svg)) == 10
    tex = to_tikz(nn.tutorial_network(seed=0), min_font_size=10, standalone=False)
    assert r"\fontsize{8.125}{9.75}" in tex and r"\fontsize{6.5}" not in tex  # 6.5 * 10 / 8


def test_the_bias_input_is_written_with_its_subscript():
    svg = svg_of(draw_network(nn.tutorial_network(seed=0)))
    assert texts(svg).count("a₀ = 1") == 2  # one per column feeding a layer
    assert "a0 = 1" not in svg
    assert "$a_0 = 1$" in to_tikz(nn.tutorial_network(seed=0))


@pytest.mark.parametrize(("options", "error", "words"), [
    ({"edge_grads": "no"}, TypeError, "edge_grads must be True or False, got 'no'"),
    ({"min_font_size": 12}, ValueError, "min_font_size must be a number of points from 0 to "
                                        "10 (the nodes' size), got 12"),
    ({"min_font_size": -1}, ValueError, "got -1"),
    ({"min_font_size": True}, ValueError, "got True"),
])
def test_bad_screen_options_are_refused_by_name(options, error, words):
    with pytest.raises(error, match=re.escape(words)):
        draw_network(nn.tutorial_network(seed=0), **options)


def test_the_page_diagram_is_draw_network_with_the_screen_options():
    net = nn.tutorial_network(seed=0)
    traced = diagram.svg(net, SAMPLE, TARGET, "squared_error", ("3",))
    drawn = svg_of(draw_network(net, SAMPLE, TARGET, legend=False, open=["3"],
                                edge_grads=False, min_font_size=diagram.PAGE_POINTS))
    assert texts(traced) == texts(drawn)  # the same texts: nothing rewritten after
    assert min(font_sizes(traced)) == diagram.PAGE_POINTS
    assert "a₀ = 1" in texts(traced) and not any("dE/dw" in t for t in texts(traced))
    assert 'data-param="w[in_x-&gt;1]"' in traced and 'data-op="3:s"' in traced
    untraced = diagram.svg(net, None, None, "squared_error")
    assert min(font_sizes(untraced)) == 8  # its own sizes: the page zooms it
