"""Forward mode: jvp, jacobian and explain(mode="forward"), against independent references.

References: central differences, ``grad()`` transposed (reverse mode), and for higher
order the Hessian from ``grad`` twice against forward-over-reverse.
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_graphs import build, recipes

from autograd import Jacobian, Value, explain, grad, jacobian, jvp
from autograd.mode import no_grad


def central(fn, point, direction, eps=1e-6):
    def at(t):
        with no_grad():
            return fn(*[Value(p + t * d) for p, d in zip(point, direction, strict=True)]).data
    return (at(eps) - at(-eps)) / (2 * eps)


@settings(max_examples=80, deadline=None)
@given(recipes(), st.lists(st.floats(-1, 1), min_size=3, max_size=3))
def test_jvp_is_grad_transposed_and_a_central_difference(recipe, direction):
    point, steps = recipe
    fn, xs = build(steps), [Value(p) for p in point]
    t = direction[:len(xs)]
    out = fn(*xs)
    (got,) = jvp(out, xs, t)
    want = sum(g * d for g, d in zip(grad(out, xs), t, strict=True))
    assert abs(got - want) <= 1e-9 * max(1.0, abs(want))
    assert abs(got - central(fn, point, t)) <= 1e-4 * max(1.0, abs(want))
    assert all(x.grad == 0.0 for x in xs)  # touches no .grad


@settings(max_examples=60, deadline=None)
@given(recipes(max_inputs=3))
def test_both_modes_give_the_same_jacobian(recipe):
    point, steps = recipe
    fn, xs = build(steps), [Value(p) for p in point]
    outs = [fn(*xs), fn(*xs).tanh(), xs[0] * 2.0]
    reverse, forward = jacobian(outs, xs), jacobian(outs, xs, mode="forward")
    assert (reverse.sweeps, forward.sweeps) == (3, len(xs))
    for r_row, f_row in zip(reverse, forward, strict=True):
        for r, f in zip(r_row, f_row, strict=True):
            assert abs(r - f) <= 1e-9 * max(1.0, abs(r))


def test_the_sweeps_and_rule_evaluations_of_a_small_graph():
    a, b = Value(2.0), Value(3.0)
    s = a * b + a  # edges with a rule: (s, a*b), (s, a), (a*b, a), (a*b, b)
    reverse, forward = jacobian(s, [a, b]), jacobian(s, [a, b], mode="forward")
    assert isinstance(reverse, Jacobian) and reverse == forward == [[4.0, 2.0]]
    assert (reverse.sweeps, reverse.rule_evaluations) == (1, 4)
    # seeding a reaches all 4 edges but through a * b only a's; b reaches 2 edges
    assert (forward.sweeps, forward.rule_evaluations) == (2, 3 + 2)


def test_forward_over_reverse_is_the_hessian_times_a_vector():
    xs = [Value(0.3), Value(-0.7), Value(1.1)]
    f = (xs[0] * xs[1]).tanh() * xs[2] + (xs[2] ** 3).sin() / (1 + xs[0] ** 2)
    first = grad(f, xs, create_graph=True)
    hessian = [grad(g, xs) for g in first]
    v = [0.5, -1.0, 2.0]
    hv = jvp(first, xs, v)
    for row, got in zip(hessian, hv, strict=True):
        want = sum(h * vj for h, vj in zip(row, v, strict=True))
        assert abs(got - want) <= 1e-12 * max(1.0, abs(want))


def test_jvp_with_create_graph_differentiates_again():
    x = Value(0.4)
    (d1,) = jvp(x.sigmoid(), [x], [1.0], create_graph=True)
    (d2,) = jvp(d1, [x], [1.0], create_graph=True)
    s = 1 / (1 + math.exp(-0.4))
    assert abs(d1.data - s * (1 - s)) < 1e-15
    assert abs(d2.data - s * (1 - s) * (1 - 2 * s)) < 1e-15
    assert abs(grad(d2, [x])[0] - s * (1 - s) * (1 - 6 * s + 6 * s * s)) < 1e-12


def test_jvp_edge_cases():
    x, y = Value(1.5), Value(2.0)
    assert jvp([x * y, y], [x, x], [1.0, 2.0]) == [6.0, 0.0]  # tangents of x add up
    assert jvp(y * 3, [x], [1.0]) == [0.0]
    (t,) = jvp(x * y, [x], [1.0], create_graph=True)
    assert isinstance(t, Value) and t.data == 2.0


def test_explain_forward_sums_the_chain_rule_into_the_tangent():
    x, w = Value(2.0, "x"), Value(-0.5, "w")
    z = (w * x).tanh() * x
    steps = explain(z, mode="forward", wrt=x)
    assert steps.mode == "forward" and steps[0].node is x and steps[0].upstream == 1.0
    assert steps[-1].node is z and steps[-1].upstream == jvp(z, [x], [1.0])[0]
    for step in steps.steps[1:]:
        assert math.isclose(step.upstream, sum(s.contribution for s in step.shares))
        assert step.shares[-1].total == step.upstream
    text = str(steps)
    assert text.startswith("Forward pass of dv4/dx") and "<- x: " in text
    assert "1. x (leaf) = 2.000;  dx/dx = 1 (the start of the pass)" in text
    assert w not in steps.gradients  # w does not depend on x: no step


def test_bad_arguments_are_refused_with_clear_messages():
    x = Value(1.0)
    with pytest.raises(ValueError, match=r"jvp: tangents must hold 1 numbers, one per input"):
        jvp(x, [x], [1.0, 2.0])
    with pytest.raises(TypeError, match=r"jvp: tangents\[0\]: expected a Value or a real number"):
        jvp(x, [x], ["a"])
    with pytest.raises(TypeError, match=r"jacobian: outputs must be a Value or a non-empty"):
        jacobian([], [x])
    with pytest.raises(ValueError, match=r"mode must be 'reverse' or 'forward', got 'side'"):
        jacobian(x, [x], mode="side")
    with pytest.raises(TypeError, match=r"explain: wrt must be a Value with mode='forward'"):
        explain(x * 2, mode="forward")
    with pytest.raises(ValueError, match=r"does not depend on wrt"):
        explain(x * 2, mode="forward", wrt=Value(3.0))
