"""The reverse pass: accumulation semantics, shared nodes, depth, width, memory."""

import gc
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_graphs import build, recipes

import autograd
from autograd import Value, explain, grad, jacobian, jvp, topological_order


def test_diamond_accumulates():
    a = Value(1.0)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0 and b.grad == 2.0 and c.grad == 1.0


def test_repeated_backward_doubles_leaves_only():
    a = Value(3.0)
    y = a * a * a
    y.backward()
    assert a.grad == 27.0
    inner = y.parents[0]
    assert inner.grad == 3.0  # d(a*a*a)/d(a*a) = a
    y.backward()
    assert a.grad == 54.0  # leaves accumulate; the interior a*a does not
    assert inner.grad == 3.0 and y.grad == 1.0


def test_backward_gradient_and_leaf_root():
    x = Value(2.0)
    (x * 3).backward(gradient=0.5)
    assert x.grad == 1.5
    x.backward()
    assert x.grad == 2.5
    with pytest.raises(TypeError, match="backward: expected a Value or a real number, got str"):
        x.backward("1")
    with pytest.raises(TypeError, match="backward: expected a Value, got list"):
        autograd.backward([x])


def test_topological_order_places_parents_first_and_each_node_once():
    x, y = Value(1.0, "x"), Value(2.0, "y")
    s = x * y
    out = (s + x) * s
    order = topological_order(out)
    position = {node: i for i, node in enumerate(order)}
    assert len(order) == len(position) == 5
    for node in order:
        for p in node.parents:
            assert position[p] < position[node]
    assert order[-1] is out and order[0] is x
    assert [n.label for n in order[:2]] == ["x", "y"]


def test_deep_chain_of_a_million_nodes():
    x = Value(0.5)
    y = x
    for _ in range(1_000_000):
        y = -y
    y.backward()
    assert x.grad == 1.0  # an even number of negations
    assert y.data == 0.5


def test_wide_sum_of_a_hundred_thousand_terms():
    xs = [Value(float(i)) for i in range(100_000)]
    total = sum(x * x for x in xs)
    total.backward()
    assert total.data == sum(float(i) ** 2 for i in range(100_000))
    assert all(x.grad == 2 * x.data for x in xs[::997])


def test_grad_leaves_grad_untouched_and_orders_results():
    x, y, unused = Value(2.0), Value(-1.0), Value(7.0)
    x.grad = 11.0
    out = x * y + y.exp()
    gx, gunused, gy = grad(out, [x, unused, y])
    assert (gx, gunused) == (-1.0, 0.0)
    assert gy == pytest.approx(2.0 + math.exp(-1.0))
    assert x.grad == 11.0 and y.grad == 0.0 and out.grad == 0.0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda x: grad(3.0, [x]), "grad: output must be a Value, got float"),
        (lambda x: grad(x * 2, x), "grad: inputs must be a list of Values, got Value"),
        (lambda x: grad(x * 2, [x, 1.0]), r"grad: inputs\[1\] must be a Value, got float"),
        (lambda x: topological_order([x]), "topological_order: expected a Value, got list"),
    ],
)
def test_grad_rejects_bad_arguments(call, message):
    with pytest.raises(TypeError, match=message):
        call(Value(1.0))


def test_constants_never_receive_gradients():
    x = Value(-2.0)
    y = x**3 * 5
    y.backward()
    exponent, five = y.parents[0].parents[1], y.parents[1]
    assert exponent.data == 3.0 and exponent.grad == 0.0 and five.grad == 0.0
    assert x.grad == 5 * 3 * 4.0


def test_a_dropped_graph_is_freed_without_the_cycle_collector():
    gc.collect()
    gc.disable()
    try:
        x = Value(0.3)
        y = x
        for _ in range(2000):
            y = (y * 1.0001 + x).tanh()
        y.backward()
        grad(y, [x], create_graph=True)
        del y
        assert gc.collect() == 0  # nothing was left for the cycle collector to find
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda x: x.sqrt(), ["derivative of sqrt", "(0.0)", "does not exist"]),
        (lambda x: x**0.5 + x, ["derivative of **", "(0.0, 0.5)", "got x = 0.0, y = -0.5"]),
    ],
)
def test_an_infinite_local_derivative_is_named(make, words):
    # d sqrt(x)/dx = 1 / (2 sqrt x) and d x^0.5/dx = 0.5 x^-0.5 are infinite at x = 0
    for run in (lambda y, x: y.backward(), lambda y, x: grad(y, [x])):
        x = Value(0.0)
        with pytest.raises(ZeroDivisionError) as info:
            run(make(x), x)
        for word in words:
            assert word in str(info.value)


# -- only the nodes on a path to an input asked for (issue 23) ----------------------------


def test_grad_visits_only_the_paths_to_the_inputs_asked_for():
    # the audit's reproduction: dy/dx of y = x sqrt(p) at p = 0 is sqrt(0) = 0 (PyTorch: 0.0)
    x, p = Value(2.0), Value(0.0)
    y = x * p.sqrt()
    assert jvp(y, [x], [1.0]) == [0.0]
    assert grad(y, [x]) == [0.0]
    (dx,) = grad(y, [x], create_graph=True)
    assert dx.data == 0.0
    assert jacobian(y, [x], mode="reverse") == [[0.0]]
    assert explain(y, mode="forward", wrt=x).gradients[y] == 0.0


def test_backward_still_refuses_and_names_the_leaf_without_a_derivative():
    x, p = Value(2.0, label="x"), Value(0.0, label="p")
    y = x * p.sqrt()
    with pytest.raises(ZeroDivisionError, match=r"derivative of sqrt at \(0.0\).*the leaf "
                       r"Value\(label='p'.*has no derivative"):
        y.backward()
    with pytest.raises(ZeroDivisionError, match="label='p'"):
        grad(y, [x, p])  # asked for: dy/dp does not exist


@settings(max_examples=150, deadline=None)
@given(recipe=recipes(), asked=st.integers(0, 2))
def test_a_branch_without_a_derivative_does_not_stop_the_others(recipe, asked):
    # z = y + x_k sqrt(p) at p = 0: dz/dx = dy/dx + [x = x_k] sqrt(0), for every drawn DAG y,
    # although dz/dp does not exist; restricting the pass changes no gradient it gives
    point, steps = recipe
    xs = [Value(v) for v in point]
    y = build(steps)(*xs)
    p = Value(0.0)
    z = y + xs[asked % len(xs)] * p.sqrt()
    assert grad(z, xs) == grad(y, xs)
    assert grad(y, xs[:1]) == grad(y, xs)[:1]
    with pytest.raises(ZeroDivisionError):
        grad(z, [*xs, p])
