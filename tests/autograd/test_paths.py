"""Every path that computes a gradient gives the same numbers, on random graphs.

The paths: ``backward()`` and ``grad()`` of the scalar engine, sample by sample; and a
compiled program's ``program(X)``, ``program.gradients(X, grad_outputs)`` and the same at a
weight vector (``parameter_vector=``: the level-scheduled NumPy replay), ``forward_rows`` and
``backward_row`` (the float replay: generated Python, held to the scalar engine bit for
bit; and its C twin, ``backend="c"``); and forward mode, ``jacobian(...,
mode="forward")`` (one sweep per parameter) against ``mode="reverse"``.  The graphs are
drawn with the awkward cases in: every op of the table, constants on either side,
one-input ops on constants (nodes that are constants themselves), relu and abs at
exactly 0, x ** 0, nan among the numbers (it propagates, in values and gradients, on
every path), shared sub-expressions, several outputs, outputs that depend on parameters
alone (or are a parameter, an input, a constant).  Only graphs whose scalar engine
refuses them (a domain error, an infinite local derivative) are left out.
"""

import math
import os
import tempfile
from unittest import mock

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import autograd
from autograd import Constant, Value, grad, jacobian
from autograd.ops import TABLE
from autograd.program import FlatProgram

UNARY = sorted(name for name, op in TABLE.items() if op.arity == 1)
BINARY = sorted(name for name, op in TABLE.items() if op.arity == 2)
EDGES = [0.0, 0.0, 1.0, -1.0, 0.5, -2.0, math.nan]
numbers = st.one_of(st.sampled_from(EDGES), st.floats(-3, 3, allow_nan=False).filter(
    lambda v: abs(v) > 1e-3))  # a tiny w makes w / w a difference of 1e96s: no path is exact


OPS = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "/": lambda x, y: x / y, "**": lambda x, y: x ** y, "neg": lambda x: -x,
    "abs": lambda x: abs(x), "logaddexp": lambda x, y: x.logaddexp(y),
}


def apply(name, *args):
    """The table's op ``name`` through the operators and methods a user calls."""
    return OPS[name](*args) if name in OPS else getattr(args[0], name)()


@st.composite
def graphs(draw):
    """(n_inputs, parameter values, rows of inputs, steps, outputs, grad_outputs)."""
    n_in = draw(st.integers(0, 3))
    params = draw(st.lists(numbers, min_size=1, max_size=3))
    rows = draw(st.lists(st.lists(numbers, min_size=n_in, max_size=n_in), min_size=1,
                         max_size=5))
    n = n_in + len(params)
    steps = []
    for k in range(draw(st.integers(1, 10))):
        def operand(available=n + k):
            if draw(st.integers(0, 4)) == 0:  # a plain number, lifted to a Constant
                return ("c", draw(st.sampled_from([0.0, 1.0, 2.0, -0.5, 3.0, math.nan])))
            return ("n", draw(st.integers(0, available - 1)))
        if draw(st.booleans()):
            steps.append((draw(st.sampled_from(UNARY)), operand()))
        else:
            steps.append((draw(st.sampled_from(BINARY)), operand(), operand()))
    total = n + len(steps)
    outputs = draw(st.lists(st.integers(0, total - 1), min_size=1, max_size=3))
    grad_outputs = draw(st.lists(st.lists(st.floats(-2, 2), min_size=len(outputs),
                                   max_size=len(outputs)), min_size=len(rows),
                          max_size=len(rows)))
    return n_in, params, rows, steps, outputs, grad_outputs


def build(leaves, steps, outputs):
    """The outputs of the recipe on these leaves; a number operand stays a number (lifted to
    a Constant by the op), except in first place, where it is a Constant itself."""
    nodes = list(leaves)
    for name, *operands in steps:
        args = [v if kind == "c" else nodes[v] for kind, v in operands]
        if not isinstance(args[0], Value):
            args[0] = Constant(args[0])
        nodes.append(apply(name, *args))
    return [nodes[k] for k in outputs]


def close(a, b, scale):
    """Equal within 1e-9 of the scale, or the same inf, or both nan."""
    return a == b or (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, scale)


def recorded(case):
    """The case's graph built once on fresh inputs and parameters: ``(inputs, params,
    outs)``; a case the graph cannot be built in (log of a negative, ...) is left out."""
    n_in, values, rows, steps, outputs, grad_outputs = case
    inputs = [Value(0.0) for _ in range(n_in)]
    params = [Value(v) for v in values]
    try:
        return inputs, params, build(inputs + params, steps, outputs)
    except (ArithmeticError, ValueError):
        assume(False)
        raise  # not reached: assume(False) ends the example


def scalar_engine(inputs, params, rows, steps, outputs, grad_outputs):
    """The scalar engine, sample by sample: each row's outputs, and sum_b g_b . d out/dw by
    backward() (into .grad), by grad() and by forward mode (jacobian)."""
    expected_rows, by_grad, by_forward = [], [0.0] * len(params), [0.0] * len(params)
    for w in params:
        w.grad = 0.0
    for row, dE_dout in zip(rows, grad_outputs, strict=True):
        for x, v in zip(inputs, row, strict=True):
            x.data = v
        outs = build(inputs + params, steps, outputs)
        expected_rows.append([o.data for o in outs])
        total = Value(0.0)
        for s, o in zip(dE_dout, outs, strict=True):
            total = total + s * o
        total.backward()
        by_grad = [a + b for a, b in zip(by_grad, grad(total, params), strict=True)]
        forward, reverse = jacobian(outs, params, "forward"), jacobian(outs, params)
        assert (forward.sweeps, reverse.sweeps) == (len(params), len(outs))
        for f_row, r_row in zip(forward, reverse, strict=True):
            assert all(close(f, r, abs(r)) or not math.isfinite(f * r)
                       for f, r in zip(f_row, r_row, strict=True)), (forward, reverse)
        by_forward = [a + sum(s * row[j] for s, row in zip(dE_dout, forward, strict=True))
                      for j, a in enumerate(by_forward)]
    return expected_rows, by_grad, by_forward


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_every_path_gives_the_scalar_engines_values_and_gradients(case):
    n_in, values, rows, steps, outputs, grad_outputs = case
    inputs = [Value(0.0) for _ in range(n_in)]
    params = [Value(v) for v in values]
    try:
        outs = build(inputs + params, steps, outputs)
        program = autograd.compile(outs, inputs)
    except (ArithmeticError, ValueError):
        assume(False)  # a domain the graph cannot be built in (e.g. log of a negative)
    try:
        expected_rows, by_grad, by_forward = scalar_engine(inputs, params, rows, steps, outputs,
                                                           grad_outputs)
    except (ArithmeticError, ValueError):
        assume(False)
    by_backward = [w.grad for w in params]
    sizes = [abs(v) for r in expected_rows for v in r] + [abs(g) for g in by_backward]
    scale = max([v for v in sizes if math.isfinite(v)], default=0.0)
    assume(scale < 1e100 and all(not math.isinf(v) for v in sizes))
    for a, b, f in zip(by_grad, by_backward, by_forward, strict=True):
        assert close(a, b, scale) and close(f, b, scale), (a, b, f)
    # the compiled program on the whole batch
    X = np.array(rows, dtype=float).reshape(len(rows), n_in)
    np.testing.assert_allclose(program(X), expected_rows, rtol=1e-9, atol=1e-9 * scale)
    batch = dict(zip(program.parameters, program.gradients(X, np.array(grad_outputs)), strict=True))
    for w, want in zip(params, by_backward, strict=True):
        assert close(batch.get(w, 0.0), want, scale), (batch.get(w, 0.0), want)
    # the same at the weights given as one vector: the Values' own numbers are not read
    vector = np.array([w.data for w in program.parameters])
    for w in program.parameters:
        w.data = float("nan")
    at, by_vector = program.value_and_gradients(X, np.array(grad_outputs), parameter_vector=vector)
    for w, v in zip(program.parameters, vector.tolist(), strict=True):
        w.data = v
    np.testing.assert_allclose(at, expected_rows, rtol=1e-9, atol=1e-9 * scale)
    np.testing.assert_array_equal(by_vector, list(batch.values()))  # nan where nan
    # the float replay, forward only
    for got, want in zip(program.forward_rows(rows), expected_rows, strict=True):
        assert all(close(a, b, scale) for a, b in zip(got, want, strict=True)), (got, want)
    # the float replay, row by row
    for w in params:
        w.grad = 0.0
    for row, dE_dout in zip(rows, grad_outputs, strict=True):
        for got, want in zip(program.backward_row(row, dE_dout), expected_rows.pop(0),
                             strict=True):
            assert close(got, want, scale)
    for w, want in zip(params, by_backward, strict=True):
        assert close(w.grad, want, scale)


def test_an_output_of_parameters_alone_that_feeds_another_counts_once_per_row():
    # it once counted twice: 660 for w instead of 2 * 10 * 2 w = 120
    w, x = Value(3.0), Value(0.0)
    a = w * w
    program = autograd.compile([a, a * 1.0 + x], [x])
    assert program.gradients(np.zeros((10, 1))) == [120.0]
    w.grad = 0.0
    for _ in range(10):
        program.backward_row([0.0])
    assert w.grad == 120.0


def same(a, b):
    """The same number: equal, or both nan (0.0 and -0.0 count as one)."""
    return a == b or (math.isnan(a) and math.isnan(b))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_the_python_backend_gives_the_scalar_engines_numbers_bit_for_bit(case):
    """The generated float code (backward_row, forward_rows: autograd.floats) of each output
    against that output's own backward() on the scalar engine, row by row, exactly.  The
    program differentiates with respect to its parameters only, so the scalar engine
    sees the row's inputs as Constants (a rule toward an input is never run)."""
    n_in, values, rows, steps, outputs, grad_outputs = case
    inputs, params, outs = recorded(case)
    programs = [FlatProgram([out], inputs) for out in outs]
    for row, dE_dout in zip(rows, grad_outputs, strict=True):
        for k, program in enumerate(programs):
            for w in params:
                w.grad = 0.0
            try:
                out = build([Constant(v) for v in row] + params, steps, outputs)[k]
            except (ArithmeticError, ValueError):
                continue  # some node of the recipe, maybe not of this output, is undefined
            try:
                out.backward(dE_dout[k])
            except (ArithmeticError, ValueError) as error:
                with pytest.raises(type(error)):
                    program.backward_row(row, [dE_dout[k]])
                continue
            want = [w.grad for w in params]
            for w in params:
                w.grad = 0.0
            assert same(program.backward_row(row, [dE_dout[k]])[0], out.data)
            assert all(same(w.grad, g) for w, g in zip(params, want, strict=True)), (
                [w.grad for w in params], want)
            assert same(program.forward_rows([row])[0][0], out.data)


CACHE = tempfile.mkdtemp(prefix="autograd-test-cache-")
"""Where the C libraries of these graphs are built (not the user's cache)."""


@settings(max_examples=25, deadline=None)
@given(graphs())
def test_the_c_backend_gives_the_python_backends_numbers(case):
    n_in, values, rows, steps, outputs, grad_outputs = case
    inputs, params, outs = recorded(case)
    X, G = np.array(rows, dtype=float).reshape(len(rows), n_in), np.array(grad_outputs)
    python = autograd.compile(outs, inputs, backend="python")
    with mock.patch.dict(os.environ, {"XDG_CACHE_HOME": CACHE}):
        c = autograd.compile(outs, inputs, backend="c")
    assert c.backend == "c"
    try:
        want, want_grads = python.value_and_gradients(X.tolist(), G.tolist())
    except (ArithmeticError, ValueError) as error:
        # where the scalar engine refuses, C answers as the NumPy replay does: a row
        # outside a function's domain raises (the replay names it); a derivative with
        # no finite value (sqrt' at 0) is IEEE's inf, as the batch programs document
        try:
            ieee = autograd.compile(outs, inputs, backend="numpy").value_and_gradients(X, G)
        except (ArithmeticError, ValueError):
            with pytest.raises(type(error)):
                c.value_and_gradients(X, G)
            return
        got, grads = c.value_and_gradients(X, G)
        pairs = [*zip(got.ravel().tolist(), ieee[0].ravel().tolist(), strict=True),
                 *zip(grads, ieee[1], strict=True)]
        scale = max([abs(b) for _, b in pairs if math.isfinite(b)], default=0.0)
        assert all(close(a, b, scale) for a, b in pairs), pairs
        return
    got, grads = c.value_and_gradients(X, G)
    sizes = [abs(v) for r in want for v in r] + [abs(g) for g in want_grads]
    scale = max([v for v in sizes if math.isfinite(v)], default=0.0)
    assume(scale < 1e100)
    assert all(close(a, b, scale) for r, s in zip(got.tolist(), want, strict=True)
               for a, b in zip(r, s, strict=True))
    assert all(close(a, b, scale) for a, b in zip(grads, want_grads, strict=True)), (
        grads, want_grads)
