"""Perceptron, Layer, MLP and activations: the formulas, the protocol and every bad input."""

import math
import random

import pytest

import nn
from autograd import Value, no_grad
from autograd.ops import SIGMOID


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


# -- Perceptron ---------------------------------------------------------------------------------


@pytest.mark.parametrize("activation, sigma", [
    ("sigmoid", sig), ("tanh", math.tanh), ("linear", lambda t: t),
    ("relu", lambda t: max(0.0, t)),
])
def test_perceptron_is_sigma_of_w_dot_a(activation, sigma):
    p = nn.Perceptron(3, activation=activation, seed=4)
    assert len(p.w) == 4 and p.parameters() == p.w
    a = [0.5, -1.0, 2.0]
    expected = sigma(p.w[0].data + sum(w.data * x for w, x in zip(p.w[1:], a, strict=True)))
    assert p(a).data == pytest.approx(expected, abs=1e-15)
    assert p.activation == activation


def test_perceptron_forward_is_lean():
    # s = w_0 + w_1 a_1 + w_2 a_2: two products, two sums, one sigmoid, nothing else.
    p = nn.Perceptron(2, seed=0)
    out = p([1.0, 2.0])
    assert out.op is SIGMOID
    nodes, stack = set(), [out]
    while stack:
        v = stack.pop()
        if v not in nodes and not v.is_leaf:
            nodes.add(v)
            stack.extend(v.parents)
    assert sorted(v.op.name for v in nodes) == ["*", "*", "+", "+", "sigmoid"]
    assert out.parents[0].parents[0].parents[0] is p.w[0]  # the chain starts at the bias


def test_perceptron_takes_values_and_dicts_and_gives_input_gradients():
    p = nn.Perceptron(2, seed=1, input_names=["in_x", "in_y"])
    x = Value(0.3)
    out = p({"in_x": x, "in_y": 0.1})
    out.backward()
    h = out.data
    assert x.grad == pytest.approx(h * (1 - h) * p.w[1].data)
    assert p.input_names == ["in_x", "in_y"] and p.output_names == ["1"]
    assert [name for name, _ in p.named_parameters()] == ["w[0->1]", "w[in_x->1]", "w[in_y->1]"]


def test_one_input_models_take_a_bare_number():
    p = nn.Perceptron(1, activation="linear", seed=2)
    assert p(3.0).data == pytest.approx(p.w[0].data + 3.0 * p.w[1].data)


def test_seeds_are_reproducible_and_independent_of_global_random():
    random.seed(1)
    a = [w.data for w in nn.Perceptron(5, seed=42).w]
    random.seed(2)
    b = [w.data for w in nn.Perceptron(5, seed=42).w]
    assert a == b and all(-1 < v < 1 for v in a)
    assert a != [w.data for w in nn.Perceptron(5, seed=43).w]
    assert nn.MLP(2, [3, 1], seed=0).state_dict() == nn.MLP(2, [3, 1], seed=0).state_dict()


@pytest.mark.parametrize("call, error, message", [
    (lambda p: p([1.0]), ValueError, r"Perceptron: expected 2 inputs \(x1, x2\), got 1"),
    (lambda p: p([1.0, 2.0, 3.0]), ValueError, "expected 2 inputs .*got 3"),
    (lambda p: p([1.0, "a"]), TypeError, "input 'x2' must be a number or a Value, got str"),
    (lambda p: p([True, 1.0]), TypeError, "input 'x1' must be a number or a Value, got bool"),
    (lambda p: p("ab"), TypeError, "input must be a list of 2 numbers"),
    (lambda p: p(1.0), TypeError, "input must be a list of 2 numbers"),
    (lambda p: p({"x1": 1.0}), ValueError, r"missing x2, unknown none"),
    (lambda p: p({"x1": 1.0, "x2": 2, "z": 3}), ValueError, "missing none, unknown z"),
    (lambda p: p.predict([[1.0, 2.0], [1.0]]), ValueError, r"predict: X\[1\]: .*expected 2"),
    (lambda p: p.predict("ab"), TypeError, "predict: X must be a list of inputs"),
])
def test_bad_inputs_say_what_was_expected(call, error, message):
    with pytest.raises(error, match=message):
        call(nn.Perceptron(2, seed=0))


@pytest.mark.parametrize("make, error, message", [
    (lambda: nn.Perceptron(0), ValueError, "n_inputs must be at least 1, got 0"),
    (lambda: nn.Perceptron(2.0), TypeError, "n_inputs must be an int, got float"),
    (lambda: nn.Perceptron(2, activation="step"), ValueError,
     "unknown activation 'step'; known activations: sigmoid, tanh, linear, relu"),
    (lambda: nn.Perceptron(2, activation=3), TypeError, "activation must be a name"),
    (lambda: nn.Perceptron(2, activation=lambda s: 1.0), TypeError,
     "activation '<lambda>' must return a Value when called on a Value, got float"),
    (lambda: nn.Perceptron(2, seed="x"), TypeError, "seed must be an int or None, got str"),
    (lambda: nn.Perceptron(2, input_names=["a"]), ValueError, "1 input_names given for 2"),
    (lambda: nn.Perceptron(2, input_names=["a", "a"]), ValueError, "repeat a name"),
    (lambda: nn.Perceptron(1, input_names=["1"]), ValueError, "'1' is also an input name"),
    (lambda: nn.MLP(2, []), TypeError, "sizes must be a non-empty list of layer widths"),
    (lambda: nn.MLP(2, [3, 0]), ValueError, r"sizes\[1\] \(layer 2\) must be an int >= 1, got 0"),
    (lambda: nn.MLP(2, [3, 1], output_activation="soft"), ValueError, "unknown activation 'soft'"),
    (lambda: nn.MLP(1, [1, 1], input_names=["2.1"]), ValueError, "'2.1' is used twice"),
    (lambda: nn.Layer(2, 0), ValueError, "n_outputs must be at least 1, got 0"),
])
def test_bad_construction_is_refused_with_a_message(make, error, message):
    with pytest.raises(error, match=message):
        make()


# -- activations -------------------------------------------------------------------------------


def test_callable_activations_keep_their_name_and_named_ones_are_recognised():
    def softsign(s):
        return s / (1 + abs(s))

    p = nn.Perceptron(1, activation=softsign, seed=0)
    assert p.activation == "softsign" and p.units()[0].activation == "softsign"
    s = p.w[0].data + p.w[1].data * 0.7
    assert p([0.7]).data == pytest.approx(s / (1 + abs(s)))
    assert nn.Perceptron(1, activation=Value.tanh).activation == "tanh"
    assert set(nn.ACTIVATIONS) == {"sigmoid", "tanh", "linear", "relu"}


# -- Layer and MLP -----------------------------------------------------------------------------


def test_mlp_uses_g_in_hidden_layers_and_g_o_at_the_output():
    mlp = nn.MLP(2, [3, 1], activation="tanh", output_activation="linear", seed=3)
    assert [u.activation for u in mlp.units()] == ["tanh"] * 3 + ["linear"]
    assert [u.name for u in mlp.units()] == ["1.1", "1.2", "1.3", "2.1"]
    assert [u.layer for u in mlp.units()] == [1, 1, 1, 2]
    x = [0.2, -0.6]
    hidden = [math.tanh(p.w[0].data + p.w[1].data * x[0] + p.w[2].data * x[1])
              for p in mlp.layers[0].perceptrons]
    (out,) = mlp.layers[1].perceptrons
    expected = out.w[0].data + sum(w.data * o for w, o in zip(out.w[1:], hidden, strict=True))
    assert mlp(x).data == pytest.approx(expected, abs=1e-15)
    assert nn.MLP(2, [3, 1], activation="relu").units()[-1].activation == "relu"


def test_widths_of_one_and_several_outputs():
    thin = nn.MLP(1, [1, 1, 1], seed=0)
    assert isinstance(thin([0.5]), Value) and len(thin.parameters()) == 6
    wide = nn.MLP(2, [2, 3], seed=0)
    out = wide([0.1, 0.2])
    assert isinstance(out, list) and len(out) == 3
    assert wide.output_names == ["2.1", "2.2", "2.3"]
    assert wide.predict([[0.1, 0.2]]) == [[o.data for o in out]]
    layer = nn.Layer(2, 4, activation="relu", seed=1)
    assert len(layer([1.0, -1.0])) == 4 and len(layer.parameters()) == 12


def test_parameter_names_are_stable_and_readable():
    mlp = nn.MLP(2, [2, 1], seed=0)
    assert [name for name, _ in mlp.named_parameters()] == [
        "w[0->1.1]", "w[x1->1.1]", "w[x2->1.1]", "w[0->1.2]", "w[x1->1.2]", "w[x2->1.2]",
        "w[0->2.1]", "w[1.1->2.1]", "w[1.2->2.1]",
    ]
    assert all(w.label == name for name, w in mlp.named_parameters())
    assert mlp.parameters() == [w for layer in mlp.layers for p in layer.perceptrons for w in p.w]


def test_zero_grad_and_predict_under_no_grad():
    mlp = nn.MLP(2, [3, 1], seed=0)
    mlp([1.0, 2.0]).backward()
    assert any(w.grad != 0 for w in mlp.parameters())
    mlp.zero_grad()
    assert all(w.grad == 0 for w in mlp.parameters())
    X = [[0.1, 0.2], [-0.3, 0.4]]
    assert mlp.predict(X) == [mlp(x).data for x in X]
    with no_grad():
        assert mlp([0.1, 0.2]).is_leaf


def test_units_follow_the_protocol():
    mlp = nn.MLP(2, [2, 1], seed=0)
    unit = mlp.units()[2]
    assert isinstance(unit, nn.Unit)
    assert unit.bias is mlp.layers[1].perceptrons[0].w[0]
    assert [src for src, _ in unit.weights] == ["1.1", "1.2"]
    with pytest.raises(AttributeError):
        unit.name = "other"  # frozen


# -- trace ------------------------------------------------------------------------------------


def test_trace_without_target_records_the_forward_pass_only():
    p = nn.Perceptron(2, seed=0)
    trace = p.trace([0.5, 0.25])
    s = p.w[0].data + p.w[1].data * 0.5 + p.w[2].data * 0.25
    assert trace.inputs == {"x1": 0.5, "x2": 0.25}
    assert trace.s == {"1": pytest.approx(s)} and trace.z == {"1": pytest.approx(sig(s))}
    assert trace.outputs == [pytest.approx(sig(s))]
    assert (trace.loss, trace.delta, trace.weight_grads, trace.bias_grads) == (None,) * 4


def test_trace_with_other_losses_and_bad_targets():
    p = nn.Perceptron(2, seed=0)
    h = p([0.5, 0.25]).data
    trace = p.trace([0.5, 0.25], 1, loss="binary_cross_entropy")
    assert trace.loss == pytest.approx(-math.log(h))
    assert trace.delta["1"] == pytest.approx(h - 1)  # dE/ds = sigma(s) - y
    with pytest.raises(ValueError, match="unknown loss 'l1'"):
        p.trace([0.5, 0.25], 1, loss="l1")
    with pytest.raises(ValueError, match="prediction 0 is one number but target 0 is"):
        p.trace([0.5, 0.25], [1.0, 0.0])
    with pytest.raises(RuntimeError, match="outside autograd.no_grad"):
        with no_grad():
            p.trace([0.5, 0.25], 1.0)


def test_unit_outputs_are_every_z_j_of_the_forward_pass():
    net = nn.tutorial_network(seed=3)
    x = [0.4, -0.7]
    z = net.unit_outputs(x)
    trace = net.trace(x)
    assert [v.data for v in z] == [trace.z[u.name] for u in net.units()]
    assert z[-1].data == net(x).data
