"""The Python backend's program answers like the NumPy one: the same outputs, the same summed
gradients, the same arguments (grad_outputs as a number, per row, per row and output, or a
function of the outputs; parameter_vector= as a list), with clear errors for bad ones."""

import math

import numpy as np
import pytest

import autograd
from autograd import Value


def network():
    x, y = Value(0.0, "x"), Value(0.0, "y")
    w = [Value(v) for v in (0.3, -1.2, 0.7)]
    h = (w[0] * x + w[1] * y).tanh()
    return [h, (h * w[2]).exp() + y], [x, y], w


X = [[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]]
G = [[1.0, -0.5], [0.25, 2.0], [-1.0, 1.0]]


def test_the_python_program_gives_what_the_numpy_program_gives():
    outs, inputs, w = network()
    python = autograd.compile(outs, inputs, backend="python")
    numpy = autograd.compile(outs, inputs, backend="numpy")
    assert (python.backend, numpy.backend) == ("python", "numpy")
    np.testing.assert_allclose(python(X), numpy(np.array(X)), rtol=1e-15)
    for g in (1.0, G, lambda out: [[2 * o for o in row] for row in out]):
        want = numpy.gradients(np.array(X), (lambda out: 2 * out) if callable(g) else g)
        np.testing.assert_allclose(python.gradients(X, g), want, rtol=1e-13)
    vector = [0.1, 0.2, 0.3]
    outputs, grads = python.value_and_gradients(X, G, parameter_vector=vector)
    want = numpy.value_and_gradients(np.array(X), np.array(G), parameter_vector=np.array(vector))
    np.testing.assert_allclose(outputs, want[0], rtol=1e-15)
    np.testing.assert_allclose(grads, want[1], rtol=1e-13)
    assert [p.data for p in w] == [0.3, -1.2, 0.7] and all(p.grad == 0.0 for p in w)


def test_backward_sums_the_rows_scalar_engine_backward_row_after_row():
    outs, inputs, w = network()
    program = autograd.compile(outs, inputs, backend="python")
    program.backward(X, G)
    got = [p.grad for p in w]
    for p in w:
        p.grad = 0.0
    for row, g in zip(X, G, strict=True):
        for x, v in zip(inputs, row, strict=True):
            x.data = v
        total = g[0] * (w[0] * inputs[0] + w[1] * inputs[1]).tanh()
        total = total + g[1] * (((w[0] * inputs[0] + w[1] * inputs[1]).tanh() * w[2]).exp()
                                + inputs[1])
        total.backward()
    assert all(math.isclose(a, p.grad, rel_tol=1e-14) for a, p in zip(got, w, strict=True))


def test_bad_arguments_are_refused_with_what_was_expected():
    outs, inputs, w = network()
    program = autograd.compile(outs, inputs, backend="python")
    with pytest.raises(ValueError, match=r"X\[1\] must hold 2 numbers, one per input, got 1"):
        program([[1.0, 2.0], [1.0]])
    with pytest.raises(TypeError, match="X must be rows of real numbers"):
        program([[None, 1.0]])
    with pytest.raises(ValueError, match=r"could not convert string to float: 'a' \(rows\[0\]\)"):
        program([["a", 1.0]])
    with pytest.raises(TypeError, match="X must be rows of real numbers"):
        program.gradients([["a", 1.0]])
    with pytest.raises(ValueError, match=r"grad_outputs must be a number, 3 numbers"):
        program.gradients(X, [1.0, 2.0])
    with pytest.raises(TypeError, match="got bool"):
        program.gradients(X, True)
    with pytest.raises(ValueError, match="parameter_vector must hold 3 numbers, one per parameter"):
        program(X, parameter_vector=[1.0])
    z = Value(1.0)
    with pytest.raises(ValueError, match=r"log: expects x > 0, got x = -1.0 \(rows\[1\]\)"):
        autograd.compile(z.log(), [z], backend="python").gradients([[2.0], [-1.0]])
    assert all(p.grad == 0.0 for p in w)
