"""Losses against their formulas typed in by hand, and against central differences."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, grad, gradcheck
from nn import losses

PRED = [0.3, 0.9, 0.55, 0.02]
TRUE = [0.0, 1.0, 1.0, 0.0]
PAIRS = list(zip(PRED, TRUE, strict=True))


def sigma(s):
    return 1.0 / (1.0 + math.exp(-s))


def test_squared_error_is_the_tutorials_sum():
    E = losses.squared_error([Value(p) for p in PRED], TRUE)
    assert E.data == pytest.approx(sum((h - y) ** 2 for h, y in PAIRS), abs=1e-15)


def test_mse_is_the_layered_mean_with_one_half():
    E = losses.mse(PRED, TRUE)
    assert isinstance(E, Value)
    assert E.data == pytest.approx(sum((h - y) ** 2 for h, y in PAIRS) / 8, abs=1e-15)


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_squared_error_gradient_is_2_h_minus_y(h, y):
    v = Value(h)
    (d,) = grad(losses.squared_error([v], [y]), [v])
    assert d == pytest.approx(2 * (h - y), abs=1e-12)
    (d,) = grad(losses.mse([v], [y]), [v])  # the tutorial, section 4.1: dE/dy_hat = y_hat - y
    assert d == pytest.approx(h - y, abs=1e-12)


def test_multi_output_sums_outputs_and_mse_divides_by_samples():
    P = [[0.1, 0.7], [0.4, -0.2]]
    T = [[0.0, 1.0], [1.0, 0.0]]
    total = 0.01 + 0.09 + 0.36 + 0.04
    assert losses.squared_error(P, T).data == pytest.approx(total, abs=1e-15)
    assert losses.mse(P, T).data == pytest.approx(total / 4, abs=1e-15)


def test_single_value_is_one_sample():
    assert losses.squared_error(Value(0.5), 1).data == pytest.approx(0.25)
    assert losses.mse(0.5, 1).data == pytest.approx(0.125)


def test_binary_cross_entropy_on_probabilities():
    E = losses.binary_cross_entropy(PRED, TRUE)
    hand = -sum(y * math.log(p) + (1 - y) * math.log(1 - p) for p, y in PAIRS) / 4
    assert E.data == pytest.approx(hand, rel=1e-12)


def test_binary_cross_entropy_on_logits_and_named_variant():
    S = [-2.0, 0.5, 3.0, 0.0]
    hand = -sum(y * math.log(sigma(s)) + (1 - y) * math.log(1 - sigma(s))
                for s, y in zip(S, TRUE, strict=True)) / 4
    assert losses.binary_cross_entropy(S, TRUE, from_logits=True).data == pytest.approx(hand)
    assert losses.binary_cross_entropy_with_logits(S, TRUE).data == pytest.approx(hand)
    assert losses.get("binary_cross_entropy_with_logits") is losses.binary_cross_entropy_with_logits


def test_binary_cross_entropy_is_stable_for_huge_logits():
    s = [Value(1000.0), Value(-1000.0)]
    E = losses.binary_cross_entropy(s, [0, 1], from_logits=True)
    # terms softplus(1000) - 0 and softplus(-1000) + 1000, both 1000: no inf, no nan
    assert E.data == pytest.approx(1000.0)
    E.backward()
    # dE/ds = (sigma(s) - y) / N
    assert s[0].grad == pytest.approx(0.5) and s[1].grad == pytest.approx(-0.5)


def test_binary_cross_entropy_of_a_sigmoid_output_keeps_its_gradient():
    s = Value(40.0)  # sigma(40) rounds to 1 - 4e-18: 1 - p would be 0 in floats
    E = losses.binary_cross_entropy([s.sigmoid()], [0])
    assert E.data == pytest.approx(40.0, rel=1e-12)
    E.backward()
    assert s.grad == pytest.approx(sigma(40.0), rel=1e-12)


def test_binary_cross_entropy_clamps_log_of_zero():
    p = Value(0.0)
    E = losses.binary_cross_entropy([p], [1])
    assert E.data == 100.0
    E.backward()
    assert p.grad == 0.0
    assert losses.binary_cross_entropy([Value(0.0)], [0]).data == 0.0  # y = 0: ln p not taken


def test_hinge_on_plus_minus_one_and_on_0_1_labels():
    S = [0.3, -2.0, 1.5, -0.2]
    hand = sum(max(0.0, 1 - y * s) for s, y in zip(S, [1, -1, 1, 1], strict=True)) / 4
    assert losses.hinge(S, [1, -1, 1, 1]).data == pytest.approx(hand)
    assert losses.hinge(S, [1, 0, 1, 1]).data == pytest.approx(hand)


@pytest.mark.parametrize("name, targets, kw", [
    ("squared_error", [0.0, 1.0, 0.5], {}),
    ("mse", [0.0, 1.0, 0.5], {}),
    ("binary_cross_entropy", [0.0, 1.0, 0.3], {}),
    ("binary_cross_entropy", [0.0, 1.0, 0.3], {"from_logits": True}),
    ("hinge", [-1.0, 1.0, 1.0], {}),
])
def test_gradients_match_central_differences(name, targets, kw):
    fn = losses.get(name)
    points = [0.35, 0.8, 0.1] if name == "binary_cross_entropy" and not kw else [0.2, -0.4, 0.6]
    assert gradcheck(lambda *p: fn(list(p), targets, **kw), points)
    if name == "binary_cross_entropy":  # through a sigmoid node, the logit path
        assert gradcheck(lambda *s: fn([v.sigmoid() for v in s], targets), [-1.5, 0.4, 2.0])


def test_l2_penalty_value_and_gradient():
    w = [Value(0.5), Value(-2.0)]
    E = losses.l2_penalty(w, 0.1)
    assert E.data == pytest.approx(0.1 * (0.25 + 4.0))
    E.backward()
    assert [p.grad for p in w] == pytest.approx([2 * 0.1 * 0.5, 2 * 0.1 * -2.0])
    assert losses.l2_penalty([], 0.1).data == 0.0


def test_registry_by_name_and_callable():
    assert set(losses.LOSSES) >= {"squared_error", "mse", "binary_cross_entropy", "hinge"}
    assert losses.get("mse") is losses.mse
    mine = lambda p, t: losses.mse(p, t) * 2
    assert losses.get(mine) is mine
    with pytest.raises(ValueError, match=r"unknown loss 'l1'; known losses: .*hinge.*mse"):
        losses.get("l1")
    with pytest.raises(TypeError, match="loss must be a name .* or a callable, got int"):
        losses.get(3)
    with pytest.raises(TypeError):
        losses.LOSSES["mine"] = mine  # read-only


@pytest.mark.parametrize("call, error, message", [
    (lambda: losses.mse([0.1, 0.2, 0.3], [0, 1]), ValueError,
     "mse: 3 predictions but 2 targets; give one target per prediction"),
    (lambda: losses.squared_error([], []), ValueError, "squared_error: no predictions"),
    (lambda: losses.mse("abc", [1, 2, 3]), TypeError, "mse: predictions must be a list"),
    (lambda: losses.mse([0.1], ["a"]), TypeError, "mse: target 0 must be a number, got str"),
    (lambda: losses.mse([0.1], [math.nan]), ValueError, "mse: target 0 is nan, expected a finite"),
    (lambda: losses.mse([0.1, [0.1, 0.2]], [0, [1]]), ValueError,
     "mse: prediction 1 has 2 outputs but target 1 is \\[1\\]"),
    (lambda: losses.mse([0.1, 0.2], [0, [1]]), ValueError,
     "mse: prediction 1 is one number but target 1 is \\[1\\]"),
    (lambda: losses.mse([[0.1, "x"]], [[0, 1]]), TypeError,
     "mse: prediction 0, output 1 must be a Value or a number, got str"),
    (lambda: losses.mse([True], [1]), TypeError, "mse: prediction 0 must be a Value, a number"),
    (lambda: losses.binary_cross_entropy([0.5], [2]), ValueError,
     "binary_cross_entropy: target 0 is 2.0, expected a value in \\[0, 1\\]"),
    (lambda: losses.binary_cross_entropy([0.5, 1.3], [1, 0]), ValueError,
     "prediction 1 is 1.3, not a probability in \\[0, 1\\]; pass from_logits=True"),
    (lambda: losses.binary_cross_entropy([0.5], [1], from_logits=1), TypeError,
     "from_logits must be True or False"),
    (lambda: losses.hinge([0.5, 0.1], [2, 1]), ValueError, "hinge: label 2.0 is not a class"),
    (lambda: losses.hinge([0.5, 0.1], [-1, 0]), ValueError, "hinge: labels mix 0 and -1"),
    (lambda: losses.l2_penalty([Value(1.0)], -0.1), ValueError,
     "l2_penalty: alpha must be a finite number >= 0"),
    (lambda: losses.l2_penalty([1.0], 0.1), TypeError, "l2_penalty: parameter 0 must be a Value"),
])
def test_bad_input_messages(call, error, message):
    with pytest.raises(error, match=message):
        call()
