"""draw_network: the tutorial's formulas on the drawing (s_j, z_j, delta_j, dE/dw_{i->j},
sections 1.3 and 2.1), edges coloured by sign, the 2-5-1 network's even columns with
every weight on its edge, and bad arguments.  Larger networks and skip links are in
test_network_edges.py."""

import html
import math
import re

import pytest
from text_boxes import svg_texts

import nn
from autograd.display import format_number
from viz import draw_network
from viz.graph import ROLE_COLOURS


def sigma(x):
    return 1 / (1 + math.exp(-x))


def perceptron():
    p = nn.Perceptron(2, input_names=["in_x", "in_y"])
    for w, value in zip(p.w, (0.1, -0.4, 0.7), strict=True):
        w.data = value
    return p


def line(source, start):
    return next(x for x in source.splitlines() if x.strip().startswith(start))


def test_golden_perceptron(golden):
    golden(draw_network(perceptron()).source, "network_perceptron.dot")


def test_golden_perceptron_with_a_sample(golden):
    golden(draw_network(perceptron(), [0.5, -1.0], 1.0).source, "network_perceptron_sample.dot")


def test_perceptron_shows_the_tutorials_s_z_delta_and_gradients():
    # The tutorial, section 2.1: s = w_0 + w_1 in_x + w_2 in_y, z = sigma(s), E = (z - y)^2,
    # delta = dE/ds = 2 (z - y) z (1 - z), dE/dw_i = delta a_i with a_0 = 1.
    x, y, target = 0.5, -1.0, 1.0
    s = 0.1 - 0.4 * x + 0.7 * y
    z = sigma(s)
    delta = 2 * (z - target) * z * (1 - z)
    texts = svg_texts(draw_network(perceptron(), [x, y], target))
    f = format_number
    assert [f"s {f(s)}", f"z {f(z)}", f"δ {f(delta)}"] == texts[texts.index("1") + 1:][:3]
    for w, grad in ((-0.4, delta * x), (0.7, delta * y), (0.1, delta)):
        assert texts[texts.index(f(w)) + 1] == f"dE/dw {f(grad)}"  # the label's two lines
    assert ["in_x", "0.5000"] == texts[texts.index("in_x"):][:2]


def test_the_loss_chooses_the_deltas_shown():
    # E = 1/2 (y_hat - y)^2 for one sample ("mse"): delta = (z - y) z (1 - z), half of the
    # tutorial's squared error (section 1.3); binary cross-entropy on a sigmoid output:
    # delta = z - y.
    x, y, target = 0.5, -1.0, 1.0
    z = sigma(0.1 - 0.4 * x + 0.7 * y)
    for loss, delta in (("mse", (z - target) * z * (1 - z)), ("binary_cross_entropy", z - target)):
        source = draw_network(perceptron(), [x, y], target, loss=loss).source
        assert f"δ {format_number(delta)}" in source
        assert f"dE/dw {format_number(delta * y)}" in source


def test_edges_coloured_by_sign_and_wider_by_magnitude():
    source = draw_network(perceptron()).source
    negative, largest, smallest = (line(source, "i0 -> u0"), line(source, "i1 -> u0"),
                                   line(source, "b0 -> u0"))
    assert 'color="#d62728"' in negative and 'color="#1f5fbf"' in largest
    widths = [float(re.search(r"penwidth=([\d.]+)", e).group(1))
              for e in (smallest, negative, largest)]
    assert widths == sorted(widths) and widths[-1] == 4.0


def positions(source):
    """{node id: (x, y)} from the pinned pos="x,y!" of every node."""
    return {m[0]: (float(m[1]), float(m[2]))
            for m in re.findall(r'^\t(\w+) \[.*?pos="([-\d.]+),([-\d.]+)!"', source, re.M)}


def test_tutorial_network_columns_are_even_and_centred():
    net = nn.tutorial_network(seed=3)
    source = draw_network(net).source
    pos = positions(source)
    hidden = [pos[f"u{k}"] for k in range(5)]
    assert len({x for x, _ in hidden}) == 1  # one column, 1 to 5 top to bottom
    ys = [y for _, y in hidden]
    assert ys == sorted(ys, reverse=True) and sum(ys) == pytest.approx(0, abs=1e-3)
    assert len({round(a - b, 3) for a, b in zip(ys[:-1], ys[1:], strict=True)}) == 1  # even
    assert pos["i0"][1] == -pos["i1"][1] and pos["u5"][1] == 0  # inputs, output centred
    assert pos["i0"][0] < hidden[0][0] < pos["u5"][0]
    # The bias inputs a_0 = 1: one square at the top of each column that feeds a layer.
    assert pos["b0"][0] == pos["i0"][0] and pos["b0"][1] > pos["i0"][1]
    assert pos["b1"][0] == hidden[0][0] and pos["b1"][1] > ys[0]
    for bias in ("b0", "b1"):
        assert 'label="a₀ = 1"' in line(source, f"{bias} [") and "shape=box" in line(
            source, f"{bias} [")
    output = line(source, "u5 [")
    assert f'fillcolor="{ROLE_COLOURS["output"]}"' in output and "peripheries=2" in output
    edges = re.findall(r"^\t(\w+) -> (\w+)", source, re.M)
    assert len(edges) == 5 * 3 + 6  # every weight, biases included, once
    assert ("b1", "u5") in edges and ("b0", "u0") in edges and "splines=line" in source


def test_the_2_5_1_diagram_shows_every_weight_on_its_edge():
    net = nn.tutorial_network(seed=0)
    graph = draw_network(net)
    texts = svg_texts(graph)
    weights = [format_number(w.data) for w in net.parameters()]
    assert len(weights) == 21 and all(w in texts for w in weights)
    # Each label is centred on the straight line of its edge, between its two ends.
    pos = positions(graph.source)
    labels = re.findall(r'^\t(l\d+) \[.*?<font color="[^"]+" point-size="8">([^<]+)</font>',
                        graph.source, re.M)
    ends = {format_number(w.data): (tail, head) for tail, head, w in
            [("b0", f"u{k}", net.bias(str(k + 1))) for k in range(5)]
            + [(f"i{i}", f"u{k}", net.weight(src, str(k + 1)))
               for i, src in enumerate(["in_x", "in_y"]) for k in range(5)]
            + [("b1", "u5", net.bias("6"))] + [(f"u{k}", "u5", net.weight(str(k + 1), "6"))
                                                for k in range(5)]}
    assert len(labels) == 21
    for node, text in labels:
        (x0, y0), (x1, y1), (x, y) = pos[ends[text][0]], pos[ends[text][1]], pos[node]
        t = (x - x0) / (x1 - x0)
        assert 0.1 < t < 0.9 and y == pytest.approx(y0 + t * (y1 - y0), abs=0.01), text


def test_mlp_nodes_are_named_by_layer():
    text = draw_network(nn.MLP(2, [3, 1], seed=0)).source
    assert re.search(r'u0 \[label=1\.1 ', text) and re.search(r'u3 \[label=2\.1 ', text)


def test_drawing_touches_no_grad():
    net = nn.tutorial_network(seed=0)
    draw_network(net, [0.25, -0.5], 1)
    assert all(p.grad == 0.0 for p in net.parameters())


def test_bad_arguments():
    with pytest.raises(TypeError, match="draw_network: expected an nn model .* got list"):
        draw_network([1, 2])
    with pytest.raises(ValueError, match="draw_network: a target needs a sample"):
        draw_network(perceptron(), target=1.0)
    with pytest.raises(ValueError, match=r"draw_network: edge_labels must be 'auto', True or "
                                         r"False, got 'sometimes'"):
        draw_network(perceptron(), edge_labels="sometimes")
    with pytest.raises(ValueError, match="edge_labels must be .* got 1"):
        draw_network(perceptron(), edge_labels=1)
    with pytest.raises(ValueError, match="draw_network: bias must be 'node' or 'inside', "
                                         "got 'edge'"):
        draw_network(perceptron(), bias="edge")


def test_too_many_weights_is_refused_before_dot_runs():
    mlp = nn.MLP(2, [30, 30], seed=0)  # 3 * 30 + 31 * 30 = 1020 weights, biases included
    with pytest.raises(ValueError, match=r"draw_network: the model has 1020 weights, more than "
                                         r"max_edges=1000 .*raise max_edges"):
        draw_network(mlp, max_edges=1000)
    assert len(draw_network(mlp).source.splitlines()) > 1020


@pytest.mark.parametrize("model", [nn.tutorial_network(seed=2),
                                   nn.MLP(2, [16, 16, 1], activation="relu", seed=1)])
def test_edge_styles_are_the_drawn_edges_colours_and_widths(model):
    from viz.network import edge_styles

    source = draw_network(model).source
    drawn = {}
    for line in source.splitlines():
        tooltip = re.search(r'tooltip="([^"]*) = ', line)
        if tooltip and " -> " in line:
            colour = re.search(r'color="(#[0-9a-f]+)"', line).group(1)
            width = re.search(r'penwidth=([\d.]+)', line).group(1)
            drawn[html.unescape(tooltip.group(1))] = (colour, width)
    assert len(drawn) == len(model.parameters())
    assert edge_styles(model) == drawn
