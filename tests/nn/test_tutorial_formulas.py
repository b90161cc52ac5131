"""The tutorial's formulas (docs/tutorial.md), typed in by hand on plain floats, against the
engine and the trace."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nn
from nn.losses import squared_error
from nn.optim import SGD


def sig(t):
    return 1.0 / (1.0 + math.exp(-t))


coordinate = st.floats(-1.0, 1.0, allow_nan=False)


# -- the tutorial, section 3.2: the 21 partial derivatives of the 2-5-1 network --------------


def gradient_by_hand(net, in_x, in_y, y):
    """dE_i/dw for E_i = (z_6 - y_i)^2, every formula of the tutorial, section 3.2, written out."""
    w = lambda i, j: net.weight(i, j).data  # noqa: E731
    b = lambda j: net.bias(j).data  # noqa: E731
    hidden = ["1", "2", "3", "4", "5"]
    s = {j: b(j) + w("in_x", j) * in_x + w("in_y", j) * in_y for j in hidden}
    z = {j: sig(s[j]) for j in hidden}
    s6 = b("6") + sum(w(j, "6") * z[j] for j in hidden)
    z6 = sig(s6)
    out = {("in_1", "6"): 2 * (z6 - y) * sig(s6) * (1 - sig(s6))}
    for j in hidden:
        out[(j, "6")] = 2 * (z6 - y) * sig(s6) * (1 - sig(s6)) * z[j]
        back = 2 * (z6 - y) * sig(s[j]) * (1 - sig(s[j])) * sig(s6) * (1 - sig(s6)) * w(j, "6")
        out[("in_1", j)] = back
        out[("in_x", j)] = back * in_x
        out[("in_y", j)] = back * in_y
    return out, s | {"6": s6}, z | {"6": z6}


def engine_value(net, src, dst):
    return net.bias(dst) if src == "in_1" else net.weight(src, dst)


@settings(max_examples=40)
@given(st.integers(0, 10**6), coordinate, coordinate, st.floats(0.0, 1.0))
def test_all_21_partials_of_the_tutorial_network(seed, in_x, in_y, y):
    net = nn.tutorial_network(seed=seed)
    expected, s, z = gradient_by_hand(net, in_x, in_y, y)
    assert len(expected) == 21 == len(net.parameters())

    net.zero_grad()
    E = (net([in_x, in_y]) - y) ** 2
    E.backward()
    for (src, dst), value in expected.items():
        assert engine_value(net, src, dst).grad == pytest.approx(value, abs=1e-12), (src, dst)

    trace = net.trace({"in_x": in_x, "in_y": in_y}, y)  # loss "squared_error" is E_i
    assert trace.loss == pytest.approx((z["6"] - y) ** 2, abs=1e-12)
    for j in s:
        assert trace.s[j] == pytest.approx(s[j], abs=1e-12)
        assert trace.z[j] == pytest.approx(z[j], abs=1e-12)
    for (src, dst), value in expected.items():
        got = trace.bias_grads[dst] if src == "in_1" else trace.weight_grads[(src, dst)]
        assert got == pytest.approx(value, abs=1e-12), (src, dst)


def test_the_tutorials_weight_names_are_the_networks():
    net = nn.tutorial_network(seed=3)
    assert net.input_names == ["in_x", "in_y"]
    assert [u.name for u in net.units()] == ["1", "2", "3", "4", "5", "6"]
    assert net.output_names == ["6"]
    assert {u.activation for u in net.units()} == {"sigmoid"}
    assert net.weight("in_x", "1").label == "w[in_x->1]"
    assert net.bias("1") is net.units()[0].bias
    assert net.weight("1", "6") is dict(net.units()[5].weights)["1"]
    assert nn.tutorial_network(seed=3).state_dict() == net.state_dict()
    assert nn.tutorial_network(seed=4).state_dict() != net.state_dict()


# -- the tutorial, section 4: the delta recursion of layers with hidden g and output g_o -----

DERIVATIVE = {
    "tanh": (math.tanh, lambda a: 1 - math.tanh(a) ** 2),
    "sigmoid": (sig, lambda a: sig(a) * (1 - sig(a))),
    "relu": (lambda a: max(0.0, a), lambda a: 1.0 if a > 0 else 0.0),
    "linear": (lambda a: a, lambda a: 1.0),
}


def deltas_by_recursion(mlp, x, y, g, g_o):
    """Forward a_j^k, o_j^k; then delta_1^m = (y_hat - y) g_o'(a_1^m) and
    delta_j^k = g'(a_j^k) sum_l w_jl^{k+1} delta_l^{k+1}, for E = 1/2 (y_hat - y)^2."""
    o = {name: v for name, v in zip(mlp.input_names, x, strict=True)}
    a = {}
    m = len(mlp.layers)
    for k, layer in enumerate(mlp.layers, 1):
        act = DERIVATIVE[g_o if k == m else g][0]
        for p in layer.perceptrons:
            a[p.name] = p.w[0].data + sum(
                wi.data * o[src] for src, wi in zip(p.input_names, p.w[1:], strict=True)
            )
            o[p.name] = act(a[p.name])
    (out,) = mlp.layers[-1].perceptrons
    delta = {out.name: (o[out.name] - y) * DERIVATIVE[g_o][1](a[out.name])}
    for k in range(m - 1, 0, -1):
        following = mlp.layers[k].perceptrons
        for j, p in enumerate(mlp.layers[k - 1].perceptrons, 1):
            total = sum(q.w[j].data * delta[q.name] for q in following)
            delta[p.name] = DERIVATIVE[g][1](a[p.name]) * total
    return delta, o


@pytest.mark.parametrize("g, g_o", [("tanh", "sigmoid"), ("relu", "linear"),
                                    ("sigmoid", "tanh")])
def test_the_delta_recursion_equals_the_traced_deltas(g, g_o):
    rng = random.Random(7)
    for trial in range(10):
        mlp = nn.MLP(3, [4, 3, 1], activation=g, output_activation=g_o, seed=trial)
        x = [rng.uniform(-1, 1) for _ in range(3)]
        y = rng.uniform(-1, 1)
        expected, o = deltas_by_recursion(mlp, x, y, g, g_o)
        trace = mlp.trace(x, y, loss="mse")  # one sample: E = 1/2 (y_hat - y)^2
        assert set(trace.delta) == set(expected) == {u.name for u in mlp.units()}
        for name, value in expected.items():
            assert trace.delta[name] == pytest.approx(value, abs=1e-12), name
        for unit in mlp.units():  # dE/dw_ij^k = delta_j^k o_i^{k-1}, dE/dw_0j^k = delta_j^k
            assert trace.bias_grads[unit.name] == pytest.approx(expected[unit.name], abs=1e-12)
            for src, _ in unit.weights:
                assert trace.weight_grads[(src, unit.name)] == pytest.approx(
                    expected[unit.name] * o[src], abs=1e-12)


def test_tracing_touches_no_grad():
    mlp = nn.MLP(2, [3, 1], seed=1)
    mlp.trace([0.2, 0.4], 1.0)
    assert all(w.grad == 0.0 for w in mlp.parameters())


# -- the tutorial, section 2.1: one gradient step on a sigmoid perceptron ----------------------


def test_one_sgd_step_is_the_tutorials_perceptron_update():
    p = nn.Perceptron(2, seed=11)
    rng = random.Random(5)
    X = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(8)]
    Y = [rng.choice([0.0, 1.0]) for _ in X]
    w = [v.data for v in p.w]

    def h(x):
        return sig(w[0] + w[1] * x[0] + w[2] * x[1])

    # w <- w - 0.2 sum_i (h - y_i) h (1 - h) x_i, with x_i0 = 1
    expected = list(w)
    for x, y in zip(X, Y, strict=True):
        hx = h(x)
        for k, xk in enumerate([1.0, *x]):
            expected[k] -= 0.2 * (hx - y) * hx * (1 - hx) * xk

    optimizer = SGD(p.parameters(), lr=0.1)
    optimizer.zero_grad()
    squared_error([p(x) for x in X], Y).backward()
    optimizer.step()
    assert [v.data for v in p.w] == pytest.approx(expected, abs=1e-12)
