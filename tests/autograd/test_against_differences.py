"""Every op and random DAGs against central differences (hypothesis)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_graphs import build, recipes

import autograd
from autograd import GradcheckError, Value, gradcheck, gradgradcheck

# Each op on the part of its domain where it is smooth, away from kinks and poles.
inside = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False)
positive = st.floats(min_value=0.2, max_value=4.0, allow_nan=False)
away_from_zero = st.one_of(
    st.floats(min_value=-3.0, max_value=-0.1), st.floats(min_value=0.1, max_value=3.0)
)

UNARY_CASES = {
    "neg": (lambda x: -x, inside),
    "abs": (lambda x: abs(x), away_from_zero),
    "exp": (lambda x: x.exp(), inside),
    "log": (lambda x: x.log(), positive),
    "sqrt": (lambda x: x.sqrt(), positive),
    "tanh": (lambda x: x.tanh(), inside),
    "sigmoid": (lambda x: x.sigmoid(), inside),
    "relu": (lambda x: x.relu(), away_from_zero),
    "pow_const": (lambda x: x**3 - x**-2 + x**2.5 if x.data > 0 else x**3, away_from_zero),
}
BINARY_CASES = {
    "+": (lambda x, y: x + y, inside, inside),
    "-": (lambda x, y: x - y, inside, inside),
    "*": (lambda x, y: x * y, inside, inside),
    "/": (lambda x, y: x / y, inside, away_from_zero),
    "**": (lambda x, y: x**y, positive, inside),
}


@pytest.mark.parametrize("name", sorted(UNARY_CASES))
def test_unary_op_against_central_differences(name):
    fn, points = UNARY_CASES[name]

    @given(points)
    def check(x):
        assert gradcheck(fn, [x])

    check()


@pytest.mark.parametrize("name", sorted(BINARY_CASES))
def test_binary_op_against_central_differences(name):
    fn, xs, ys = BINARY_CASES[name]

    @given(xs, ys)
    def check(x, y):
        assert gradcheck(fn, [x, y])
        assert gradcheck(lambda a: fn(a, Value(y)), [x])  # the other operand a constant
        assert gradcheck(lambda b: fn(Value(x), b), [y])

    check()


@settings(max_examples=300)
@given(recipes())
def test_random_dags_against_central_differences(recipe):
    point, steps = recipe
    assert gradcheck(build(steps), point, eps=1e-6, atol=1e-5, rtol=1e-4)


@settings(max_examples=100)
@given(recipes(max_steps=6))
def test_random_dags_second_derivatives(recipe):
    point, steps = recipe
    assert gradgradcheck(build(steps), point, eps=1e-5, atol=1e-4, rtol=1e-3)


def test_gradcheck_reports_the_worst_input_and_both_numbers():
    def fn(a, b):
        return a * b + a.tanh()

    original = autograd.ops.TANH.derivatives
    broken = (lambda m, g, out, x: g * out,)  # wrong on purpose: tanh' != tanh
    object.__setattr__(autograd.ops.TANH, "derivatives", broken)
    try:
        with pytest.raises(GradcheckError) as info:
            gradcheck(fn, [0.7, 2.0])
    finally:
        object.__setattr__(autograd.ops.TANH, "derivatives", original)
    message = str(info.value)
    assert "input 0" in message and "0.7" in message
    engine = 2.0 + math.tanh(0.7)
    true = 2.0 + 1 - math.tanh(0.7) ** 2
    assert f"{engine!r}"[:8] in message and f"{true}"[:6] in message
    assert gradcheck(fn, [0.7, 2.0])


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: gradcheck(lambda a: a, "12"), TypeError, "gradcheck: values must be a list"),
        (lambda: gradcheck(lambda a: a, [None]), TypeError, r"gradcheck: values\[0\]"),
        (lambda: gradcheck(lambda a: 3.0, [1.0]), TypeError, "fn must return a Value, got float"),
        (lambda: gradgradcheck(lambda a: a, 5), TypeError, "gradgradcheck: values must be a list"),
    ],
)
def test_gradcheck_rejects_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
