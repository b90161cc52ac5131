"""The 1-D regression sets of nn.curves and their CSV form."""

import math

import pytest

from nn import datasets


@pytest.mark.parametrize("name", ["sine", "abs", "step"])
def test_a_curve_is_seeded_one_input_rows_and_targets_in_the_square(name):
    X, y = datasets.CURVES[name](50, noise=0.1, seed=3)
    assert (X, y) == datasets.CURVES[name](50, noise=0.1, seed=3)
    assert len(X) == len(y) == 50 and all(len(p) == 1 for p in X)
    assert all(-1 <= p[0] <= 1 and -1 <= t <= 1 for p, t in zip(X, y, strict=True))


def test_without_noise_the_targets_are_the_functions():
    X, y = datasets.CURVES["sine"](20, seed=0)
    assert y == pytest.approx([0.8 * math.sin(math.pi * p[0]) for p in X], abs=1e-15)
    X, y = datasets.CURVES["abs"](20, seed=0)
    assert y == pytest.approx([1.6 * abs(p[0]) - 0.8 for p in X], abs=1e-15)
    X, y = datasets.CURVES["step"](20, seed=0)
    assert y == [0.6 if p[0] >= 0 else -0.6 for p in X]


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="sine: n must be at least 1, got 0"):
        datasets.CURVES["sine"](0)
    with pytest.raises(ValueError, match="noise"):
        datasets.CURVES["step"](5, noise=-1.0)


def test_the_curve_csv_round_trips_and_names_bad_rows():
    X, y = datasets.CURVES["abs"](7, noise=0.05, seed=2)
    text = datasets.dumps_curve_csv(X, y)
    assert text.splitlines()[0] == "x,y" and datasets.is_curve_csv(text)
    assert datasets.loads_curve_csv(text) == (X, y)
    assert not datasets.is_curve_csv(datasets.dumps_csv([[0.1, 0.2]], [1]))
    with pytest.raises(ValueError, match=r"f.csv, line 2: expected 2 fields x,y"):
        datasets.loads_curve_csv("x,y\n1,2,3\n", "f.csv")
    with pytest.raises(ValueError, match="f.csv: no data rows"):
        datasets.loads_curve_csv("x,y\n", "f.csv")
    with pytest.raises(ValueError, match="point 0 must be a row"):
        datasets.dumps_curve_csv([[0.1, 0.2]], [0.3])
