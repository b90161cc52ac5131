"""The reverse pass of a program weights its outputs by ``grad_outputs`` (PyTorch's word);
``seed=``, its old name, still works and warns."""

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
def test_seed_is_a_deprecated_alias_that_warns(method):
    made, w = program()
    row = [[1.0]] if method != "backward_row" else [1.0]
    weights = [[0.0, 1.0]] if method != "backward_row" else [0.0, 1.0]
    new = getattr(made, method)(row, grad_outputs=weights)
    with pytest.warns(DeprecationWarning, match=r"seed= is deprecated .* pass grad_outputs="):
        old = getattr(made, method)(row, seed=weights)
    assert np.asarray(old).tolist() == np.asarray(new).tolist()
    if method != "gradients":
        assert w.grad == 2 * 2 * 2.0  # d(w w)/dw = 2 w, added once per call


def test_seed_and_grad_outputs_together_are_refused():
    made, _ = program()
    with pytest.warns(DeprecationWarning), \
            pytest.raises(TypeError, match="give grad_outputs= alone"):
        made.gradients([[1.0]], grad_outputs=1.0, seed=1.0)


def test_the_batch_program_is_the_flat_program_scheduled_by_level():
    made, _ = program()
    assert isinstance(made, BatchProgram) and isinstance(made, FlatProgram)
    flat = FlatProgram(made.outputs, made.inputs)
    assert flat.instructions == made.instructions
    batch = np.asarray(made([[1.0]]))[0].tolist()
    assert made.backward_row([1.0]) == flat.backward_row([1.0]) == batch
