"""draw_graph: golden DOT text, real SVG from dot, roles, limits and errors."""

import html
import math
import re
import subprocess

import pytest

from autograd import Value, format_number
from viz import draw_graph, save
from viz.graph import ROLE_COLOURS


def perceptron():
    # z = sigma(w0 * 1 + w1 * a1), the tutorial's section 1.1.
    w0, w1, a1 = Value(0.1, "w0"), Value(-0.4, "w1"), Value(0.5, "a1")
    z = (w0 + w1 * a1).sigmoid()
    z.label = "z"
    z.backward()
    return z, (w0, w1, a1)


def square_over_x():
    x = Value(3.0, "x")
    y = (x - 2) ** 2 / x
    y.backward()
    return y, x


def test_golden_perceptron(golden):
    z, (w0, w1, _) = perceptron()
    golden(draw_graph(z, parameters=[w0, w1]).source, "graph_perceptron.dot")


def test_golden_expression_with_constants(golden):
    y, _ = square_over_x()
    golden(draw_graph(y, rankdir="TB").source, "graph_square.dot")


def test_same_text_in_every_build():
    assert draw_graph(square_over_x()[0]).source == draw_graph(square_over_x()[0]).source


def test_records_show_label_data_and_grad_to_four_significant_digits():
    z, (w0, w1, a1) = perceptron()
    source = draw_graph(z).source
    zs = 1 / (1 + math.exp(-(0.1 - 0.4 * 0.5)))
    # dz/dw1 = sigma'(s) a1 and dz/da1 = sigma'(s) w1, typed in from the tutorial (section 2.1).
    assert f"{{ w1 | data -0.4000 | grad {zs * (1 - zs) * 0.5:.4f} }}" in source
    assert f"{{ a1 | data 0.5000 | grad {zs * (1 - zs) * -0.4:.4g} }}" in source  # -0.09977
    assert f"{{ z | data {zs:.4f} | grad 1.000 }}" in source
    assert "grad" not in draw_graph(z, show_grad=False).source


def test_colours_by_role():
    z, (w0, w1, a1) = perceptron()
    lines = draw_graph(z, parameters=[w0, w1]).source.splitlines()

    def fill(name):
        line = next(x for x in lines if f"{{ {name} |" in x)
        return re.search(r'fillcolor="([^"]+)"', line).group(1)

    assert fill("w0") == fill("w1") == ROLE_COLOURS["parameter"]
    assert fill("a1") == ROLE_COLOURS["input"]
    assert fill("z") == ROLE_COLOURS["output"]
    assert fill("w1\xa0*\xa0a1") == ROLE_COLOURS["intermediate"]


def test_nodes_are_named_by_label_else_by_their_op_never_by_an_internal_id(tmp_path):
    z, (w0, w1, _) = perceptron()
    source = draw_graph(z, parameters=[w0, w1]).source
    source = source.replace("\xa0", " ")
    assert "{ w1 * a1 |" in source and "{ w0 + · |" in source and "{ z |" in source
    y, _ = square_over_x()
    svg = save(draw_graph(y), tmp_path / "g.svg").read_text()
    texts = [html.unescape(t).replace("\xa0", " ")
             for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert {"x - 2", "· ** 2", "· / x"} <= set(texts)
    assert not any(re.fullmatch(r"v\d+", text) for text in texts)
    e = Value(0.5, "e")
    assert "{ sigmoid(e) |" in draw_graph(e.sigmoid()).source
    assert "{ -e |" in draw_graph(-e).source


def test_a_key_names_the_colours_of_the_roles_present(tmp_path):
    z, (w0, w1, _) = perceptron()
    svg = save(draw_graph(z, parameters=[w0, w1]), tmp_path / "k.svg").read_text()
    texts = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for role in ("input", "parameter", "intermediate", "output"):
        assert role in texts
        assert f'fill="{ROLE_COLOURS[role]}"' in svg
    assert "parameter" not in draw_graph(z).source.split("label=<")[-1]  # none listed: none
    assert "label=<" not in draw_graph(z, legend=False).source


def test_constants_are_small_nodes_and_ids_are_topological():
    y, x = square_over_x()
    source = draw_graph(y).source
    assert re.search(r"\tn1 \[label=2 .*shape=circle", source)  # the 2 of x - 2
    assert "n1 -> n2op" in source and "n0 -> n2op" in source
    ids = re.findall(r"^\t(\S+) \[", source, flags=re.MULTILINE)
    assert ids[2:] == ["n0", "n1", "n2", "n2op", "n3", "n4", "n4op", "n5", "n5op"]


def test_real_svg_contains_the_labels(tmp_path):
    y, x = square_over_x()
    path = save(draw_graph(y), tmp_path / "g.svg")
    svg = path.read_text()
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    # y = (x - 2)^2 / x at x = 3: y = 1/3, dy/dx = 2(x - 2)/x - (x - 2)^2/x^2 = 5/9.
    assert "data 0.3333" in texts and f"grad {format_number(5 / 9)}" in texts
    assert {"x", "**", "/", "-"} <= set(texts)
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr
    assert "graphviz" in version


def test_too_many_nodes_is_refused_with_advice():
    x = Value(1.0)
    y = x
    for _ in range(300):
        y = y * 1.01
    with pytest.raises(ValueError, match=r"draw_graph: the graph has 601 nodes, more than "
                       r"max_nodes=500 .*draw_network\(model\).*raise max_nodes"):
        draw_graph(y)
    assert "n600" in draw_graph(y, max_nodes=601).source


def test_bad_arguments():
    x = Value(1.0)
    with pytest.raises(TypeError, match="draw_graph: root must be an autograd Value, got int"):
        draw_graph(3)
    with pytest.raises(ValueError, match="rankdir must be one of LR, RL, TB, BT, got 'XY'"):
        draw_graph(x, rankdir="XY")
    with pytest.raises(ValueError, match="max_nodes must be a positive int, got 0"):
        draw_graph(x, max_nodes=0)
    with pytest.raises(TypeError, match="show_grad must be a bool, got str"):
        draw_graph(x, show_grad="yes")
    with pytest.raises(TypeError, match=r"parameters must be a list of Values \(e\.g\. "
                                        r"model\.parameters\(\)\), got Value"):
        draw_graph(x, parameters=x)


def test_labels_rename_records_in_the_figure_only():
    z, (w0, w1, a1) = perceptron()
    source = draw_graph(z, labels={"w1": "w_1 (weight)"}).source
    assert "{ w_1 (weight) | data -0.4000" in source and w1.label == "w1"
    with pytest.raises(ValueError, match=r"draw_graph: labels names 'q', which is no node of "
                                         r"the graph; its names are a1, w0, "):
        draw_graph(z, labels={"q": "x"})
