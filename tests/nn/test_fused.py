"""fit's batch epochs and minibatch steps as one C call each (nn.fused, autograd.cepoch)
against the NumPy path.

On C, a whole-set batch epoch (the step by the optimiser's rule, the L2 term, then E and
the count of samples classified right at the new weights) is one native call, and so is
a minibatch step (the rows gathered, the gradient, the L2 term and the step).  Its
weights, last gradients, optimiser buffers and History must be the NumPy path's within
the documented bound (sums taken in another order), for every optimiser and loss, with a
callback that moves the weights, and a diverging run must stop at the same epoch with
the same error and the same weights."""

import math

import pytest
from nn_reference import close_lists, points

import nn.fused
from nn import MLP, SGD, Adam, tutorial_network
from nn.train import fit


@pytest.fixture
def taken(monkeypatch):
    """The count of epochs the C epoch took, then of minibatch steps."""
    count = [0, 0]
    epoch, minibatch = nn.fused.FusedEpoch.epoch, nn.fused.FusedEpoch.minibatch

    def counted(self):
        found = epoch(self)
        count[0] += found[0]
        return found

    def counted_steps(self, rows):
        found = minibatch(self, rows)
        count[1] += found
        return found

    monkeypatch.setattr(nn.fused.FusedEpoch, "epoch", counted)
    monkeypatch.setattr(nn.fused.FusedEpoch, "minibatch", counted_steps)
    return count


def on(backend, monkeypatch, tmp_path, train):
    """``train()`` with every program on ``backend`` (C: built at once, in the test's own
    cache folder)."""
    monkeypatch.setenv("AUTOGRAD_BACKEND", backend)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return train()


OPTIMIZERS = {
    "sgd": lambda ps: SGD(ps, 0.05),
    "momentum": lambda ps: SGD(ps, 0.05, momentum=0.9),
    "adam": lambda ps: Adam(ps, 0.01, betas=(0.8, 0.95)),
}
CASES = {  # model, targets of the points, fit's keywords
    "hinge": (lambda: MLP(2, [8, 8, 1], activation="relu", output_activation="linear",
                          seed=3), lambda X: [1.0 if a * b > 0 else -1.0 for a, b in X],
              {"loss": "hinge", "l2": 1e-4}),
    "squared": (lambda: tutorial_network(seed=4), lambda X: [float(a > b) for a, b in X],
                {"loss": "squared_error", "l2": 1e-3}),
    "bce": (lambda: MLP(2, [5, 1], activation="tanh", output_activation="sigmoid", seed=6),
            lambda X: [float(a + b > 0) for a, b in X], {"loss": "binary_cross_entropy"}),
    "regression": (lambda: MLP(2, [6, 1], activation="tanh", output_activation="linear",
                               seed=2), lambda X: [a * b for a, b in X], {"loss": "mse"}),
    "classes": (lambda: MLP(2, [6, 3], activation="tanh", output_activation="linear",
                            seed=7), lambda X: [int(a > 0) + int(b > 0) for a, b in X],
                {"loss": "cross_entropy", "l2": 1e-3}),
}


def trained(case, optimizer, batch_size=None):
    make, targets, keywords = CASES[case]
    model = make()
    X = points(60, seed=5)
    opt = OPTIMIZERS[optimizer](model.parameters())
    history = fit(model, X, targets(X), optimizer=opt, epochs=12, progress=False,
                  batch_size=batch_size, seed=3, **keywords)
    params = model.parameters()
    return history, [p.data for p in params], [p.grad for p in params], opt.state_dict()


def same(c, numpy):
    close_lists(c[0].loss, numpy[0].loss, tol=1e-9)
    assert c[0].accuracy == numpy[0].accuracy
    assert c[0].accuracy_rule == numpy[0].accuracy_rule
    close_lists(c[1], numpy[1], tol=1e-9)  # p.data
    close_lists(c[2], numpy[2], tol=1e-9)  # p.grad: the last step's gradient
    assert c[3].keys() == numpy[3].keys()
    for key in c[3]:  # lr and Adam's t as they are, the buffers within the bound
        close_lists(list(c[3][key]) if isinstance(c[3][key], list) else [c[3][key]],
                    list(numpy[3][key]) if isinstance(numpy[3][key], list) else
                    [numpy[3][key]], tol=1e-9)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_a_c_epoch_leaves_the_numpy_paths_weights_buffers_and_history(case, optimizer, taken,
                                                                      monkeypatch, tmp_path):
    c = on("c", monkeypatch, tmp_path, lambda: trained(case, optimizer))
    assert taken[0] == 12  # every epoch was one C call
    numpy = on("numpy", monkeypatch, tmp_path, lambda: trained(case, optimizer))
    assert taken[0] == 12
    same(c, numpy)
    assert (c[0].accuracy == []) == (case == "regression")


@pytest.mark.parametrize("case", ["hinge", "bce", "classes"])
@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_c_minibatch_steps_leave_the_numpy_paths_weights_buffers_and_history(
        case, optimizer, taken, monkeypatch, tmp_path):
    c = on("c", monkeypatch, tmp_path, lambda: trained(case, optimizer, batch_size=22))
    assert taken == [0, 12 * 3]  # 60 rows: steps of 22, 22 and 16 an epoch (shuffled)
    numpy = on("numpy", monkeypatch, tmp_path, lambda: trained(case, optimizer, 22))
    assert taken == [0, 12 * 3]
    same(c, numpy)


def test_a_callback_that_moves_the_weights_is_seen_by_the_next_c_epoch(taken, monkeypatch,
                                                                       tmp_path):
    def halve(epoch, history):
        if epoch % 3 == 0:
            for w in halve.model.parameters():
                w.data *= 0.5

    def train():
        make, targets, keywords = CASES["hinge"]
        halve.model = model = make()
        X = points(60, seed=5)
        history = fit(model, X, targets(X), lr=0.05, epochs=9, progress=False,
                      callback=halve, **keywords)
        return history, [p.data for p in model.parameters()], \
            [p.grad for p in model.parameters()], {}

    c = on("c", monkeypatch, tmp_path, train)
    assert taken[0] == 9
    same(c, on("numpy", monkeypatch, tmp_path, train))


def test_momentum_turned_on_between_epochs_is_a_new_rule_on_c_too(taken, monkeypatch,
                                                                   tmp_path):
    def on_at_epoch_4(epoch, history):
        if epoch == 4:
            on_at_epoch_4.opt.momentum = 0.9

    def train():
        make, targets, keywords = CASES["squared"]
        model = make()
        X = points(60, seed=5)
        on_at_epoch_4.opt = opt = SGD(model.parameters(), 0.05)
        history = fit(model, X, targets(X), optimizer=opt, epochs=8, progress=False,
                      callback=on_at_epoch_4, **keywords)
        params = model.parameters()
        return history, [p.data for p in params], [p.grad for p in params], opt.state_dict()

    c = on("c", monkeypatch, tmp_path, train)
    assert taken[0] == 8
    numpy = on("numpy", monkeypatch, tmp_path, train)
    same(c, numpy)
    assert any(c[3]["velocity"])


def test_a_diverging_c_run_stops_where_the_numpy_run_stops(taken, monkeypatch, tmp_path):
    def train():
        model = MLP(2, [4, 1], activation="relu", output_activation="linear", seed=1)
        X = points(32, seed=2)
        y = [1e150 * (a + b) for a, b in X]
        with pytest.warns(RuntimeWarning, match="the loss diverged"):
            history = fit(model, X, y, loss="squared_error", lr=1.0, epochs=50,
                          progress=False, l2=1e-3, optimizer=None)
        return history, [w.data for w in model.parameters()]

    c = on("c", monkeypatch, tmp_path, train)
    assert taken[0] >= 1  # the C epochs ran until the step that would not be finite
    numpy = on("numpy", monkeypatch, tmp_path, train)
    assert c[0].diverged == numpy[0].diverged and "lr = 1" in c[0].diverged
    assert len(c[0].loss) == len(numpy[0].loss)
    assert all(map(math.isfinite, c[1]))
    close_lists(c[1], numpy[1], tol=1e-9)
