"""Every path that computes a gradient gives the scalar engine's numbers, on random graphs.

The paths: ``backward()`` and ``grad()`` of the scalar engine, sample by sample; and a
compiled program's ``program(X)``, ``program.gradients(X, grad_outputs)`` and the same at a
weight vector (``parameter_vector=``: the level-scheduled NumPy replay), ``forward_rows`` and
``backward_row`` (the float replay); and forward mode, ``jacobian(..., mode="forward")``
(one sweep per parameter) against ``mode="reverse"``.  The graphs (awkward_graphs.py) have
the awkward cases in; nan among the numbers propagates, in values and gradients, on every
path.  Only graphs whose scalar engine refuses them (a domain error, an infinite local
derivative) are left out.  The Python and C backends bit for bit: test_paths_backends.py.
"""

import math

import numpy as np
from awkward_graphs import build, close, graphs
from hypothesis import assume, given, settings

import autograd
from autograd import Value, grad, jacobian


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
