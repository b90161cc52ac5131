"""The point generators' shapes and guarantees, and the CSV form with its error messages."""

import math
import random

import pytest

from nn import datasets

NAMES = ["linear", "xor", "circles", "moons", "spiral", "blobs"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("noise", [0.0, 0.4])
def test_shape_range_balance_and_seed(name, noise):
    make = datasets.GENERATORS[name]
    X, y = make(101, noise=noise, seed=3)
    assert len(X) == len(y) == 101
    assert all(len(p) == 2 and all(isinstance(c, float) and -1 <= c <= 1 for c in p) for p in X)
    assert y.count(0) == 50 and y.count(1) == 51
    assert y[:10] != sorted(y[:10]) or y[10:20] != sorted(y[10:20])  # shuffled, not grouped
    assert make(101, noise=noise, seed=3) == (X, y)
    assert make(101, noise=noise, seed=4) != (X, y)


def test_generators_ignore_and_keep_the_global_random_state():
    random.seed(1)
    state = random.getstate()
    first = datasets.moons(20, noise=0.1, seed=5)
    assert random.getstate() == state
    random.seed(2)
    assert datasets.moons(20, noise=0.1, seed=5) == first


def test_linear_is_separable():
    # Rosenblatt's rule converges on separable data; 0.05 margin bounds the mistakes.
    X, y = datasets.linear(200, seed=11)
    w = [0.0, 0.0, 0.0]
    for _ in range(2000):
        mistakes = 0
        for (a, b), label in zip(X, y, strict=True):
            t = 1 if label else -1
            if t * (w[0] + w[1] * a + w[2] * b) <= 0:
                w = [w[0] + t, w[1] + t * a, w[2] + t * b]
                mistakes += 1
        if not mistakes:
            break
    assert mistakes == 0


def test_xor_and_circles_label_rules():
    X, y = datasets.xor(200, seed=1)
    assert all(label == (a * b > 0) for (a, b), label in zip(X, y, strict=True))
    assert min(min(abs(a), abs(b)) for a, b in X) >= 0.05
    X, y = datasets.circles(200, seed=1)
    pairs = zip(X, y, strict=True)
    assert all((math.hypot(a, b) <= 0.4) == (label == 1) for (a, b), label in pairs)
    assert all(math.hypot(a, b) <= 0.4 or 0.6 <= math.hypot(a, b) <= 1 for a, b in X)


def test_moons_lie_on_their_half_circles():
    X, y = datasets.moons(100, seed=2)
    for (a, b), label in zip(X, y, strict=True):
        u, v = 1.5 * a + 0.5, 1.5 * b + 0.25  # undo the centring and scaling
        if label == 0:
            assert math.hypot(u, v) == pytest.approx(1.0) and v >= -1e-12
        else:
            assert math.hypot(1 - u, 0.5 - v) == pytest.approx(1.0) and v <= 0.5 + 1e-12


def test_spiral_arms_wind_with_the_radius():
    X, y = datasets.spiral(100, seed=2)
    for (a, b), label in zip(X, y, strict=True):
        r = math.hypot(a, b)
        t = 3 * math.pi * r + math.pi * label
        assert math.cos(t) * r == pytest.approx(a, abs=1e-12)
        assert math.sin(t) * r == pytest.approx(b, abs=1e-12)


def test_blobs_centres():
    X, y = datasets.blobs(400, seed=2)
    for label, centre in ((0, -0.5), (1, 0.5)):
        pts = [p for p, t in zip(X, y, strict=True) if t == label]
        assert sum(p[0] for p in pts) / len(pts) == pytest.approx(centre, abs=0.05)
        assert sum(p[1] for p in pts) / len(pts) == pytest.approx(centre, abs=0.05)


def test_noise_moves_points_and_stays_in_the_square():
    clean, _ = datasets.circles(50, seed=9)
    noisy, _ = datasets.circles(50, noise=2.0, seed=9)
    assert noisy != clean
    assert max(abs(c) for p in noisy for c in p) == pytest.approx(1.0)  # scaled to fit


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n": 1}, ValueError, "xor: n must be at least 2"),
    ({"n": 10.0}, TypeError, "xor: n must be an int, got float"),
    ({"n": True}, TypeError, "xor: n must be an int, got bool"),
    ({"n": 10, "noise": -0.1}, ValueError, "xor: noise must be a finite number >= 0"),
    ({"n": 10, "noise": math.inf}, ValueError, "xor: noise must be a finite number >= 0"),
    ({"n": 10, "noise": "a"}, TypeError, "xor: noise must be a number, got str"),
    ({"n": 10, "seed": "s"}, TypeError, "xor: seed must be an int or None, got str"),
])
def test_bad_generator_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        datasets.xor(**kwargs)


def test_csv_round_trip_is_exact(tmp_path):
    X, y = datasets.spiral(40, noise=0.1, seed=1)
    path = tmp_path / "points.csv"
    datasets.write_csv(path, X, y)
    assert path.read_text().splitlines()[0] == "x,y,label"
    assert datasets.read_csv(path) == (X, y)
    assert datasets.read_csv(str(path)) == (X, y)


def test_csv_without_header_and_with_blank_lines(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("0.5, -0.25, 1\n\n-1,1,0\n")
    assert datasets.read_csv(path) == ([[0.5, -0.25], [-1.0, 1.0]], [1, 0])


@pytest.mark.parametrize("text, message", [
    ("x,y,label\n0.1,0.2,1\n0.3,0.4\n", "line 3: expected 3 fields x,y,label, got 2"),
    ("0.1,0.2,1,7\n", "line 1: expected 3 fields x,y,label, got 4"),
    ("x,y,label\n0.1,abc,1\n", "line 2: y is 'abc', not a number"),
    ("0.1,0.2,1\n\nnan,0.2,0\n", "line 3: x is 'nan', not a finite number"),
    ("0.1,0.2,2\n", "line 1: label is '2', expected 0 or 1"),
    ("0.1,0.2,-1\n", "line 1: label is '-1', expected 0 or 1"),
    ("0.1,0.2,one\n", "line 1: label is 'one', expected 0 or 1"),
    ("x,y,label\n", "no data rows"),
    ("", "no data rows"),
])
def test_malformed_csv_names_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as info:
        datasets.read_csv(path)
    assert "bad.csv" in str(info.value)


@pytest.mark.parametrize("X, y, message", [
    ([[0.1, 0.2]], [0, 1], "write_csv: 1 points but 2 labels"),
    ([[0.1]], [0], "write_csv: point 0 must be a pair"),
    ([[0.1, math.nan]], [0], "write_csv: point 0 has nan, not a finite number"),
    ([[0.1, 0.2]], [6], "write_csv: label 0 is 6, expected a class 0 to 5"),
    ([[0.1, 0.2]], [True], "write_csv: label 0 is True, expected a class 0 to 5"),
    ("ab", [0, 1], "write_csv: X must be a list, got str"),
])
def test_write_csv_checks_before_creating_the_file(tmp_path, X, y, message):
    path = tmp_path / "out.csv"
    with pytest.raises((ValueError, TypeError), match=message):
        datasets.write_csv(path, X, y)
    assert not path.exists()
