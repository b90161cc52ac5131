"""logaddexp, ln(e^x + e^y): the table's one binary function that never overflows.

Checked against the plain formula where that is finite, against central differences and
second differences, at +-1e4 (where e^x overflows) on the scalar engine and on a compiled
program, and at the edges x = y, +-inf and nan, on floats, Values and arrays alike.
"""

import math

import numpy as np
import pytest

import autograd
from autograd import Value, grad, gradcheck, gradgradcheck
from autograd.ops import FLOATS


@pytest.mark.parametrize("x, y", [(0.3, -1.2), (-2.0, 5.0), (4.0, 4.0), (-30.0, 2.0)])
def test_value_and_derivatives_are_the_plain_formula(x, y):
    a, b = Value(x), Value(y)
    out = a.logaddexp(b)
    assert out.data == pytest.approx(math.log(math.exp(x) + math.exp(y)), rel=1e-15)
    sigma_xy = math.exp(x) / (math.exp(x) + math.exp(y))  # d/dx = e^x / (e^x + e^y)
    assert grad(out, [a, b]) == pytest.approx([sigma_xy, 1.0 - sigma_xy], rel=1e-14)


def test_first_and_second_derivatives_match_differences():
    assert gradcheck(lambda a, b: a.logaddexp(b * b), [0.3, -1.2])
    assert gradgradcheck(lambda a, b: a.logaddexp(b) * b, [0.7, -0.4])


@pytest.mark.parametrize("x, y", [(1e4, -1e4), (-1e4, 1e4), (1e4, 1e4 - 1.0), (-1e4, -1e4)])
def test_exact_where_e_to_the_x_overflows(x, y):
    a, b = Value(x), Value(y)
    out = a.logaddexp(b)
    top, gap = max(x, y), abs(x - y)
    assert out.data == top + math.log1p(math.exp(-gap))
    ga, gb = grad(out, [a, b])
    assert ga + gb == 1.0  # sigma(x - y) = (1 + tanh((x - y) / 2)) / 2, another closed form
    assert ga == pytest.approx(0.5 * (1.0 + math.tanh((x - y) / 2)), rel=1e-15, abs=1e-300)
    program = autograd.compile(out, [a, b])
    assert program([[x, y]]).tolist() == [[out.data]]


def test_edges_agree_on_floats_and_arrays():
    cases = [(0.0, 0.0), (math.inf, math.inf), (-math.inf, -math.inf), (math.inf, -math.inf),
             (-math.inf, 3.0), (math.nan, 1.0), (1.0, math.nan)]
    for x, y in cases:
        with np.errstate(invalid="ignore"):  # NumPy warns where it returns nan
            want = float(np.logaddexp(x, y))
        got = FLOATS.logaddexp(x, y)
        assert got == want or (math.isnan(got) and math.isnan(want)), (x, y)
    assert FLOATS.logaddexp(2.0, 2.0) == 2.0 + math.log(2.0)
