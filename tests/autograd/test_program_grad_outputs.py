"""The reverse pass of a program weights its outputs by ``grad_outputs`` (dE/d out,
PyTorch's word), the keyword's one name."""

import numpy as np
import pytest

import autograd
from autograd import Value
from autograd.batch import BatchProgram
from autograd.program import FlatProgram


def program() -> tuple[BatchProgram, Value]:
    x, w = Value(1.0), Value(2.0)
    return autograd.compile([x * w, w * w], [x]), w


def test_grad_outputs_weights_each_output():
    made, w = program()
    X = [[1.0], [3.0]]
    # d/dw of 2 (x w) + 1 (w w) summed over the rows: 2 (1 + 3) + 2 * 2 w
    assert made.gradients(X, grad_outputs=[[2.0, 1.0], [2.0, 1.0]]) == [8.0 + 8.0]
    assert made.backward_row([1.0], grad_outputs=[2.0, 1.0]) == [2.0, 4.0]
    assert w.grad == 2.0 * 1.0 + 2.0 * 2.0


@pytest.mark.parametrize("method", ["gradients", "backward", "backward_row"])
def test_grad_outputs_is_the_one_name(method):
    made, _ = program()
    row = [[1.0]] if method != "backward_row" else [1.0]
    with pytest.raises(TypeError, match="unexpected keyword argument 'seed'"):
        getattr(made, method)(row, seed=[[0.0, 1.0]])


def test_the_batch_program_is_the_flat_program_scheduled_by_level():
    made, _ = program()
    assert isinstance(made, BatchProgram) and isinstance(made, FlatProgram)
    flat = FlatProgram(made.outputs, made.inputs)
    assert flat.instructions == made.instructions
    batch = np.asarray(made([[1.0]]))[0].tolist()
    assert made.backward_row([1.0]) == flat.backward_row([1.0]) == batch
