"""draw_network's edges at any size: an MLP 2-16-16-1 that fits a slide, each weight written
on its edge, listed in a table under the drawing (a skip link, or an edge with no room for
its label) or left out (edge_labels, bias="inside"), and skip links drawn round the nodes,
checked on the real SVG."""

import html
import re

from text_boxes import svg_texts

import nn
from autograd.display import format_number
from viz import draw_network, save
from viz.render import render


def svg_size(svg):
    w, h = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return float(w), float(h)


def test_mlp_2_16_16_1_fits_a_slide_and_reads_at_natural_size(tmp_path):
    mlp = nn.MLP(2, [16, 16, 1], seed=0)
    svg = save(draw_network(mlp), tmp_path / "mlp.svg").read_text()
    width, height = svg_size(svg)
    assert 1 <= width / height <= 3, (width, height)
    assert width <= 1200 and height <= 900  # points: about a 16:9 slide at 100%
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) >= 8
    # 337 edges: too many to write (auto), but every one is drawn.
    assert svg.count('class="edge"') == 2 * 16 + 16 * 16 + 16 + 33
    assert "337 edges: weights not written" in html.unescape(svg)


def test_edge_labels_and_bias_options():
    mlp = nn.MLP(2, [3, 1], seed=0)
    weights = [format_number(w.data) for w in mlp.parameters()]
    assert all(w in svg_texts(draw_network(mlp)) for w in weights)  # 13 edges: auto writes
    assert not any(w in svg_texts(draw_network(mlp, edge_labels=False)) for w in weights)
    big = nn.MLP(2, [8, 8, 1], seed=0)
    assert "<table" not in draw_network(big).source.split("legend")[0]  # 105 edges: none
    assert len(re.findall(r"^\tl\d+ \[", draw_network(big, edge_labels=True).source, re.M)) \
        == 105
    inside = draw_network(mlp, bias="inside").source
    assert "a₀ = 1" not in inside and "b0" not in inside
    assert f"w0 {format_number(mlp.layers[0].perceptrons[0].w[0].data)}" in inside
    assert len(re.findall(r"^\t\w+ -> \w+", inside, re.M)) == 2 * 3 + 3  # no bias edges


def test_skip_links_are_all_drawn_round_the_nodes():
    net = nn.Network.from_edges(
        ["x", "y"], [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b"), ("b", "c"), ("x", "c"),
                     ("y", "c")], seed=1)
    graph = draw_network(net)
    edges = re.findall(r"^\t(\w+) -> (\w+)", graph.source, re.M)
    assert {("i0", "u1"), ("i0", "u2"), ("i1", "u2")} <= set(edges)  # the three skip links
    assert "splines=true" in graph.source  # routed round the nodes in between
    svg = render(graph, "svg").decode()
    assert svg.count('class="edge"') == len(edges) == 7 + 3
    texts = svg_texts(graph)
    assert all(format_number(w.data) in texts for w in net.parameters())


def test_skip_link_labels_are_listed_in_a_table_under_the_drawing():
    # Graphviz routes skip links round the nodes in between, so their labels cannot be
    # placed on them before it runs: each is a row "tail → head  w  dE/dw" instead.
    net = nn.Network.from_edges(["x", "y"], [("x", "a"), ("y", "a"), ("a", "b"), ("x", "b"),
                                             ("b", "c"), ("x", "c"), ("y", "c")], seed=1)
    graph = draw_network(net, [0.5, -0.2], 1.0)
    texts = [text for text in svg_texts(graph) if text.strip()]
    trace = net.trace([0.5, -0.2], 1.0)
    assert "weights not written on their edges" in texts
    for tail, head in (("x", "b"), ("x", "c"), ("y", "c")):
        w, g = net.weight(tail, head).data, trace.weight_grads[(tail, head)]
        row = texts.index(f"{tail} → {head}")
        assert texts[row + 1:row + 3] == [format_number(w), f"dE/dw {format_number(g)}"]
        assert f'tooltip="w[{tail}->{head}]"' in graph.source
    edges = {f"{tail} → {head}" for tail, head in (("x", "a"), ("y", "a"), ("a", "b"))}
    assert not edges & set(texts)  # the others' labels stay on their edges
    heading = "weights not written on their edges"
    assert heading not in svg_texts(draw_network(net, edge_labels=False))


def test_a_label_with_no_room_on_its_edge_moves_to_the_table():
    from viz.netparts import listed
    from viz.network import network_plan

    mlp = nn.MLP(2, [16, 16, 1], seed=0)
    figure = network_plan(mlp, [0.5, -0.2], 1.0, edge_labels=True)
    crowded = listed(figure)
    assert crowded and not any(edge.skip for edge in crowded)  # no skip links in an MLP
    texts = [t for t in svg_texts(draw_network(mlp, [0.5, -0.2], 1.0, edge_labels=True))
             if t.strip()]
    for edge in crowded:
        row = texts.index(f"{figure_name(figure, edge.tail)} → "
                          f"{figure_name(figure, edge.head)}")
        assert texts[row + 1] == format_number(edge.w)
    # Every weight is written once: on its edge or in the table.
    on_edges = [edge for edge in figure.edges if edge.spot is not None]
    assert len(on_edges) + len(crowded) == len(figure.edges) == 337


def figure_name(figure, node_id):
    return next(node.name for node in figure.nodes if node.id == node_id)
