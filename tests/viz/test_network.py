"""draw_network: golden DOT of a perceptron, the seed's formulas on the drawing, real SVG."""

import html
import math
import re

import pytest

import nn
from viz import draw_network, save
from viz.graph import ROLE_COLOURS


def sigma(x):
    return 1 / (1 + math.exp(-x))


def perceptron():
    p = nn.Perceptron(2, input_names=["in_x", "in_y"])
    for w, value in zip(p.w, (0.1, -0.4, 0.7), strict=True):
        w.data = value
    return p


def edge(source, tail, head):
    start = f"{tail} -> {head} "
    return next(line for line in source.splitlines() if line.strip().startswith(start))


def test_golden_perceptron(golden):
    golden(draw_network(perceptron()).source, "network_perceptron.dot")


def test_golden_perceptron_with_a_sample(golden):
    golden(draw_network(perceptron(), [0.5, -1.0], 1.0).source, "network_perceptron_sample.dot")


def test_perceptron_shows_the_seeds_s_z_delta_and_gradients():
    # 000 section 3: s = w_0 + w_1 in_x + w_2 in_y, z = sigma(s), E = (z - y)^2,
    # delta = dE/ds = 2 (z - y) z (1 - z), dE/dw_i = delta a_i with a_0 = 1.
    x, y, target = 0.5, -1.0, 1.0
    s = 0.1 - 0.4 * x + 0.7 * y
    z = sigma(s)
    delta = 2 * (z - target) * z * (1 - z)
    source = draw_network(perceptron(), [x, y], target).source
    assert f"s {s:.4f}\\nz {z:.4f}\\nδ {delta:.4f}" in source
    assert f'label="-0.4000\\ndE/dw {delta * x:.4f}"' in edge(source, "i0", "u0")
    assert f'label="0.7000\\ndE/dw {delta * y:.4f}"' in edge(source, "i1", "u0")
    assert f'label="0.1000\\ndE/dw {delta:.4f}"' in edge(source, "bias", "u0")
    assert 'label="in_x\\n0.5000"' in source


def test_the_loss_chooses_the_deltas_shown():
    # 001's E = 1/2 (y_hat - y)^2 for one sample ("mse"): delta = (z - y) z (1 - z),
    # half of 000's squared error; binary cross-entropy on a sigmoid output: delta = z - y.
    x, y, target = 0.5, -1.0, 1.0
    z = sigma(0.1 - 0.4 * x + 0.7 * y)
    for loss, delta in (("mse", (z - target) * z * (1 - z)), ("binary_cross_entropy", z - target)):
        source = draw_network(perceptron(), [x, y], target, loss=loss).source
        assert f"δ {delta:.4f}" in source
        assert f'label="0.7000\\ndE/dw {delta * y:.4f}"' in edge(source, "i1", "u0")


def test_edges_coloured_by_sign_and_wider_by_magnitude():
    source = draw_network(perceptron()).source
    negative, largest, smallest = (edge(source, "i0", "u0"), edge(source, "i1", "u0"),
                                   edge(source, "bias", "u0"))
    assert 'color="#d62728"' in negative and 'color="#1f5fbf"' in largest
    widths = [float(re.search(r"penwidth=([\d.]+)", e).group(1))
              for e in (smallest, negative, largest)]
    assert widths == sorted(widths) and widths[-1] == 4.0


def test_tutorial_network_ranks_and_roles():
    net = nn.tutorial_network(seed=3)
    source = draw_network(net).source
    # Bias and inputs share the first rank, perceptrons 1..5 the second, 6 the third.
    groups = re.findall(r"subgraph (\w+) \{\n\t\trank=same\n((?:\t\t.*\n)*?)\t\}", source)
    members = {name: re.findall(r"^\t\t(\w+) \[", body, flags=re.MULTILINE)
               for name, body in groups}
    assert members == {"inputs": ["bias", "i0", "i1"], "layer1": [f"u{k}" for k in range(5)],
                       "layer2": ["u5"]}
    output = next(line for line in source.splitlines() if line.strip().startswith("u5 ["))
    assert f'fillcolor="{ROLE_COLOURS["output"]}"' in output and "peripheries=2" in output
    assert f'label={net.weight("3", "6").data:.4f} ' in edge(source, "u2", "u5")
    edges = [line for line in source.splitlines() if " -> " in line]
    visible = [line for line in edges if "style=invis" not in line]
    assert len(visible) == 5 * 3 + 6  # every weight, biases included
    # Invisible edges only stack each rank in order: 1, in_x, in_y and 1..5 top to bottom.
    assert [e.split("[")[0].strip() for e in edges if e not in visible] == [
        "bias -> i0", "i0 -> i1", "u0 -> u1", "u1 -> u2", "u2 -> u3", "u3 -> u4"]


def test_skip_links_and_mlp_layers():
    net = nn.Network.from_edges(["x"], [("x", "a"), ("a", "b"), ("x", "b")], seed=1)
    source = draw_network(net).source
    assert edge(source, "i0", "u1")  # the skip link x -> b
    mlp = nn.MLP(2, [3, 1], seed=0)
    text = draw_network(mlp).source
    assert re.search(r"u0 \[label=1\.1 ", text) and re.search(r"u3 \[label=2\.1 ", text)


def test_real_svg_contains_the_weights(tmp_path):
    net = nn.tutorial_network(seed=0)
    path = save(draw_network(net, [0.25, -0.5], 0), tmp_path / "net.svg")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text())]
    assert f"{net.weight('in_x', '1').data:.4f}" in texts
    assert f"{net.bias('6').data:.4f}" in texts
    trace = net.trace([0.25, -0.5], 0)
    assert f"z {trace.z['6']:.4f}" in texts and f"δ {trace.delta['6']:.4f}" in texts


def test_drawing_touches_no_grad():
    net = nn.tutorial_network(seed=0)
    draw_network(net, [0.25, -0.5], 1)
    assert all(p.grad == 0.0 for p in net.parameters())


def test_bad_arguments():
    with pytest.raises(TypeError, match="draw_network: expected an nn model .* got list"):
        draw_network([1, 2])
    with pytest.raises(ValueError, match="draw_network: a target needs a sample"):
        draw_network(perceptron(), target=1.0)


def test_too_many_weights_is_refused_before_dot_runs():
    mlp = nn.MLP(2, [30, 30], seed=0)  # 3 * 30 + 31 * 30 = 1020 weights, biases included
    with pytest.raises(ValueError, match=r"draw_network: the model has 1020 weights, more than "
                                         r"max_edges=1000 .*raise max_edges"):
        draw_network(mlp, max_edges=1000)
    assert len(draw_network(mlp).source.splitlines()) > 1020
