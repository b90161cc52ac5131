"""draw_network(open=[...]): a perceptron drawn as its operations, with the engine's numbers.

The numbers are read back from the SVG that Graphviz draws (each operation's group has the
id ``op-<perceptron>:<tag>``) and compared with a forward pass the test builds itself from
the model's weights, its gradients taken by ``autograd.grad``, with closed forms and
with finite differences.
"""

import re

import pytest
from opened import SAMPLE, TARGET, expected, operations

import nn
from autograd.display import format_number
from viz import draw_network, to_tikz
from viz.nettex import number
from viz.render import render


def drawn(model, **options):
    return render(draw_network(model, **options), "svg").decode()


@pytest.mark.parametrize("name", ["3", "6"])
def test_an_opened_perceptron_carries_the_engines_values_and_gradients(name):
    model = nn.tutorial_network(seed=0)
    shown = operations(drawn(model, sample=SAMPLE, target=TARGET, open=[name]))
    want = expected(model, name)
    assert list(shown) == list(want)  # every product (bias first), s_j, z_j, E: in order
    for tag, (value, gradient) in want.items():
        assert shown[tag][-2:] == [format_number(value), f"grad {format_number(gradient)}"], tag


def test_the_gradients_follow_the_chain_rule_in_closed_form():
    model = nn.tutorial_network(seed=0)
    want = expected(model, "6")
    z, s = want["6:z"][0], want["6:s"][0]
    assert want["6:E"] == pytest.approx(((z - TARGET) ** 2, 1.0))
    assert want["6:z"][1] == pytest.approx(2 * (z - TARGET))
    assert want["6:s"][1] == pytest.approx(2 * (z - TARGET) * z * (1 - z))  # sigmoid output
    products = [v for tag, v in want.items() if ":w[" in tag]
    assert sum(value for value, _ in products) == pytest.approx(s)
    assert all(g == pytest.approx(want["6:s"][1]) for _, g in products)  # d(sum)/dp_i = 1


def test_several_perceptrons_open_at_once_and_each_keeps_its_edges():
    model = nn.MLP(2, [4, 4, 1], activation="tanh", seed=2)
    sample = [0.3, 0.9]
    figure = draw_network(model, sample, 0.0, open=["1.2", "2.3", "3.1"])
    svg = render(figure, "svg").decode()
    shown = operations(svg)
    for name in ("1.2", "2.3", "3.1"):
        for tag, (value, gradient) in expected(model, name, sample, 0.0).items():
            assert shown[tag][-2:] == [format_number(value), f"grad {format_number(gradient)}"]
        assert f'id="open&#45;{name}" class="cluster"' in svg
    # the edges into 2.3 end at its products, the edges out of it leave from z
    source = figure.source
    product = re.search(r'(\w+) \[[^\]]*id="op-2.3:w\[1.1->2.3\]"', source).group(1)
    out = re.search(r'(\w+) \[[^\]]*id="op-2.3:z"', source).group(1)
    assert re.search(rf"\w+ -> {product} \[[^\]]*w\[1.1->2.3\]", source)
    assert re.search(rf"{out} -> \w+ \[[^\]]*w\[2.3->3.1\]", source)


def test_without_a_sample_the_operations_show_without_numbers():
    model = nn.tutorial_network(seed=0)
    shown = operations(drawn(model, open=["6"]))
    assert list(shown) == ["6:w[0->6]", *(f"6:w[{k}->6]" for k in "12345"), "6:s", "6:z"]
    full = operations(drawn(model, sample=SAMPLE, target=TARGET, open=["6"]))
    assert all(texts == full[tag][:-2] for tag, texts in shown.items())  # names only
    with_sample = operations(drawn(model, sample=SAMPLE, open=["6"]))  # no target: no grad
    assert with_sample["6:s"][-1] == format_number(expected(model, "6")["6:s"][0])
    assert not any(text.startswith("grad") for texts in with_sample.values() for text in texts)


def test_an_unknown_perceptron_is_refused_with_the_names():
    model = nn.tutorial_network(seed=0)
    with pytest.raises(ValueError, match=r"open names '7'.*perceptrons are 1, 2, 3, 4, 5, 6"):
        draw_network(model, SAMPLE, TARGET, open=["3", "7"])
    with pytest.raises(TypeError, match="open must be a list"):
        draw_network(model, open="3")


def test_a_closed_figure_is_unchanged_by_the_option():
    model = nn.tutorial_network(seed=0)
    assert draw_network(model, SAMPLE, TARGET).source == draw_network(
        model, SAMPLE, TARGET, open=[]).source


def test_the_trace_keeps_the_operations_of_the_perceptrons_asked_for():
    model = nn.tutorial_network(seed=0)
    trace = model.trace(SAMPLE, TARGET, open=["3"])
    assert list(trace.operations) == ["3"]
    kinds = [op.kind for op in trace.operations["3"]]
    assert kinds == ["product", "product", "product", "sum", "activation"]
    assert trace.operations["3"][3].grad == trace.delta["3"]
    with pytest.raises(ValueError, match="its perceptrons are 1, 2, 3, 4, 5, 6"):
        model.trace(SAMPLE, TARGET, open=["x"])
    assert model.trace(SAMPLE, TARGET).operations is None


def test_the_tikz_follows_the_same_plan():
    model = nn.tutorial_network(seed=0)
    tex = to_tikz(model, SAMPLE, TARGET, open=["3"], standalone=False)
    assert r"$w_{in\_x\to 3} z_{in\_x}$" in tex  # the product's name as mathematics
    for value, gradient in expected(model, "3").values():
        assert rf"${number(value)}$\\$\mathrm{{grad}} = {number(gradient)}$" in tex


def test_the_shown_gradients_agree_with_finite_differences():
    # dE/ds_3 = dE/dw_0 of 3 (s_3 moves with its bias one for one), and
    # dE/dz_3 = (dE/dw_{3->6}) w_{3->6} / z_3, both by central differences of E.
    model = nn.tutorial_network(seed=0)
    shown = operations(drawn(model, sample=SAMPLE, target=TARGET, open=["3"]))

    def slope(w, h=1e-6):
        w.data += h
        up = model.trace(SAMPLE, TARGET).loss
        w.data -= 2 * h
        down = model.trace(SAMPLE, TARGET).loss
        w.data += h
        return (up - down) / (2 * h)

    def grad_of(tag):
        return float(shown[tag][-1].removeprefix("grad "))

    assert grad_of("3:s") == pytest.approx(slope(model.bias("3")), rel=1e-3)
    w36, z3 = model.weight("3", "6"), model.trace(SAMPLE).z["3"]
    assert grad_of("3:z") == pytest.approx(slope(w36) * w36.data / z3, rel=1e-3)
