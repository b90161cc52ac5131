"""What nn's compiled paths are held to (tests/nn/test_objective.py, test_compiled_predict.py,
test_vector.py, test_fused.py): seeded rows of random points, a model's outputs by the
scalar engine, and two nested lists of numbers compared within a relative tolerance."""

import random

from autograd import no_grad


def close_lists(a, b, tol=1e-12):
    """Assert that ``a`` and ``b`` (numbers or rows of numbers) hold the same count of
    numbers, each |u - v| <= tol * max(1, |v|)."""
    flat_a = [v for row in a for v in (row if isinstance(row, list) else [row])]
    flat_b = [v for row in b for v in (row if isinstance(row, list) else [row])]
    assert len(flat_a) == len(flat_b)
    for u, v in zip(flat_a, flat_b, strict=True):
        assert abs(u - v) <= tol * max(1.0, abs(v)), (u, v)


def scalar_predict(model, X):
    """The model's outputs z_o on each row of ``X`` by the scalar engine, unrecorded."""
    with no_grad():
        outs = [model(x) for x in X]
    return [o.data if not isinstance(o, list) else [v.data for v in o] for o in outs]


def points(n, width=2, seed=0):
    """``n`` rows of ``width`` numbers drawn uniformly from [-2, 2], the same for a seed."""
    rng = random.Random(seed)
    return [[rng.uniform(-2, 2) for _ in range(width)] for _ in range(n)]
