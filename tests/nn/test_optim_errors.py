"""What the optimisers refuse: a non-finite gradient or a step that would overflow, with
nothing changed and the settings to lower named (DivergedError), a bad state_dict and
every bad argument's message."""

import math

import pytest
from optim_params import with_grads

from autograd import Value
from nn.optim import SGD, Adam, DivergedError, Optimizer


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


def test_the_vector_step_refuses_a_non_finite_gradient_with_nothing_changed():
    import numpy as np

    opt = Adam([Value(1.0, label="w"), Value(2.0)], 0.1)
    with pytest.raises(ValueError, match=r"parameter 1 has gradient nan; the loss diverged"):
        opt.step_vector(np.array([1.0, 2.0]), np.array([0.5, float("nan")]))
    assert opt.t == 0 and opt.m == [0.0, 0.0]
