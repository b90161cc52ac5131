"""Optimiser steps against their update rules typed in by hand, and the forms of each rule
(floats, NumPy vectors, the loop written from it) against each other.  The steps they
refuse and the input checks: test_optim_errors.py."""

import math
import random

import pytest
from optim_params import with_grads

from autograd import Value
from nn import losses
from nn.optim import SGD, Adam


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
