"""fit(): the tutorial's batch and sequential updates (section 1.3) typed in by hand, seeded
accuracies, determinism, progress output and the loss and History it reports.  When it
stops: test_train_stopping.py; what it refuses: test_train_arguments.py."""

import math
import random

import pytest

import nn
from autograd import grad, no_grad
from nn import datasets
from nn.accuracy import accuracy
from nn.history import History
from nn.optim import SGD, Adam
from nn.train import fit


def sigma(s):
    return 1.0 / (1.0 + math.exp(-s))


def by_hand(w, X, y, groups, eta):
    """The tutorial, section 2.1, on each group in turn:
    w := w - 2 eta sum_i (h_i - y_i) h_i (1 - h_i) x_i."""
    w = list(w)
    for group in groups:
        step = [0.0] * len(w)
        for i in group:
            x = [1.0, *X[i]]  # a_0 = 1 carries the bias w_0
            h = sigma(sum(wj * xj for wj, xj in zip(w, x, strict=True)))
            for j in range(len(w)):
                step[j] += 2 * eta * (h - y[i]) * h * (1 - h) * x[j]
        w = [wj - dj for wj, dj in zip(w, step, strict=True)]
    return w


@pytest.mark.parametrize("mode, batch_size, groups", [
    ("batch", None, [range(20)]),                        # one update on the summed gradient
    ("sequential", None, [[i] for i in range(20)]),      # one update per example, in order
    ("batch", 8, [range(0, 8), range(8, 16), range(16, 20)]),  # minibatches
])
def test_one_epoch_is_the_tutorials_update(mode, batch_size, groups):
    X, y = datasets.linear(20, seed=2)
    p = nn.Perceptron(2, seed=5)
    w0 = [w.data for w in p.w]
    fit(p, X, y, lr=0.1, epochs=1, mode=mode, batch_size=batch_size, shuffle=False,
        progress=False)
    assert [w.data for w in p.w] == pytest.approx(by_hand(w0, X, y, groups, 0.1), abs=1e-14)


def test_batch_step_is_lr_times_the_summed_gradient_on_a_dag():
    net = nn.tutorial_network(seed=1)
    X, y = datasets.xor(8, seed=3)
    params = net.parameters()
    summed = [0.0] * len(params)
    for x, t in zip(X, y, strict=True):
        per_example = grad((net(x) - t) ** 2, params)  # E_i = (h(x_i) - y_i)^2
        summed = [a + b for a, b in zip(summed, per_example, strict=True)]
    before = [w.data for w in params]
    fit(net, X, y, lr=0.5, epochs=1, mode="batch", progress=False)
    after = [w.data for w in params]
    expected = [w - 0.5 * g for w, g in zip(before, summed, strict=True)]
    assert after == pytest.approx(expected, abs=1e-13)


def test_perceptron_reaches_100_percent_on_separable_points():
    X, y = datasets.linear(40, seed=1)
    h = fit(nn.Perceptron(2, seed=0), X, y, lr=0.1, epochs=500, mode="batch", progress=False,
            callback=lambda epoch, h: h.accuracy[-1] == 1.0)
    assert h.accuracy[-1] == 1.0
    assert h.stopped_early


def test_tutorial_network_reaches_95_percent_on_xor():
    X, y = datasets.xor(40, seed=0)
    net = nn.tutorial_network(seed=TUTORIAL_SEED)
    h = fit(net, X, y, lr=0.5, epochs=300, mode="sequential", seed=0, progress=False,
            callback=lambda epoch, h: h.accuracy[-1] >= 0.95)
    assert h.accuracy[-1] >= 0.95
    assert accuracy(net.predict(X), y, 0.5) == h.accuracy[-1]


TUTORIAL_SEED = 0  # the seed examples/tutorial_network.py uses


def test_mlp_with_hinge_learns_moons():
    X, y = datasets.moons(40, noise=0.05, seed=0)
    model = nn.MLP(2, [8, 1], activation="tanh", output_activation="linear", seed=0)
    h = fit(model, X, y, loss="hinge", optimizer=Adam(model.parameters(), lr=0.05), epochs=200,
            progress=False, callback=lambda epoch, h: h.accuracy[-1] == 1.0)
    assert h.accuracy[-1] >= 0.95
    scores = model.predict(X)
    assert accuracy(scores, y, 0.0) == h.accuracy[-1]  # hinge: the class is the sign


def test_loss_history_is_the_whole_set_loss_after_each_epoch():
    X, y = datasets.blobs(12, seed=2)
    p = nn.Perceptron(2, seed=2)
    h = fit(p, X, y, loss="mse", lr=0.5, epochs=3, mode="sequential", seed=1, progress=False)
    outputs = p.predict(X)
    assert h.loss[-1] == pytest.approx(sum((o - t) ** 2 for o, t in zip(outputs, y, strict=True))
                                       / (2 * len(y)), abs=1e-15)


def test_same_seed_same_run_other_seed_other_order():
    X, y = datasets.circles(30, seed=1)

    def run(seed):
        net = nn.tutorial_network(seed=3)
        h = fit(net, X, y, lr=0.5, epochs=3, mode="sequential", seed=seed, progress=False)
        return h.loss, [w.data for w in net.parameters()]

    state = random.getstate()
    assert run(7) == run(7)
    assert run(7) != run(8)
    assert random.getstate() == state  # the global generator is neither used nor moved


def test_progress_bar_on_stderr_only_when_asked(capsys):
    X, y = datasets.linear(10, seed=1)
    fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5, progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    assert "epoch 5/5" in err and "loss" in err and "acc" in err and err.endswith("\n")
    fit(nn.Perceptron(2, seed=1), X, y, lr=0.1, epochs=5, progress=False)
    assert capsys.readouterr() == ("", "")


def test_history_forms():
    X = [[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6]]
    h = fit(nn.Perceptron(2, seed=1), X, [0.2, 0.7, 0.4], lr=0.1, epochs=4, progress=False)
    assert len(h) == 4 and h.accuracy == []  # targets are not class labels
    d = h.to_dict()
    assert d["loss"] == h.loss and d["epochs"] == 4 and d["stopped_early"] is False
    assert d["diverged"] is None and h.diverged is None
    assert repr(h).startswith("History(epochs=4, loss=")
    assert isinstance(h, History)


def test_accuracy_rule_and_thresholds():
    assert accuracy([0.7, 0.2, 0.5, 0.51], [1, 0, 1, 1], 0.5) == 0.75  # 0.5 is not above 0.5
    # +-1 labels with squared error: the threshold is their midpoint 0
    X, y = [[0.5, 0.5], [-0.5, -0.5]], [1, -1]
    p = nn.Perceptron(2, activation="tanh", seed=0)
    h = fit(p, X, y, lr=0.1, epochs=30, progress=False)
    assert h.accuracy[-1] == accuracy(p.predict(X), y, 0.0)


def test_l2_is_added_to_the_reported_loss():
    X, y = datasets.linear(10, seed=1)
    p = nn.Perceptron(2, seed=1)
    outputs = p.predict(X)
    plain = sum((o - t) ** 2 for o, t in zip(outputs, y, strict=True))
    penalty = 0.01 * sum(w.data ** 2 for w in p.parameters())
    h = fit(p, X, y, lr=0.1, epochs=1, l2=0.01, progress=False)
    assert h.initial_loss == pytest.approx(plain + penalty, abs=1e-12)


def test_explicit_optimizer_and_custom_loss():
    X, y = datasets.linear(10, seed=1)
    p = nn.Perceptron(2, seed=1)
    h = fit(p, X, y, loss=lambda out, t: nn.losses.mse(out, t) * 4,
            optimizer=SGD(p.parameters(), 0.2, momentum=0.5), epochs=20, progress=False)
    assert h.loss[-1] < h.initial_loss


def _saturated_perceptron():
    # the audit's reproduction: sigma(w_0 = 40) on eight points labelled 0, whose loss is
    # -ln(1 - sigma(40)) = softplus(40) = 40.0 (to 4e-18), not the clamp's 100
    p = nn.Perceptron(2, activation="sigmoid", seed=0)
    p.w[0].data, p.w[1].data, p.w[2].data = 40.0, 0.0, 0.0
    X = [[float(i), float(-i)] for i in range(8)]
    return p, X, [0] * 8


def test_reported_binary_cross_entropy_is_the_same_on_every_path():
    histories = {}
    for compiled in (True, False, None):
        p, X, y = _saturated_perceptron()
        histories[compiled] = nn.fit(p, X, y, loss="binary_cross_entropy", lr=1e-3,
                                     epochs=5, compiled=compiled, progress=False)
        assert histories[compiled].initial_loss == pytest.approx(40.0, rel=1e-15)
    for compiled in (False, None):
        assert histories[compiled].loss == pytest.approx(histories[True].loss, rel=1e-12)
    # one step, dE/dw = mean_i sigma(s_i) a_i with sigma(s_i) = 1 to 4e-18: w_0 -= 1e-3,
    # w_1 -= 3.5e-3, w_2 += 3.5e-3, so s_i = 39.999 - 0.007 i and E = mean s_i = 39.9745
    assert histories[False].loss[0] == pytest.approx(39.9745, rel=1e-12)


def test_binary_cross_entropy_of_a_sigmoid_output_under_no_grad_keeps_the_logit():
    p, X, y = _saturated_perceptron()
    with no_grad():
        outputs = [p(x) for x in X]
        E = nn.losses.binary_cross_entropy(outputs, y)
    assert E.data == pytest.approx(40.0, rel=1e-15)
    assert all(out.is_leaf and out.logit == 40.0 for out in outputs)  # no graph, its logit
