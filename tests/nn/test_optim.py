"""Optimiser steps against their update rules typed in by hand, the forms of each rule
(floats, NumPy vectors, the loop written from it) against each other, and the input checks."""

import math
import random

import pytest

from autograd import Value
from nn import losses
from nn.optim import SGD, Adam, DivergedError, Optimizer


def with_grads(data, grads):
    params = [Value(d) for d in data]
    for p, g in zip(params, grads, strict=True):
        p.grad = g
    return params


def test_sgd_step_is_w_minus_eta_grad_and_records_nothing():
    params = with_grads([0.5, -1.0], [0.2, -3.0])
    SGD(params, lr=0.1).step()
    assert [p.data for p in params] == pytest.approx([0.5 - 0.02, -1.0 + 0.3])
    assert all(p.is_leaf and p.parents == () for p in params)


def test_one_sgd_step_is_the_tutorials_perceptron_update():
    # the tutorial, section 2.1: w_{t+1} = w_t - 0.2 sum_i (h_i - y_i) h_i (1 - h_i) x_i,
    # with x_i0 = 1, is one engine step with eta = 0.1 on E = sum_i (h_i - y_i)^2.
    rng = random.Random(7)
    w = [rng.uniform(-1, 1) for _ in range(3)]
    X = [[1.0, rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(6)]
    Y = [rng.choice((0, 1)) for _ in range(6)]
    expected = list(w)
    for x, y in zip(X, Y, strict=True):
        h = 1 / (1 + math.exp(-sum(wj * xj for wj, xj in zip(w, x, strict=True))))
        for j in range(3):
            expected[j] -= 0.2 * (h - y) * h * (1 - h) * x[j]
    params = [Value(wj) for wj in w]
    outputs = [(params[0] * x[0] + params[1] * x[1] + params[2] * x[2]).sigmoid() for x in X]
    optimizer = SGD(params, lr=0.1)
    optimizer.zero_grad()
    losses.squared_error(outputs, Y).backward()
    optimizer.step()
    assert [p.data for p in params] == pytest.approx(expected, abs=1e-14)


def test_sgd_momentum_keeps_a_velocity():
    (p,) = with_grads([1.0], [2.0])
    opt = SGD([p], lr=0.1, momentum=0.9)
    opt.step()  # v = 2, w = 1 - 0.2
    p.grad = 1.0
    opt.step()  # v = 0.9 * 2 + 1 = 2.8, w = 0.8 - 0.28
    assert p.data == pytest.approx(0.52)


def test_adam_steps_match_the_update_rule():
    (p,) = with_grads([1.0], [0.5])
    opt = Adam([p], lr=0.01, betas=(0.8, 0.9), eps=1e-8)
    opt.step()
    # step 1: m_hat = g, v_hat = g^2, so the step is lr * g / (|g| + eps)
    assert p.data == pytest.approx(1.0 - 0.01 * 0.5 / (0.5 + 1e-8), abs=1e-15)
    before = p.data
    p.grad = -1.0
    opt.step()
    m = 0.8 * (0.2 * 0.5) + 0.2 * -1.0
    v = 0.9 * (0.1 * 0.25) + 0.1 * 1.0
    step = 0.01 * (m / (1 - 0.8**2)) / (math.sqrt(v / (1 - 0.9**2)) + 1e-8)
    assert p.data == pytest.approx(before - step, abs=1e-15)


def test_adams_first_step_moves_each_weight_by_eta_times_the_sign_of_its_gradient():
    grads = [0.3, -2.0, 1e-3, -40.0]
    params = with_grads([0.5, -1.0, 2.0, 0.0], grads)
    Adam(params, lr=0.01, betas=(0.9, 0.99), eps=1e-12).step()
    for p, w, g in zip(params, [0.5, -1.0, 2.0, 0.0], grads, strict=True):
        assert p.data - w == pytest.approx(-0.01 * math.copysign(1.0, g), rel=1e-9)


def test_a_new_learning_rate_between_steps_is_used_at_once():
    (p,) = with_grads([1.0], [2.0])
    opt = SGD([p], lr=0.1, momentum=0.5)
    opt.step()  # v = 2, w = 1 - 0.2
    opt.lr, opt.momentum = 0.01, 0.25
    opt.step()  # v = 0.25 * 2 + 2 = 2.5, w = 0.8 - 0.025
    assert p.data == pytest.approx(0.775, abs=1e-15)
    opt.momentum = 0.0  # plain again: w = 0.775 - 0.02, the velocity kept
    opt.step()
    assert p.data == pytest.approx(0.755, abs=1e-15) and opt.velocity == [2.5]


def test_the_loop_is_written_once_per_optimiser_class_and_terms():
    a, b = SGD([Value(1.0)], 0.1), SGD([Value(2.0), Value(3.0)], 0.5)
    c = SGD([Value(1.0)], 0.1, momentum=0.9)
    for opt in (a, b, c):
        opt.step()
    assert a._code[1] is b._code[1] and a._code[1] is not c._code[1]
    assert (a._code[2], c._code[2]) == ((), ("velocity",))


def test_adam_minimises_a_quadratic():
    w = Value(-2.0)
    opt = Adam([w], lr=0.05)
    for _ in range(1500):
        opt.zero_grad()
        ((w - 3.0) ** 2).backward()
        opt.step()
    assert w.data == pytest.approx(3.0, abs=1e-3)


def test_zero_grad_clears_every_parameter():
    params = with_grads([1.0, 2.0], [5.0, -1.0])
    SGD(params, 0.1).zero_grad()
    assert [p.grad for p in params] == [0.0, 0.0]


def test_non_finite_gradient_raises_before_any_update():
    params = with_grads([1.0, 2.0], [0.5, math.inf])
    params[1].label = "w2"
    with pytest.raises(ValueError, match=r"SGD.step: parameter 1 \(w2\) has gradient inf"):
        SGD(params, 0.1).step()
    assert [p.data for p in params] == [1.0, 2.0]


def _diverging(make):
    """An optimiser of two weights after two good steps, and a third step whose gradient is
    finite but whose update overflows (eta g > the largest float)."""
    params = with_grads([1.0, -2.0], [0.5, -0.25])
    opt = make(params)
    for _ in range(2):
        opt.step()
    params[0].grad, params[1].label = 1e308, "w1"
    params[1].grad = -1e308
    return params, opt


STEPPERS = [
    lambda ps: SGD(ps, 10.0),
    lambda ps: SGD(ps, 10.0, momentum=0.9),
    lambda ps: Adam(ps, 1e305, betas=(0.0, 0.0)),
]
"""Optimisers whose third step in :func:`_diverging` leaves a weight or a buffer infinite."""


@pytest.mark.parametrize("make", STEPPERS)
def test_a_step_that_would_not_be_finite_is_not_applied(make):
    params, opt = _diverging(make)
    weights, state = [p.data for p in params], opt.state_dict()
    with pytest.raises(DivergedError) as caught:
        opt.step()
    assert [p.data for p in params] == weights and opt.state_dict() == state
    message = str(caught.value)
    assert message.startswith(f"{type(opt).__name__}.step: the update would make ")
    assert "not applied" in message and "the learning rate eta (lr = " in message
    assert ("the momentum mu (momentum = 0.9)" in message) == (getattr(opt, "momentum", 0) > 0)
    assert isinstance(caught.value, ValueError)  # what callers caught before


@pytest.mark.parametrize("make", STEPPERS)
def test_the_vector_step_refuses_the_same_update_with_nothing_changed(make):
    import numpy as np

    params, opt = _diverging(make)
    state = opt.state_dict()
    w, g = np.array([p.data for p in params]), np.array([p.grad for p in params])
    with pytest.raises(DivergedError, match="the update would make ") as caught:
        opt.step_vector(w, g)
    assert opt.state_dict() == state
    with pytest.raises(DivergedError) as on_values:
        opt.step()
    assert str(caught.value) == str(on_values.value)  # the same words on both paths


def test_a_buffer_that_would_overflow_is_named_too():
    params = with_grads([0.5], [1e200])
    opt = Adam(params, 0.1)
    # v = (1 - b2) g^2 overflows; the weight would not move (m_hat / sqrt(inf) = 0)
    with pytest.raises(DivergedError, match=r"would make the v of parameter 0 inf"):
        opt.step()
    assert opt.v == [0.0] and opt.m == [0.0] and opt.t == 0 and params[0].data == 0.5


def test_diverged_error_joins_the_settings_in_plain_words():
    error = DivergedError("SGD.step", "parameter 0 has gradient nan", ["the learning rate"])
    assert str(error).endswith("Lower the learning rate and train again")
    more = error.lower("the L2 rate").lower("the batch size")
    assert str(more).endswith("Lower the learning rate, the L2 rate or the batch size and "
                              "train again")
    assert error.settings == ["the learning rate"]  # lower() makes a new error


def test_state_dict_round_trip_continues_identically():
    for make in (lambda ps: SGD(ps, 0.1, momentum=0.5), lambda ps: Adam(ps, 0.1)):
        a = with_grads([1.0, -1.0], [0.3, 0.7])
        first = make(a)
        first.step()  # builds up velocity / running averages
        copy = make(with_grads([p.data for p in a], [0.3, 0.7]))
        copy.load_state_dict(first.state_dict())
        first.step()
        copy.step()
        assert [p.data for p in copy.params] == [p.data for p in a]
        fresh = make(with_grads([1.0, -1.0], [0.3, 0.7]))
        fresh.step()
        fresh.step()
        assert [p.data for p in fresh.params] == [p.data for p in a]


def test_bad_state_dict_leaves_the_optimizer_unchanged():
    opt = SGD(with_grads([1.0], [1.0]), 0.1, momentum=0.5)
    with pytest.raises(ValueError, match="'velocity' must be a list of 1 numbers"):
        opt.load_state_dict({"lr": 0.5, "velocity": [1.0, 2.0]})
    assert opt.lr == 0.1 and opt.velocity == [0.0]
    with pytest.raises(ValueError, match="expected a dict with 'lr'"):
        opt.load_state_dict({})


def test_base_class_has_no_update_rule():
    with pytest.raises(NotImplementedError):
        Optimizer([Value(1.0)], 0.1).step()


@pytest.mark.parametrize("make, error, message", [
    (lambda: SGD(Value(1.0), 0.1), TypeError, "SGD: params must be an iterable of Values"),
    (lambda: SGD([], 0.1), ValueError, "SGD: params is empty"),
    (lambda: SGD([Value(1.0), 2.0], 0.1), TypeError,
     "SGD: params\\[1\\] must be a Value, got float"),
    (lambda: SGD([V, V], 0.1), ValueError, "SGD: params\\[1\\] appears twice"),
    (lambda: SGD([Value(1.0)], 0), ValueError, "SGD: lr must be a finite number > 0, got 0"),
    (lambda: SGD([Value(1.0)], math.nan), ValueError, "SGD: lr must be a finite number > 0"),
    (lambda: SGD([Value(1.0)], "0.1"), TypeError, "SGD: lr must be a number, got str"),
    (lambda: SGD([Value(1.0)], True), TypeError, "SGD: lr must be a number, got bool"),
    (lambda: SGD([Value(1.0)], 0.1, momentum=1.0), ValueError, "momentum must be in \\[0, 1\\)"),
    (lambda: Adam([Value(1.0)], betas=0.9), TypeError, "Adam: betas must be a pair"),
    (lambda: Adam([Value(1.0)], betas=(0.9, 1.0)), ValueError, "Adam: betas\\[1\\] must be"),
    (lambda: Adam([Value(1.0)], eps=0.0), ValueError, "Adam: eps must be a finite number > 0"),
])
def test_bad_arguments(make, error, message):
    with pytest.raises(error, match=message):
        make()


V = Value(1.0)


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, 0.1), lambda ps: SGD(ps, 0.05, momentum=0.9),
                                  lambda ps: Adam(ps, 0.01, betas=(0.8, 0.95))])
def test_the_vector_step_is_the_value_step_bit_for_bit(make):
    # step() runs the loop written from the rule on symbols; step_vector() runs the rule
    # on NumPy vectors; the rule on floats, one parameter at a time, is the third form
    import numpy as np

    rng = random.Random(3)
    start = [rng.uniform(-2, 2) for _ in range(7)]
    values, vectors = make([Value(w) for w in start]), make([Value(w) for w in start])
    floats = make([Value(w) for w in start])
    w, buffers = np.array(start), [[0.0] * len(start) for _ in floats.buffers]
    for k in range(5):
        values.lr = vectors.lr = floats.lr = 0.1 / (k + 1)  # an input, not a constant
        grads = [rng.uniform(-3, 3) for _ in start]
        for p, g in zip(values.params, grads, strict=True):
            p.grad = g
        values.step()
        w = vectors.step_vector(w, np.array(grads))
        floats._begin()
        for i, g in enumerate(grads):
            new = floats.rule(math, floats.params[i].data, g, *(b[i] for b in buffers),
                              **floats.hyper())
            floats.params[i].data = new[0]
            for b, x in zip(buffers, new[1:], strict=True):
                b[i] = x
        assert w.tolist() == [p.data for p in values.params] == [p.data for p in floats.params]
        assert buffers == [getattr(values, b) for b in values.buffers]
    assert vectors.state_dict() == values.state_dict()
    assert all(p.data == x for p, x in zip(vectors.params, start, strict=True))  # untouched


def test_the_vector_step_refuses_a_non_finite_gradient_with_nothing_changed():
    import numpy as np

    opt = Adam([Value(1.0, label="w"), Value(2.0)], 0.1)
    with pytest.raises(ValueError, match=r"parameter 1 has gradient nan; the loss diverged"):
        opt.step_vector(np.array([1.0, 2.0]), np.array([0.5, float("nan")]))
    assert opt.t == 0 and opt.m == [0.0, 0.0]
