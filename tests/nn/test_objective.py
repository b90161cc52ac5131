"""Training through the compiled objective against the scalar engine: gradients for every
loss, whole runs of fit on both paths (fixed models and random DAGs), the stepper's choice
of path, and the losses the program cannot follow.  predict: test_compiled_predict.py."""

import os

import pytest
from backends import numpy_program
from hypothesis import given, settings
from hypothesis import strategies as st
from nn_reference import close_lists, points, scalar_predict

from autograd import no_grad
from nn import ACTIVATIONS, MLP, Network, losses, tutorial_network
from nn.fused import FusedEpoch
from nn.objective import Objective
from nn.optim import SGD, Adam
from nn.stepper import Stepper
from nn.train import fit

LOSSES = ["squared_error", "mse", "hinge", "binary_cross_entropy",
          "binary_cross_entropy_with_logits"]


def model_for(loss, seed=3):
    out = "sigmoid" if loss == "binary_cross_entropy" else "linear"
    return MLP(2, [4, 1], activation="tanh", output_activation=out, seed=seed)


@numpy_program
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("l2", [0.0, 1e-3])
def test_the_compiled_objective_gives_the_scalar_gradients(loss, l2):
    model = model_for(loss)
    X, params = points(40, seed=3), model.parameters()
    y = [float(a * b > 0) for a, b in X]
    goal = Objective(model, losses.get(loss), l2, params, X, y, compiled=True)
    assert goal.batched
    rows = list(range(7, 40))
    model.zero_grad()
    goal.scalar([X[i] for i in rows], [y[i] for i in rows]).backward()
    expected = [w.grad for w in params]
    model.zero_grad()
    goal.backward(rows)
    close_lists([w.grad for w in params], expected)
    E, outputs = goal.measure()
    with no_grad():
        assert abs(E - goal.scalar(X, y).data) <= 1e-12 * max(1.0, abs(E))
    close_lists(outputs, scalar_predict(model, X))


def test_several_outputs_and_dict_rows():
    model = MLP(2, [3, 2], seed=8, input_names=["u", "v"])
    X = [{"u": a, "v": b} for a, b in points(17, seed=4)]
    y = [[1.0, 0.0] if row["u"] > row["v"] else [0.0, 1.0] for row in X]
    goal = Objective(model, losses.squared_error, 0.0, model.parameters(), X, y)
    for rows in (list(range(17)), [5]):
        model.zero_grad()
        goal.scalar([X[i] for i in rows], [y[i] for i in rows]).backward()
        expected = [w.grad for w in model.parameters()]
        model.zero_grad()
        goal.backward(rows)
        close_lists([w.grad for w in model.parameters()], expected)


def test_losses_the_program_cannot_follow_are_refused_or_left_to_the_scalar_engine():
    X = points(20)
    y = [float(a > 0) for a, _ in X]
    linear = MLP(2, [3, 1], activation="tanh", output_activation="linear", seed=0)

    def whole_batch(predictions, targets):
        return losses.mse(predictions, targets)

    bce = losses.binary_cross_entropy  # ln p clamped by the value of a non-sigmoid p
    for loss, why in ((whole_batch, "the loss is a function of the whole batch"),
                      (bce, "binary_cross_entropy clamps ln p at -100 for an output")):
        goal = Objective(linear, loss, 0.0, linear.parameters(), X, y)
        assert goal.program is None and why in goal.reason
        with pytest.raises(ValueError, match=f"compiled=True is impossible: {why}"):
            Objective(linear, loss, 0.0, linear.parameters(), X, y, compiled=True)
    with pytest.raises(ValueError, match="compiled=True is impossible: the loss is a function"):
        fit(linear, X, y, loss=whole_batch, lr=0.1, epochs=1, compiled=True, progress=False)


def test_sequential_binary_cross_entropy_ends_where_the_scalar_engine_does():
    # compiled=True once skipped the check of the loss and ended at 5.64 instead of 12.81.
    X = points(30, seed=4)
    y = [float(a > b) for a, b in X]
    ends = []
    for flag in (False, True):
        net = tutorial_network(seed=6)
        ends.append(fit(net, X, y, loss="binary_cross_entropy", lr=2.0, epochs=5,
                        mode="sequential", seed=3, progress=False, compiled=flag).loss[-1])
    assert ends[0] == pytest.approx(ends[1], rel=1e-12)


@pytest.mark.parametrize("mode, batch_size", [("batch", None), ("batch", 8),
                                              ("sequential", None)])
@pytest.mark.parametrize("loss", LOSSES)
def test_fit_gives_the_same_weights_on_both_paths(loss, mode, batch_size):
    X = points(40, seed=6)
    y = [float(a * b > 0) for a, b in X]
    runs = []
    for flag in (False, True):
        model = model_for(loss, seed=5)
        lr = 0.005 if loss == "squared_error" else 0.1  # a sum over 40 examples: smaller steps
        history = fit(model, X, y, loss=loss, lr=lr, epochs=4, mode=mode,
                      batch_size=batch_size, l2=1e-3, seed=2, progress=False, compiled=flag)
        runs.append((history.loss, [w.data for w in model.parameters()]))
    close_lists(runs[1][0], runs[0][0], tol=1e-10)
    close_lists(runs[1][1], runs[0][1], tol=1e-10)
    if mode == "sequential":  # the float replay runs the scalar engine's rules in its order
        assert runs[1][1] == runs[0][1]


@numpy_program
def test_the_stepper_takes_each_path_where_it_pays(monkeypatch):
    calls = []
    backward, gradient = Objective.backward, Objective.gradient
    monkeypatch.setattr(Objective, "backward", lambda self, rows:
                        calls.append((self.program is not None, len(rows))) or backward(self, rows))
    monkeypatch.setattr(Objective, "gradient", lambda self, rows, weights:
                        calls.append(("vector", len(rows))) or gradient(self, rows, weights))
    minibatch = FusedEpoch.minibatch
    monkeypatch.setattr(FusedEpoch, "minibatch", lambda self, rows:
                        minibatch(self, rows) and not calls.append(("c", len(rows))))
    X = points(40, seed=6)
    y = [int(a > b) for a, b in X]
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=3, batch_size=20, progress=False)
    # batch steps: weights in one vector (nn.vector), each step one C call when forced onto
    # C (nn.fused; the default session forces NumPy)
    kind = "c" if os.environ["AUTOGRAD_BACKEND"] == "c" else "vector"
    assert calls == [(kind, 20)] * 6
    calls.clear()
    model = tutorial_network(seed=1)  # an optimiser on part of the weights: steps on Values
    fit(model, X, y, optimizer=SGD(model.parameters()[1:], 0.5), epochs=1, batch_size=20,
        progress=False)
    assert calls == [(True, 20)] * 2
    calls.clear()
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=1, mode="sequential", progress=False)
    assert calls == []  # sequential SGD: one generated function for the epoch (nn.sequential)
    model = tutorial_network(seed=1)  # another optimiser: the float program, sample by sample
    fit(model, X, y, optimizer=Adam(model.parameters(), 0.01), epochs=1, mode="sequential",
        progress=False)
    assert calls == [(True, 1)] * 40
    calls.clear()
    fit(tutorial_network(seed=1), X, y, lr=0.5, epochs=1, mode="sequential", progress=False,
        compiled=False)
    assert calls == [(False, 1)] * 40


def test_the_stepper_resumes_between_updates():
    X, y = points(10, seed=1), [0, 1] * 5
    whole, sliced = tutorial_network(seed=2), tutorial_network(seed=2)
    steppers = []
    for model in (whole, sliced):
        goal = Objective(model, losses.squared_error, 0.0, model.parameters(), X, y)
        steppers.append(Stepper(goal, SGD(model.parameters(), 0.5), "sequential", seed=4))
    steppers[0].epoch()
    steppers[0].epoch()
    for _ in range(20):
        steppers[1].update()
    assert steppers[1].epochs == 2 and steppers[1].position == 0
    assert [w.data for w in whole.parameters()] == [w.data for w in sliced.parameters()]
    steppers[1].update()
    assert steppers[1].epoch_progress == pytest.approx(2.1)


@st.composite
def networks(draw):
    """A random DAG of perceptrons with skip links: (network, loss, mode, batch size)."""
    loss = draw(st.sampled_from(LOSSES))
    names = ["a", "b", "c"][:draw(st.integers(1, 3))]
    net = Network(names, seed=draw(st.integers(0, 99)))
    for k in range(draw(st.integers(1, 6))):
        pool = names + [f"p{i}" for i in range(k)]
        sources = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
        net.add(f"p{k}", sources, activation=draw(st.sampled_from(sorted(ACTIVATIONS))))
    if loss == "binary_cross_entropy":  # probabilities: every output a sigmoid
        for name in net.output_names:
            net.add(f"{name}_p", [name], activation="sigmoid")
    mode = draw(st.sampled_from(["batch", "minibatch", "sequential"]))
    return net, loss, mode


@settings(max_examples=40, deadline=None)
@given(case=networks(), seed=st.integers(0, 9))
def test_random_networks_train_alike_on_both_paths(case, seed):
    net, loss, mode = case
    X = points(24, width=len(net.input_names), seed=seed)
    width = len(net.output_names)
    y = [[float(sum(x) > k * 0.3) for k in range(width)] for x in X]
    y = [t[0] for t in y] if width == 1 else y
    state = net.state_dict()
    runs = []
    for flag in (False, True):
        net.load_state_dict(state)
        history = fit(net, X, y, loss=loss, lr=0.02, epochs=3, l2=1e-3, seed=seed,
                      mode="batch" if mode == "minibatch" else mode,
                      batch_size=8 if mode == "minibatch" else None,
                      progress=False, compiled=flag)
        runs.append((history.loss, [w.data for w in net.parameters()]))
    close_lists(runs[1][0], runs[0][0], tol=1e-9)
    close_lists(runs[1][1], runs[0][1], tol=1e-9)
