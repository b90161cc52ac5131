"""Compiled programs against the scalar engine: values, gradients, parameters, chunks, the
float replay and BLAS's threads.  What they refuse: test_compile_errors.py."""

import importlib
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_graphs import build, finite, recipes

import autograd
from autograd import Value, grad
from autograd.ops import TABLE

compile_module = importlib.import_module("autograd.compile")
program_module = importlib.import_module("autograd.program")


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def scalar_reference(fn, inputs, params, X, grad_outputs=None):
    """Per row: outputs by the scalar engine, and sum_b g_b . d out(x_b)/d params
    (g = grad_outputs)."""
    rows, totals = [], [0.0] * len(params)
    for b, row in enumerate(X):
        for x, value in zip(inputs, row, strict=True):
            x.data = float(value)
        outs = fn()
        outs = outs if isinstance(outs, list) else [outs]
        rows.append([o.data for o in outs])
        weights = [1.0] * len(outs) if grad_outputs is None else grad_outputs[b]
        total = sum((w * o for w, o in zip(weights, outs, strict=True)), Value(0.0))
        for k, g in enumerate(grad(total, params)):
            totals[k] += g
    return rows, totals


@settings(max_examples=60)
@given(recipe=recipes(max_inputs=4, max_steps=10), n_inputs=st.integers(0, 4),
       batch=st.lists(st.lists(finite, min_size=4, max_size=4), min_size=1, max_size=6))
def test_random_graphs_match_the_scalar_engine(recipe, n_inputs, batch):
    point, steps = recipe
    leaves = [Value(x) for x in point]
    inputs, params = leaves[:n_inputs], leaves[n_inputs:]
    fn = build(steps)
    program = autograd.compile(fn(*leaves), inputs)
    X = np.array([row[:len(inputs)] for row in batch]).reshape(len(batch), len(inputs))
    compiled, compiled_grads = program(X), program.gradients(X)
    by_param = dict(zip(program.parameters, compiled_grads, strict=True))
    rows, expected = scalar_reference(lambda: fn(*leaves), inputs, params, X)
    assert compiled.shape == (len(batch), 1)
    for got, want in zip(compiled[:, 0], rows, strict=True):
        assert close(got, want[0])
    for w, want in zip(params, expected, strict=True):
        assert close(by_param.get(w, 0.0), want)


OPS = {
    "+": lambda x, w: x + w, "-": lambda x, w: w - x, "*": lambda x, w: x * w,
    "/": lambda x, w: w / x, "**": lambda x, w: abs(x) ** w, "neg": lambda x, w: -(x * w),
    "exp": lambda x, w: (x * w).exp(), "log": lambda x, w: (x * x * w).log(),
    "sqrt": lambda x, w: (x * x * w).sqrt(), "tanh": lambda x, w: (x * w).tanh(),
    "sigmoid": lambda x, w: (x * w).sigmoid(), "softplus": lambda x, w: (x * w).softplus(),
    "logaddexp": lambda x, w: (x * w).logaddexp(w - x), "relu": lambda x, w: (x * w).relu(),
    "abs": lambda x, w: abs(x * w), "sin": lambda x, w: (x * w).sin(),
    "cos": lambda x, w: (x * w).cos(),
}


def test_every_op_of_the_table_is_covered():
    assert set(OPS) == set(TABLE)


@pytest.mark.parametrize("name", sorted(OPS))
def test_each_op_matches_the_scalar_engine_on_a_batch(name):
    x, w, c = Value(1.0, "x"), Value(1.3, "w"), Value(0.7, "c")

    def fn():
        # the op on a varying node, and once more on a parameter-only node (no batch axis)
        return [OPS[name](x, w), OPS[name](c + 1.0, w) * x]

    X = np.array([[-1.5], [-0.2], [0.3], [2.0], [-700.0]])
    program = autograd.compile(fn(), [x])
    grad_outputs = np.array([[1.0, -0.5], [2.0, 0.25], [0.5, 1.0], [-1.0, 3.0], [1.0, 1.0]])
    rows, expected = scalar_reference(fn, [x], [w, c], X, grad_outputs)
    np.testing.assert_allclose(program(X), rows, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(program.gradients(X, grad_outputs), expected, rtol=1e-12, atol=1e-12)
    assert program.parameters == [w, c]


def test_the_tutorials_formula_for_a_sigmoid_perceptron_summed_over_the_batch():
    # the tutorial, section 2.1: E = sum_i (z_i - y_i)^2, z = sigma(w0 + w1 a1 + w2 a2), so
    # dE/dw_j = sum_i 2 (z_i - y_i) z_i (1 - z_i) a_j (a_0 = 1).
    a1, a2, y = Value(0.0), Value(0.0), Value(0.0)
    w = [Value(0.1), Value(-0.4), Value(0.7)]
    E = ((w[0] + w[1] * a1 + w[2] * a2).sigmoid() - y) ** 2
    data = np.array([[0.5, -1.0, 1.0], [-0.3, 0.8, 0.0], [0.9, 0.2, 1.0]])
    expected = [0.0, 0.0, 0.0]
    for r1, r2, target in data:
        z = 1 / (1 + math.exp(-(0.1 - 0.4 * r1 + 0.7 * r2)))
        for j, a in enumerate((1.0, r1, r2)):
            expected[j] += 2 * (z - target) * z * (1 - z) * a
    got = autograd.compile(E, [a1, a2, y]).gradients(data)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_parameters_are_read_at_call_time_and_constants_are_baked_in():
    x, w = Value(0.0), Value(2.0)
    program = autograd.compile(w * x + 3, [x])
    X = [[1.0], [2.0]]
    np.testing.assert_array_equal(program(X), [[5.0], [7.0]])
    w.data = -1.0  # an optimiser step
    np.testing.assert_array_equal(program(X), [[2.0], [1.0]])
    assert program.gradients(X) == [3.0]  # d/dw sum_b (w x_b + 3) = sum_b x_b
    assert (program.n_nodes, len(program.instructions)) == (5, 2)  # x, w, w*x, 3, +
    code, out, a, b = program.instructions[0]
    assert program_module.CODES[code] is TABLE["*"] and b >= 0 and out > max(a, b)


def test_backward_accumulates_into_grad_and_returns_the_outputs():
    x, w = Value(0.0), Value(0.5)
    program = autograd.compile((w * x).tanh(), [x])
    w.grad = 1.0
    outputs = program.backward([[1.0], [-2.0]], grad_outputs=[2.0, 1.0])
    expected = 1.0 + 2.0 * (1 - math.tanh(0.5) ** 2) * 1.0 + (1 - math.tanh(-1.0) ** 2) * -2.0
    assert close(w.grad, expected)
    np.testing.assert_allclose(outputs, [[math.tanh(0.5)], [math.tanh(-1.0)]], rtol=1e-15)


def test_callable_grad_outputs_gets_the_outputs_first():
    # E = 1/(2N) sum (h - y)^2 (the tutorial, section 1.3): dE/dh = (h - y) / N needs h.
    x, w = Value(0.0), Value(0.3)
    h = (w * x).sigmoid()
    targets = np.array([1.0, 0.0, 1.0])
    X = np.array([[2.0], [-1.0], [0.5]])
    got = autograd.compile(h, [x]).gradients(X, lambda H: (H[:, 0] - targets) / len(X))
    E = Value(0.0)
    for (row,), t in zip(X, targets, strict=True):
        E = E + ((w * float(row)).sigmoid() - t) ** 2 * (1 / (2 * len(X)))
    assert close(got[0], grad(E, [w])[0])


def test_chunks_give_the_same_result(monkeypatch):
    x, w = Value(0.0), Value(0.9)
    program = autograd.compile([(w * x).sigmoid(), w * w], [x])
    X = np.linspace(-3, 3, 11)[:, None]
    whole, whole_grads = program(X), program.gradients(X)
    batch = importlib.import_module("autograd.batch")
    monkeypatch.setattr(batch, "ROWS_PER_CHUNK", 4)
    monkeypatch.setattr(batch, "BLOCK_SIZE", 1)
    np.testing.assert_allclose(program(X), whole, rtol=1e-15)
    np.testing.assert_allclose(program.gradients(X), whole_grads, rtol=1e-13)
    by_hand = program.gradients(X, lambda H: np.ones_like(H))
    np.testing.assert_allclose(by_hand, whole_grads, rtol=1e-13)


def test_leaf_outputs_unused_inputs_and_an_empty_batch():
    x, unused, w = Value(0.0), Value(0.0), Value(4.0)
    program = autograd.compile([x, w], [x, unused])
    np.testing.assert_array_equal(program([[1.0, 9.0], [2.0, 9.0]]), [[1.0, 4.0], [2.0, 4.0]])
    assert program.gradients([[1.0, 9.0], [2.0, 9.0]]) == [2.0]  # d/dw of w, twice
    assert program(np.zeros((0, 2))).shape == (0, 2)
    assert program.gradients(np.zeros((0, 2))) == [0.0]
    assert "2 inputs -> 2 outputs, 2 nodes, 1 parameters" in repr(program)


def test_stable_functions_and_overflow_behave_like_floats():
    x = Value(0.0)
    program = autograd.compile([x.sigmoid(), x.exp(), x.tanh()], [x])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = program([[1e4], [-1e4]])
    assert out[0, 0] == 1.0 and out[1, 0] == 0.0 and out[0, 1] == math.inf
    assert list(out[:, 2]) == [1.0, -1.0]


def test_compile_function_records_even_inside_no_grad():
    w = Value(0.5)
    with autograd.no_grad():
        program = compile_module.compile_function(lambda xs: (w * xs[0]).tanh(), [Value(0.0)])
        assert (w * 2).is_leaf  # switched back
    np.testing.assert_allclose(program([[2.0], [-1.0]])[:, 0], [math.tanh(1.0), math.tanh(-0.5)])
    assert program.parameters == [w]


def test_backward_row_is_the_scalar_engines_backward_on_floats():
    x, w = Value(0.0), [Value(0.3), Value(-1.2)]

    def fn():
        return ((w[0] * x).sigmoid() * w[1] + (w[1] * x).tanh()) ** 2

    program = autograd.compile(fn(), [x])
    x.data = 0.7
    fn().backward()
    expected = [v.grad for v in w]
    for v in w:
        v.grad = 0.0
    assert program.backward_row([0.7]) == [fn().data]
    assert [v.grad for v in w] == expected
    with pytest.raises(ValueError, match=r"backward_row: x must hold 1 numbers, .* got \[\]"):
        program.backward_row([])
    with pytest.raises(TypeError, match=r"backward_row: x must hold numbers, got \['a'\]"):
        program.backward_row(["a"])


def test_blas_is_held_to_one_thread_while_programs_run_and_restored_after():
    import threading

    import threadpoolctl  # installed with the fast extra

    blas = importlib.import_module("autograd.blas")

    def threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpoolctl.threadpool_info()
                if lib["user_api"] == "blas"]

    before = threads()
    assert before, "NumPy's BLAS should be visible to threadpoolctl"
    seen = []
    x, w = Value(0.0), Value(0.5)
    program = autograd.compile((w * x).tanh(), [x])
    with blas.one_thread():  # nested and concurrent runs share one limit
        seen.append(threads())
        runs = [threading.Thread(target=program.gradients, args=(np.ones((50, 1)),))
                for _ in range(4)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        seen.append(threads())
    assert seen == [[1] * len(before)] * 2
    assert threads() == before
