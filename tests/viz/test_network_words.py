"""draw_network in your own words: labels with subscripts, layer captions, title, no key."""

import re

import pytest
from text_boxes import collisions, text_boxes

import nn
from viz import draw_network
from viz.render import render

LABELS = {"x1": "x_1", "x2": "x_2", "1.1": "h_1", "1.2": "h_2", "2.1": "w_{i->j}", "2.2": "y"}


def svg_of(graph):
    return render(graph, "svg").decode()


def test_labels_name_the_nodes_with_real_subscripts():
    mlp = nn.MLP(2, [2, 2], seed=0)
    graph = draw_network(mlp, [0.5, -0.2], [1.0, 0.0], labels=LABELS)
    svg = svg_of(graph)
    # "h_1": an "h" on the line, then a "1" that Graphviz shifts below it, in a smaller font.
    assert re.search(r'font-size="10.00">h</text>\s*<text [^>]*baseline-shift="sub" '
                     r'font-size="7.00">1</text>', svg)
    assert re.search(r'>w</text>\s*<text [^>]*baseline-shift="sub"[^>]*>i→j</text>', svg)
    texts = [text for text, *_ in text_boxes(svg)]
    assert "1.1" not in texts and "h1" in texts and "y" in texts
    assert "s " + texts[texts.index("h1") + 1].split()[1] in texts  # s_j still under it
    assert not collisions(svg)


def test_a_name_without_marks_is_written_as_it_is():
    svg = svg_of(draw_network(nn.MLP(2, [1], seed=0), labels={"1.1": "out"}))
    assert [t for t, *_ in text_boxes(svg)].count("out") == 1 and "SUB" not in svg


def test_layer_names_caption_each_column_from_below():
    mlp = nn.MLP(2, [4, 4, 1], seed=0)
    graph = draw_network(mlp, layer_names=["input", "hidden 1", "hidden 2", "output"])
    boxes = {text: (left + right) / 2 for text, left, _, right, _ in text_boxes(svg_of(graph))}
    bottoms = {text: bottom for text, _, _, _, bottom in text_boxes(svg_of(graph))}
    for caption, node in (("input", "x1"), ("hidden 1", "1.1"), ("hidden 2", "2.4"),
                          ("output", "3.1")):
        assert boxes[caption] == pytest.approx(boxes[node], abs=1.5)  # under its column
        assert bottoms[caption] > bottoms["2.4"]  # below the lowest node (SVG y grows down)


def test_title_on_top_and_no_key_when_asked():
    mlp = nn.MLP(2, [2, 1], seed=0)
    graph = draw_network(mlp, title="A 2-2-1 MLP_0", legend=False)
    boxes = text_boxes(svg_of(graph))
    title = next(box for box in boxes if box[0] == "A 2-2-1 MLP0")
    assert title[2] < min(box[2] for box in boxes if box is not title)  # above all else
    assert "legend" not in graph.source and "edge colour" not in svg_of(graph)
    assert "edge colour" in svg_of(draw_network(mlp))


def test_words_that_do_not_fit_are_refused_by_name():
    mlp = nn.MLP(2, [2, 1], seed=0)
    with pytest.raises(ValueError, match=r"draw_network: labels names '9.9', which is not a "
                                         r"node of the model; its nodes are x1, x2, 1.1, 1.2, 2.1"):
        draw_network(mlp, labels={"9.9": "h"})
    with pytest.raises(TypeError, match=r"draw_network: labels must be a dict of node name -> "
                                        r"str"):
        draw_network(mlp, labels={"1.1": 3})
    with pytest.raises(ValueError, match=r"draw_network: layer_names must be a list of 3 "
                                         r"strings \(the inputs, then each layer\), got \['a'\]"):
        draw_network(mlp, layer_names=["a"])
