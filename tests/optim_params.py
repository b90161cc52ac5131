"""Parameters for the optimisers' tests (tests/nn/test_optim.py, test_optim_errors.py):
leaf Values that already hold the gradients dE/dw a step reads."""

from autograd import Value


def with_grads(data, grads):
    """Leaf Values w with w.data from ``data`` and w.grad from ``grads``, one per pair."""
    params = [Value(d) for d in data]
    for p, g in zip(params, grads, strict=True):
        p.grad = g
    return params
