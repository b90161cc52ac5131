"""K classes end to end: data sets of K classes, fit with the argmax accuracy, the 3-arm
spiral learnt on the compiled program and on the scalar engine alike, predict_class and
predict_proba."""

import math
from collections import Counter

import pytest

import nn
from nn import datasets


def spiral_run(epochs, compiled):
    X, y = datasets.spiral(300, seed=0, classes=3)
    model = nn.MLP(2, [16, 16, 3], activation="tanh", output_activation="linear", seed=0)
    history = nn.fit(model, X, y, loss="cross_entropy", epochs=epochs, compiled=compiled,
                     optimizer=nn.Adam(model.parameters(), lr=0.05), progress=False)
    return model, X, y, history


def test_a_2_16_16_3_mlp_learns_the_3_arm_spiral_on_the_compiled_program():
    model, X, y, history = spiral_run(300, compiled=True)
    assert history.accuracy_rule == "argmax"
    assert history.accuracy[-1] >= 0.95 and history.loss[-1] < 0.2
    hits = sum(a == b for a, b in zip(nn.predict_class(model, X), y, strict=True))
    assert hits / len(y) == history.accuracy[-1]


def test_the_scalar_engine_takes_the_same_steps():
    compiled, *_ = spiral_run(2, compiled=True)
    scalar, *_ = spiral_run(2, compiled=False)
    for a, b in zip(compiled.parameters(), scalar.parameters(), strict=True):
        assert a.data == pytest.approx(b.data, rel=1e-12, abs=1e-14)


def test_one_hot_targets_and_squared_error_are_measured_by_argmax_too():
    X, y = datasets.blobs(40, seed=3, classes=4)
    rows = [[float(k == t) for k in range(4)] for t in y]
    model = nn.MLP(2, [8, 4], activation="tanh", output_activation="linear", seed=1)
    history = nn.fit(model, X, rows, loss="mse", lr=0.5, epochs=40, progress=False)
    assert history.accuracy_rule == "argmax" and history.accuracy[-1] >= 0.9
    assert history.to_dict()["accuracy_rule"] == "argmax" and "(argmax)" in repr(history)
    two = nn.MLP(2, [4, 1], seed=0)
    binary = nn.fit(two, *datasets.blobs(20, seed=1), lr=0.5, epochs=2, progress=False)
    assert binary.accuracy_rule == "h > 0.5"
    other = nn.fit(nn.MLP(2, [2], seed=0), [[0, 0], [1, 1]], [[0.3, 2.0], [1.0, 0.0]], lr=0.1,
                   epochs=1, progress=False)
    assert other.accuracy == [] and other.accuracy_rule is None


def test_predict_class_and_predict_proba():
    model = nn.MLP(2, [5, 3], activation="tanh", output_activation="linear", seed=2)
    X = [[0.1 * i - 1, 0.05 * i] for i in range(20)]  # 20 rows: the compiled path
    scores = model.predict(X)
    proba = nn.predict_proba(model, X)
    for s, p, c in zip(scores, proba, nn.predict_class(model, X), strict=True):
        assert sum(p) == pytest.approx(1.0, abs=1e-15)
        e = [math.exp(v) for v in s]
        assert p == pytest.approx([v / sum(e) for v in e], rel=1e-13)
        assert c == max(range(3), key=s.__getitem__)
    one = nn.MLP(2, [3, 1], activation="tanh", output_activation="linear", seed=0)
    h = one.predict(X)
    assert nn.predict_class(one, X) == [int(v > 0.5) for v in h]
    assert nn.predict_class(one, X, loss="hinge") == [int(v > 0) for v in h]
    assert nn.predict_class(one, X, labels=(-1, 1)) == [1 if v > 0 else -1 for v in h]
    with pytest.raises(ValueError, match="predict_proba: the model has one output"):
        nn.predict_proba(one, X)
    with pytest.raises(TypeError, match="predict_class: the model needs a predict"):
        nn.predict_class(object(), X)
    with pytest.raises(ValueError, match=r"predict_class: labels \(0, 2\) are not a pair"):
        nn.predict_class(one, X, labels=(0, 2))


@pytest.mark.parametrize("name", ["spiral", "blobs"])
@pytest.mark.parametrize("k", [2, 3, 5, 6])
def test_k_classes_are_balanced_seeded_and_in_the_square(name, k):
    X, y = getattr(datasets, name)(61, noise=0.05, seed=4, classes=k)
    counts = Counter(y)
    assert sorted(counts) == list(range(k))
    assert max(counts.values()) - min(counts.values()) <= 1
    assert [counts[c] for c in range(k)] == sorted(counts[c] for c in range(k))  # extras last
    assert all(-1 <= c <= 1 for p in X for c in p)
    assert getattr(datasets, name)(61, noise=0.05, seed=4, classes=k) == (X, y)


def test_spiral_arm_k_is_turned_by_2_pi_k_over_k():
    X, y = datasets.spiral(90, seed=5, classes=3)
    for (a, b), label in zip(X, y, strict=True):
        r = math.hypot(a, b)
        t = 3 * math.pi * r + 2 * math.pi * label / 3
        assert (r * math.cos(t), r * math.sin(t)) == pytest.approx((a, b), abs=1e-12)


def test_blobs_of_k_classes_sit_round_the_circle():
    X, y = datasets.blobs(600, seed=2, classes=3)
    for label in range(3):
        pts = [p for p, t in zip(X, y, strict=True) if t == label]
        angle = 2 * math.pi * (5 / 8 + label / 3)
        centre = (math.cos(angle) / math.sqrt(2), math.sin(angle) / math.sqrt(2))
        mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        assert mean == pytest.approx(centre, abs=0.04)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n": 10, "classes": 1}, ValueError, "spiral: classes must be 2 to 6, got 1"),
    ({"n": 10, "classes": 7}, ValueError, "spiral: classes must be 2 to 6, got 7"),
    ({"n": 2, "classes": 3}, ValueError, r"spiral: n must be at least 3 \(one point of each"),
    ({"n": 10, "classes": 2.0}, TypeError, "spiral: classes must be an int, got float"),
])
def test_bad_class_counts_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        datasets.spiral(**kwargs)


def test_csv_holds_k_labels(tmp_path):
    X, y = datasets.blobs(30, seed=0, classes=6)
    assert set(y) == set(range(6))
    assert datasets.loads_csv(datasets.dumps_csv(X, y), classes=6) == (X, y)
    datasets.write_csv(tmp_path / "six.csv", X, y)
    assert datasets.read_csv(tmp_path / "six.csv", classes=6) == (X, y)
    with pytest.raises(ValueError, match=r"six.csv, line \d+: label is '[345]', expected a class "
                                         r"0 to 2"):
        datasets.read_csv(tmp_path / "six.csv", classes=3)
    with pytest.raises(ValueError, match=r"six.csv, line \d+: label is '\d', expected 0 or 1"):
        datasets.read_csv(tmp_path / "six.csv")  # two classes by default
    with pytest.raises(ValueError, match="loads_csv: classes must be 2 to 6, got 7"):
        datasets.loads_csv("0,0,1\n", classes=7)
    with pytest.raises(ValueError, match="write_csv: label 0 is 6, expected a class 0 to 5"):
        datasets.dumps_csv([[0.1, 0.2]], [6])
