"""Softmax cross-entropy against its formula, the closed form p - onehot, central
differences, and at scores of +-1e4 on the scalar engine and on a compiled program."""

import math

import pytest
from backends import numpy_program
from hypothesis import given
from hypothesis import strategies as st

import autograd
import nn
from autograd import Value, grad, gradcheck
from nn import losses

SCORES = [[1.0, -2.0, 0.5], [0.3, 0.3, -1.0], [-4.0, 2.5, 2.0]]
LABELS = [2, 0, 1]


def by_hand(row, label):
    """-ln softmax(row)[label], typed in from the definition."""
    return -math.log(math.exp(row[label]) / sum(math.exp(s) for s in row))


def test_the_value_is_the_mean_of_minus_ln_softmax_at_the_label():
    E = losses.cross_entropy([[Value(s) for s in row] for row in SCORES], LABELS)
    want = sum(by_hand(r, t) for r, t in zip(SCORES, LABELS, strict=True)) / len(LABELS)
    assert E.data == pytest.approx(want, rel=1e-14)
    assert losses.get("cross_entropy") is losses.cross_entropy


@given(st.lists(st.floats(-30, 30), min_size=2, max_size=6), st.integers(0, 5))
def test_the_gradient_is_p_minus_onehot(row, label):
    label %= len(row)
    s = [Value(v) for v in row]
    got = grad(losses.cross_entropy([s], [label]), s)
    p = [math.exp(v - max(row)) for v in row]
    p = [q / sum(p) for q in p]
    assert got == pytest.approx([q - (k == label) for k, q in enumerate(p)], abs=1e-12)


def test_the_gradient_matches_central_differences_over_a_batch():
    def E(*w):
        rows = [[w[0] * r[0], w[1] + r[1], w[2] * w[0] + r[2]] for r in SCORES]
        return losses.cross_entropy(rows, LABELS)

    assert gradcheck(E, [0.7, -0.3, 1.2])


def test_one_hot_rows_are_the_same_as_labels():
    rows = [[float(k == t) for k in range(3)] for t in LABELS]
    a = losses.cross_entropy(SCORES, LABELS).data
    assert losses.cross_entropy(SCORES, rows).data == a
    assert losses.cross_entropy(SCORES, [2.0, 0.0, 1.0]).data == a


@numpy_program
@pytest.mark.parametrize("row, label", [([1e4, -1e4, 0.0], 1), ([-1e4, -1e4, 1e4], 2),
                                        ([1e4, 1e4, -1e4], 0)])
def test_scores_of_1e4_give_exact_values_and_gradients_on_every_path(row, label):
    s = [Value(v) for v in row]
    E = losses.cross_entropy([s], [label])
    top = max(row)
    ties = sum(v == top for v in row)
    assert E.data == top + math.log(ties) - row[label]  # lse = max + ln(ties), exactly
    p = [float(v == top) / ties for v in row]
    want = [q - (k == label) for k, q in enumerate(p)]
    assert grad(E, s) == want
    t = [Value(0.0, f"t{k}") for k in range(3)]  # compiled: the targets are inputs
    program = autograd.compile(losses.cross_entropy.sample_term(s, t), t)
    onehot = [float(k == label) for k in range(3)]
    assert program([onehot]).tolist() == [[E.data]]
    assert program.gradients([onehot]) == want
    for w in s:
        w.grad = 0.0
    assert program.backward_row(onehot) == [E.data]  # the float replay, into .grad
    assert [w.grad for w in s] == want


def test_softmax_sums_to_one_on_floats_and_values_and_is_exact_at_1e4():
    p = nn.softmax([1.0, 2.0, 3.0])
    assert sum(p) == pytest.approx(1.0, abs=1e-15) and all(isinstance(q, float) for q in p)
    assert p == pytest.approx([math.exp(k - 3) / sum(math.exp(j - 3) for j in (1, 2, 3))
                               for k in (1, 2, 3)], rel=1e-14)
    assert nn.softmax([1e4, -1e4]) == [1.0, 0.0]
    s = [Value(0.5), Value(-0.5)]
    q = nn.softmax(s)
    assert isinstance(q[0], Value) and grad(q[0], s)[0] == pytest.approx(
        q[0].data * (1 - q[0].data), rel=1e-14)  # dp_k/ds_k = p_k (1 - p_k)
    with pytest.raises(ValueError, match="softmax: score 1 is nan"):
        nn.softmax([0.0, math.nan])
    with pytest.raises(ValueError, match="softmax: no scores"):
        nn.softmax([])


@pytest.mark.parametrize("predictions, targets, message", [
    ([[0.1, 0.2, 0.3]], [3], r"target 0 is 3, not a class label 0\.\.2 \(the model has 3 "
                              r"outputs"),
    ([[0.1, 0.2, 0.3]], [-1], r"target 0 is -1, not a class label 0\.\.2"),
    ([[0.1, 0.2, 0.3]], [1.5], r"target 0 is 1\.5, not a class label"),
    ([[0.1, 0.2, 0.3]], [[0, 1]], r"target 0 is \[0, 1\], not a one-hot row of 3 entries"),
    ([[0.1, 0.2, 0.3]], [[0.5, 0.5, 0]], r"target 0 is \[0.5, 0.5, 0\], not a one-hot row of 3"),
    ([0.4], [1], r"prediction 0 has one output, but softmax cross-entropy needs one score "
                 r"per class .* use binary_cross_entropy_with_logits"),
    ([[0.1, 0.2]], [0, 1], r"1 predictions but 2 targets"),
    ([[0.1, 0.2]], 1, r"targets must be a list of class labels"),
])
def test_bad_labels_and_shapes_are_named(predictions, targets, message):
    with pytest.raises(ValueError if "must be a list" not in message else TypeError,
                       match=f"^cross_entropy: {message}"):
        losses.cross_entropy(predictions, targets)


def test_fit_refuses_a_model_whose_output_count_is_not_k():
    X, y = nn.datasets.blobs(30, seed=1, classes=3)
    two = nn.MLP(2, [4, 2], activation="tanh", output_activation="linear", seed=0)
    with pytest.raises(ValueError, match=r"target \d+ is 2, not a class label 0\.\.1 \(the "
                                         r"model has 2 outputs"):
        nn.fit(two, X, y, loss="cross_entropy", lr=0.1, epochs=1, progress=False)
    one = nn.MLP(2, [4, 1], activation="tanh", output_activation="linear", seed=0)
    with pytest.raises(ValueError, match="prediction 0 has one output"):
        nn.fit(one, X, [t % 2 for t in y], loss="cross_entropy", lr=0.1, epochs=1,
               progress=False)
    assert two.parameters()[0].data == nn.MLP(2, [4, 2], seed=0).parameters()[0].data


def test_the_trace_deltas_at_the_outputs_are_p_minus_onehot():
    model = nn.MLP(2, [4, 3], activation="tanh", output_activation="linear", seed=0)
    trace = model.trace([0.3, -0.5], 2, loss="cross_entropy")
    p = nn.softmax(trace.outputs)
    outputs = [name for name in model.output_names]
    assert [trace.delta[o] for o in outputs] == pytest.approx(
        [q - (k == 2) for k, q in enumerate(p)], abs=1e-15)
    assert trace.loss == pytest.approx(-math.log(p[2]), rel=1e-14)
