"""explain(): the reverse pass as data, checked against the engine and hand-typed rules."""

import math

import pytest
from hypothesis import given, settings
from random_graphs import build, recipes

from autograd import Constant, Value, explain, topological_order


def sigma(x):
    return 1 / (1 + math.exp(-x))


def perceptron():
    w0, w1, a1 = Value(0.1, "w0"), Value(-0.4, "w1"), Value(0.5, "a1")
    s = w0 + w1 * a1
    s.label = "s"
    z = s.sigmoid()
    z.label = "z"
    return z, (w0, w1, a1, s)


def test_steps_follow_the_engines_order_and_touch_no_grad():
    z, (w0, w1, a1, s) = perceptron()
    steps = explain(z)
    order = [n for n in reversed(topological_order(z)) if not isinstance(n, Constant)]
    assert [step.node for step in steps] == order
    assert [step.index for step in steps] == list(range(1, len(order) + 1))
    assert all(n.grad == 0.0 for n in topological_order(z))


def test_local_derivatives_are_the_tutorials_formulas():
    # z = sigma(s), s = w0 * 1 + w1 * a1 (the tutorial, section 2.1, a_0 = 1).
    z, (w0, w1, a1, s) = perceptron()
    steps = explain(z)
    first = steps[0]
    zs = sigma(0.1 - 0.4 * 0.5)
    assert first.name == "z" and first.op.name == "sigmoid" and first.upstream == 1.0
    (share,) = first.shares
    assert share.parent is s and share.local == pytest.approx(zs * (1 - zs), abs=1e-15)
    product = next(step for step in steps if step.op is not None and step.op.name == "*")
    locals_ = {sh.name: sh.local for sh in product.shares}
    assert locals_ == {"w1": 0.5, "a1": -0.4}  # d(w1 a1)/dw1 = a1, d(w1 a1)/da1 = w1
    contributions = {sh.name: sh.contribution for sh in product.shares}
    assert contributions["w1"] == pytest.approx(zs * (1 - zs) * 0.5, abs=1e-15)


def test_running_totals_add_up_a_reused_node():
    x = Value(3.0, "x")
    y = x * x  # dy/dx = 2x, sent as two shares of x each
    (step, leaf) = explain(y)
    assert [sh.parent for sh in step.shares] == [x, x]
    assert [sh.contribution for sh in step.shares] == [3.0, 3.0]
    assert [sh.total for sh in step.shares] == [3.0, 6.0]
    assert leaf.node is x and leaf.upstream == 6.0 and leaf.shares == ()


def test_constants_receive_nothing():
    x = Value(2.0, "x")
    steps = explain(x * 5 + 1)
    assert all(not isinstance(sh.parent, Constant) for step in steps for sh in step.shares)
    assert steps.gradients[x] == 5.0


@settings(max_examples=40)
@given(recipes())
def test_shares_sum_to_the_engines_gradients(recipe):
    point, steps = recipe
    xs = [Value(p) for p in point]
    out = build(steps)(*xs)
    explanation = explain(out)
    sums = {}
    for step in explanation:
        for share in step.shares:
            sums[share.parent] = sums.get(share.parent, 0.0) + share.contribution
    out.backward()
    for node in topological_order(out):
        if node is out or isinstance(node, Constant):
            continue
        assert sums.get(node, 0.0) == pytest.approx(node.grad, rel=1e-12, abs=1e-12)
        assert explanation.gradients.get(node, 0.0) == node.grad


def test_printed_as_a_worked_solution():
    z, _ = perceptron()
    text = str(explain(z))
    lines = text.splitlines()
    assert lines[0].startswith("Backward pass of z = 0.4750:")  # 4 significant digits
    assert "dz/dp += dz/dv * dv/dp" in lines[1]
    assert "1. z = sigmoid(s) = 0.4750;  dz/dz = 1 (the start of the pass)" in text
    assert "-> s: dz/ds = 0.2494;  1.000 * 0.2494 = 0.2494;  dz/ds so far = 0.2494" in text
    assert "w1 (leaf) = -0.4000;  dz/dw1 = 0.1247 (final)" in text


def test_repr_is_short_and_one_input_ops_read_as_calls():
    x = Value(2.0, "x")
    y = -x
    y.label = "y"
    explanation = explain(y)
    assert repr(explanation) == ("<Explanation of y = -2.000: 2 steps; print it for the worked "
                                 "solution>")
    assert "1. y = neg(x) = -2.000;" in str(explanation)


def test_refuses_a_non_value():
    with pytest.raises(TypeError, match="explain: output must be a Value, got float"):
        explain(1.0)
