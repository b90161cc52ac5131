"""When fit() stops before its last epoch: a loss that changes by less than tol, a callback
that says so, and a divergence (weights or outputs that would overflow), which leaves
finite weights and names the settings to lower."""

import math

import pytest

import nn
from nn import datasets
from nn.optim import SGD
from nn.train import fit


def test_tol_stops_when_the_loss_change_is_small():
    X, y = datasets.linear(20, seed=4)
    h = fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5000, tol=1e-3, progress=False)
    changes = [abs(a - b) for a, b in zip([h.initial_loss, *h.loss], h.loss, strict=False)]
    assert h.stopped_early and len(h) < 5000
    assert changes[-1] < 1e-3 and all(c >= 1e-3 for c in changes[:-1])


def test_callback_sees_each_epoch_and_can_stop():
    X, y = datasets.linear(10, seed=1)
    seen = []
    h = fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=10, progress=False,
            callback=lambda epoch, hist: seen.append((epoch, len(hist))) or epoch == 3)
    assert seen == [(1, 1), (2, 2), (3, 3)] and len(h) == 3 and h.stopped_early


@pytest.mark.parametrize("compiled", [None, False])
@pytest.mark.parametrize("l2", [1.0, 10.0])
def test_a_diverging_fit_stops_with_finite_weights_and_says_what_to_lower(compiled, l2):
    # issue 21's sequence: eta 10, momentum 0.99, L2, batch mode on 200 noisy xor points
    X, y = datasets.xor(200, noise=0.3, seed=2)
    model = nn.tutorial_network(seed=1)
    opt = SGD(model.parameters(), 10.0, momentum=0.99)
    with pytest.warns(RuntimeWarning, match=r"fit stopped in epoch \d+: SGD.step: "):
        h = fit(model, X, y, optimizer=opt, epochs=5000, mode="batch", l2=l2,
                progress=False, compiled=compiled)
    assert h.stopped_early and 0 < len(h) < 5000
    assert all(math.isfinite(w.data) for w in model.parameters())
    assert all(map(math.isfinite, opt.velocity))
    for setting in ("the learning rate eta (lr = 10)", "the momentum mu (momentum = 0.99)",
                    f"the L2 rate (l2 = {l2:g})"):
        assert setting in h.diverged
    assert h.to_dict()["diverged"] == h.diverged and "diverged=" in repr(h)
    # the weights reached train on at a sane rate
    opt.lr, opt.momentum = 0.01, 0.0
    assert len(fit(model, X, y, optimizer=opt, epochs=2, mode="batch", progress=False)) == 2


def test_outputs_that_overflow_stop_fit_as_a_divergence():
    # a ReLU network at eta 10: its weights stay finite for a while, its outputs do not
    X, y = datasets.moons(100, noise=0.1, seed=1)
    model = nn.MLP(2, [16, 16, 1], activation="relu", output_activation="linear", seed=1)
    with pytest.warns(RuntimeWarning, match="fit stopped in epoch"):
        h = fit(model, X, y, lr=10.0, epochs=500, mode="batch", progress=False)
    assert h.stopped_early and "the learning rate eta (lr = 10)" in h.diverged
    assert all(math.isfinite(w.data) for w in model.parameters())
