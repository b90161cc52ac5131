"""The edges where the engine once disagreed with IEEE arithmetic and with itself.

x ** 0 (derivative 0 to every order), nodes made only of constants (no rule runs, no
``.grad``), nan (propagates through relu and abs, value and gradient, on every path),
sin and cos (the proof that an op is one table entry and one method), and threads.
"""

import math
import threading

import numpy as np
import pytest

import autograd
from autograd import Constant, Value, explain, grad, gradcheck, gradgradcheck, jvp


def test_x_to_the_zero_has_derivative_zero_at_zero():
    x = Value(0.0)
    (1.0 * x**0 + 2.0 * x).backward()
    assert x.grad == 2.0
    assert grad(x**0 + 2.0 * x, [x]) == [2.0]
    program = autograd.compile(x**0 + 2.0 * x, [x])
    assert program.gradients([[0.0], [3.0]]) == []  # x is an input: no parameter
    w = Value(0.0)
    program = autograd.compile(w**0 * x + w, [x])
    assert program.gradients([[0.0], [5.0]]) == [2.0]


@pytest.mark.parametrize("at", [1e-200, 0.0, -3.0, 2.0])
def test_x_to_the_zero_has_derivative_zero_to_every_order(at):
    x = Value(at)
    d = x**0
    for _ in range(4):
        d, = grad(d, [x], create_graph=True)
        assert d.data == 0.0
    assert grad(d, [x]) == [0.0]


def test_a_node_made_of_constants_is_a_constant_on_every_path():
    c, x = Constant(2.0).exp(), Value(1.0, "x")
    assert isinstance(c, Constant) and c.op is None and c.data == math.exp(2.0)
    (c * x).backward()
    assert c.grad == 0.0 and x.grad == math.exp(2.0)
    y = Constant(0.0).sqrt() + x  # d sqrt/dx is infinite at 0, but no rule runs for it
    x.grad = 0.0
    y.backward()
    assert x.grad == 1.0 and grad(y, [x]) == [1.0]
    assert [step.name for step in explain(y)] == ["v2", "x"]  # no step for the constant
    assert explain(y).gradients[x] == 1.0
    assert jvp(y, [x], [1.0]) == [1.0]
    w = Value(1.0)
    program = autograd.compile(Constant(0.0).sqrt() * Constant(2.0) + w * x, [x])
    assert program.gradients([[3.0]]) == [3.0]


def test_nan_propagates_through_relu_and_abs_in_value_and_gradient():
    for f in (Value.relu, abs):
        x = Value(math.nan)
        y = f(x)
        y.backward()
        assert math.isnan(y.data) and math.isnan(x.grad)
        assert math.isnan(grad(f(x), [x])[0]) and math.isnan(jvp(f(x), [x], [1.0])[0])
        w, z = Value(math.nan), Value(0.0)
        program = autograd.compile(f(w) * z, [z])
        assert np.isnan(program([[1.0]])).all() and math.isnan(program.gradients([[1.0]])[0])
        w.grad = 0.0
        assert math.isnan(program.backward_row([1.0])[0]) and math.isnan(w.grad)


def test_nan_in_one_weighted_sum_stays_out_of_its_neighbours():
    x, w = Value(0.0), [Value(0.5), Value(-1.0)]
    program = autograd.compile([w[0] * x + 1.0, w[1] * x.exp() + 2.0], [x])
    out = program([[math.inf], [1.0]])
    assert out[0, 0] == math.inf and out[0, 1] == -math.inf
    assert list(out[1]) == [1.5, 2.0 - math.e]


def test_sin_and_cos_are_one_entry_and_one_method_each():
    x = Value(0.7)
    assert (x.sin().data, x.cos().data) == (math.sin(0.7), math.cos(0.7))
    assert grad(x.sin(), [x]) == [math.cos(0.7)] and grad(x.cos(), [x]) == [-math.sin(0.7)]
    d = x.sin()
    for k in range(1, 5):  # sin^(k) = sin(x + k pi / 2)
        d, = grad(d, [x], create_graph=True)
        assert abs(d.data - math.sin(0.7 + k * math.pi / 2)) < 1e-12
    assert gradcheck(lambda a, b: (a * b).sin() / (1 + b.cos() ** 2), [0.3, -1.2])
    assert gradgradcheck(lambda a, b: (a * b).sin() * b.cos(), [0.3, -1.2])
    program = autograd.compile([x.sin(), x.cos()], [x])
    np.testing.assert_allclose(program([[0.1], [math.inf]]),
                               [[math.sin(0.1), math.cos(0.1)], [math.nan, math.nan]])
    assert math.isnan(Value(math.inf).sin().data)


def test_grad_is_safe_from_many_threads_at_once():
    # .grad accumulation by backward() belongs to one thread; grad() touches no shared
    # state, so concurrent calls into shared leaves give the exact sum
    w = [Value(0.1 * k) for k in range(5)]
    results = []

    def work() -> None:
        total = [0.0] * len(w)
        for _ in range(20):
            loss = sum(((wk * wk).tanh() for wk in w), Value(0.0))
            total = [t + g for t, g in zip(total, grad(loss, w), strict=True)]
        results.append(total)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    one = grad(sum(((wk * wk).tanh() for wk in w), Value(0.0)), w)
    sums = [sum(r[k] for r in results) for k in range(len(w))]
    assert len(results) == 8
    for s, g in zip(sums, one, strict=True):
        assert abs(s - 160 * g) <= 1e-12 * max(1.0, abs(s))
    assert all(wk.grad == 0.0 for wk in w)


def test_domain_errors_say_what_and_where_on_floats_and_arrays():
    with pytest.raises(ValueError, match=r"^pow: a negative base needs an integer exponent, "
                                         r"got x = -8.0, y = 0.5$"):
        Value(-8.0) ** 0.5
    with pytest.raises(ValueError, match=r"^pow: a Value exponent needs a positive base"):
        Value(0.0) ** Value(2.0)
    assert (Value(-2.0) ** Constant(2.0)).data == 4.0  # a Constant exponent is a number
    x = Value(1.0)
    with pytest.raises(ZeroDivisionError, match=r"^div: division by zero, got x = 1.0, "
                                                r"y = 0.0 \(batch row 1\)$"):
        autograd.compile(1 / x, [x])([[2.0], [0.0]])
