"""The float backends on the random graphs of awkward_graphs.py: the generated Python code
(``backward_row``, ``forward_rows``) held to the scalar engine bit for bit, and its C twin
(``backend="c"``) held to the Python backend.  Only graphs whose scalar engine refuses them
(a domain error, an infinite local derivative) are left out.
"""

import math
import os
import tempfile
from unittest import mock

import numpy as np
import pytest
from awkward_graphs import build, close, graphs
from hypothesis import assume, given, settings

import autograd
from autograd import Constant, Value
from autograd.program import FlatProgram


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
