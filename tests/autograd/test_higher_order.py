"""create_graph: derivatives of derivatives, against closed forms."""

import math

import pytest

from autograd import Value, grad


def derivatives(f, x0, n):
    x = Value(x0)
    d = f(x)
    out = []
    for _ in range(n):
        (d,) = grad(d, [x], create_graph=True)
        out.append(d.data)
    return out


def s(x):
    return 1 / (1 + math.exp(-x))


CLOSED_FORMS = {
    # f(x) = x^3 e^x: (x^3 + 3k x^2 + 3k(k-1) x + k(k-1)(k-2)) e^x for the k-th derivative
    "x**3*exp": (
        lambda v: v**3 * v.exp(),
        lambda x: [
            (x**3 + 3 * k * x**2 + 3 * k * (k - 1) * x + k * (k - 1) * (k - 2)) * math.exp(x)
            for k in (1, 2, 3, 4)
        ],
    ),
    # t = tanh: t' = 1 - t^2, t'' = -2t(1 - t^2), t''' = (6t^2 - 2)(1 - t^2),
    # t'''' = (16t - 24t^3)(1 - t^2)
    "tanh": (
        lambda v: v.tanh(),
        lambda x: [
            (1 - math.tanh(x) ** 2) * p
            for p in (1, -2 * math.tanh(x), 6 * math.tanh(x) ** 2 - 2,
                      16 * math.tanh(x) - 24 * math.tanh(x) ** 3)
        ],
    ),
    # sigma' = s(1-s), sigma'' = s(1-s)(1-2s), sigma''' = s(1-s)(1-6s+6s^2),
    # sigma'''' = s(1-s)(1-2s)(1-12s+12s^2)
    "sigmoid": (
        lambda v: v.sigmoid(),
        lambda x: [
            s(x) * (1 - s(x)) * p
            for p in (1, 1 - 2 * s(x), 1 - 6 * s(x) + 6 * s(x) ** 2,
                      (1 - 2 * s(x)) * (1 - 12 * s(x) + 12 * s(x) ** 2))
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CLOSED_FORMS))
@pytest.mark.parametrize("x0", [-1.7, -0.3, 0.0, 0.4, 2.2])
def test_first_four_derivatives_match_closed_forms(name, x0):
    f, closed = CLOSED_FORMS[name]
    assert derivatives(f, x0, 4) == pytest.approx(closed(x0), rel=1e-12, abs=1e-12)


def test_mixed_partials_and_value_results():
    x, y = Value(0.5), Value(-1.5)
    f = x * x * y + (x * y).exp()
    fx, fy = grad(f, [x, y], create_graph=True)
    assert isinstance(fx, Value) and isinstance(fy, Value)
    (fxy,) = grad(fx, [y])
    (fyx,) = grad(fy, [x])
    expected = 2 * 0.5 + math.exp(-0.75) * (1 + 0.5 * -1.5)
    assert fxy == pytest.approx(expected, rel=1e-13) and fyx == pytest.approx(expected, rel=1e-13)


def test_constant_derivative_comes_back_as_a_value():
    x = Value(4.0)
    (d,) = grad(x * 3 + 1, [x], create_graph=True)
    assert isinstance(d, Value) and d.data == 3.0
    (dd,) = grad(d, [x])
    assert dd == 0.0


def test_power_of_a_negative_base_to_third_order():
    x = Value(-2.0)
    d1, = grad(x**4, [x], create_graph=True)
    d2, = grad(d1, [x], create_graph=True)
    d3, = grad(d2, [x])
    assert (d1.data, d2.data, d3) == (4 * -8.0, 12 * 4.0, 24 * -2.0)


def test_relu_and_abs_second_derivatives_are_zero():
    for f in (lambda v: v.relu() * 3, lambda v: abs(v) * 3):
        x = Value(-0.8)
        (d,) = grad(f(x), [x], create_graph=True)
        (dd,) = grad(d, [x])
        assert dd == 0.0
