"""What compiled programs refuse, and how they say it: domain errors naming the op and the
batch row, bad outputs, inputs, batches and grad_outputs, and a backend that cannot run."""

import sys

import pytest

import autograd
from autograd import Constant, Value
from autograd.ops import Op


def test_domain_errors_name_the_op_and_the_batch_row():
    x = Value(1.0)
    with pytest.raises(ValueError, match=r"log: expects x > 0, got x = -2.0 \(batch row 1\)"):
        autograd.compile(x.log(), [x])([[1.0], [-2.0]])
    with pytest.raises(ValueError, match=r"sqrt: expects x >= 0, got x = -1.0 \(batch row 0\)"):
        autograd.compile(x.sqrt(), [x])([[-1.0]])
    with pytest.raises(ZeroDivisionError, match=r"div: division by zero, .* y = 0.0 \(batch row 2"):
        autograd.compile(1 / x, [x])([[1.0], [2.0], [0.0]])
    with pytest.raises(ZeroDivisionError, match=r"pow: 0 \*\* y is undefined .* \(batch row 0"):
        autograd.compile(x ** -1.0, [x])([[0.0]])
    with pytest.raises(ValueError, match=r"integer exponent, got x = -4.0, y = 0.5 \(batch row 1"):
        autograd.compile(x ** 0.5, [x])([[1.0], [-4.0]])
    w = Value(1.0)
    program = autograd.compile(w.log() * x, [x])
    w.data = -1.0
    with pytest.raises(ValueError, match=r"log: expects x > 0, got x = -1.0$"):
        program([[1.0]])  # a parameter-only node has no batch row


def test_bad_arguments_are_refused_with_clear_messages():
    x, w = Value(1.0), Value(2.0)
    y = x * w
    with pytest.raises(TypeError, match="outputs must be a Value or a non-empty list of Values"):
        autograd.compile([], [x])
    with pytest.raises(TypeError, match=r"outputs\[1\] must be a Value, got float"):
        autograd.compile([y, 1.0], [x])
    with pytest.raises(TypeError, match="inputs must be a list of leaf Values, got Value"):
        autograd.compile(y, x)
    with pytest.raises(TypeError, match=r"inputs\[0\] must be a Value, got str"):
        autograd.compile(y, ["x"])
    with pytest.raises(ValueError, match=r"inputs\[0\] must be a leaf Value .* made by '\*'"):
        autograd.compile(y, [y])
    with pytest.raises(ValueError, match=r"inputs\[0\] .* it is a Constant"):
        autograd.compile(y, [Constant(1.0)])
    with pytest.raises(ValueError, match=r"inputs\[1\] is listed twice"):
        autograd.compile(y, [x, x])
    strange = Value(1.0)
    strange._op, strange._a = Op("twice", lambda m, a: 2 * a, (lambda m, g, o, a: 2 * g,)), x
    with pytest.raises(ValueError, match="op 'twice' is not an entry of autograd.ops.TABLE"):
        autograd.compile(strange, [x])


def test_bad_batches_and_grad_outputs_are_refused_with_clear_messages():
    x, w = Value(1.0), Value(2.0)
    program = autograd.compile(x * w, [x])
    with pytest.raises(ValueError, match=r"X must have shape \(B, 1\), .* got shape \(2, 2\)"):
        program([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=r"got shape \(3,\)"):
        program([1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="X must be a table of real numbers"):
        program([["a"]])
    with pytest.raises(ValueError, match=r"grad_outputs must be a number or have shape \(2, 1\) .*"
                                         r"got shape \(3,\)"):
        program.gradients([[1.0], [2.0]], grad_outputs=[1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="grad_outputs must be a number or an array, got bool"):
        program.gradients([[1.0]], grad_outputs=True)
    with pytest.raises(TypeError, match="grad_outputs must be a number or an array"):
        program.gradients([[1.0]], grad_outputs="big")
    assert w.grad == 0.0  # nothing was touched


def test_without_numpy_the_program_runs_on_python_and_numpy_is_refused_with_the_reason(
        monkeypatch):
    monkeypatch.setenv("AUTOGRAD_BACKEND", "numpy")  # whatever backend the session forces
    x, w = Value(1.0), Value(3.0)
    assert autograd.compile(x * w, [x]).backend == "numpy"
    monkeypatch.setitem(sys.modules, "numpy", None)  # `import numpy` now fails
    program = autograd.compile(x * w, [x])
    assert program.backend == "python"
    assert program([[2.0], [-1.0]]) == [[6.0], [-3.0]]
    assert program.gradients([[2.0], [-1.0]]) == [1.0]
    with pytest.raises(ImportError, match=r"'numpy' backend cannot run here: NumPy is not "
                                          r"installed; install the `fast` extra"):
        autograd.compile(x * 2, [x], backend="numpy")
    with pytest.raises(ValueError, match=r"backend must be one of 'c', 'numpy', 'python' or None"):
        autograd.compile(x * 2, [x], backend="fortran")
