"""fit's batch steps on one weight vector (nn.vector): what the Values hold after a run, for
a callback, after an error and after a step outside fit, against the scalar engine."""

import math

import pytest
from backends import numpy_program
from nn_reference import close_lists, points

from nn import MLP, losses, tutorial_network
from nn.objective import Objective
from nn.optim import SGD, Adam
from nn.stepper import Stepper
from nn.train import fit


def run(compiled, **settings):
    """fit on 40 points, and the weights and gradients it leaves in the Values."""
    model = tutorial_network(seed=4)
    X = points(40, seed=9)
    y = [float(a > b) for a, b in X]
    history = fit(model, X, y, loss="squared_error", lr=0.01, epochs=5, l2=1e-3,
                  progress=False, compiled=compiled, **settings)
    params = model.parameters()
    return history, [w.data for w in params], [w.grad for w in params]


@numpy_program
def test_the_vector_run_is_the_one_taken_and_leaves_what_the_scalar_engine_leaves():
    model = tutorial_network(seed=4)
    X = points(40, seed=9)
    goal = Objective(model, losses.squared_error, 1e-3, model.parameters(), X, [0.0] * 40)
    assert Stepper(goal, SGD(model.parameters(), 0.1)).vector is not None
    fast, slow = run(True), run(False)
    close_lists(fast[0].loss, slow[0].loss, tol=1e-12)
    close_lists(fast[1], slow[1], tol=1e-12)  # p.data
    close_lists(fast[2], slow[2], tol=1e-10)  # p.grad: the last step's gradient
    assert all(g != 0.0 for g in fast[2])


def test_a_callback_sees_the_weights_of_its_epoch_and_may_change_them():
    seen = {}

    def callback(compiled):
        def look(epoch, history):
            model = look.model
            seen.setdefault(compiled, []).append([w.data for w in model.parameters()])
            if epoch == 2:  # the next epoch must start from these
                for w in model.parameters():
                    w.data *= 0.5
        return look

    ends = []
    for compiled in (True, False):
        model = tutorial_network(seed=4)
        look = callback(compiled)
        look.model = model
        X = points(40, seed=9)
        fit(model, X, [float(a > b) for a, b in X], loss="squared_error", lr=0.01, epochs=4,
            progress=False, compiled=compiled, callback=look)
        ends.append([w.data for w in model.parameters()])
    for fast, slow in zip(seen[True], seen[False], strict=True):
        close_lists(fast, slow, tol=1e-12)
    close_lists(ends[0], ends[1], tol=1e-12)


def test_a_diverging_run_stops_with_the_last_good_weights_in_the_values():
    outcomes = []
    for compiled in (True, False):
        model = MLP(2, [4, 1], activation="relu", output_activation="linear", seed=1)
        X = points(32, seed=2)
        y = [1e150 * (a + b) for a, b in X]
        with pytest.warns(RuntimeWarning, match="the loss diverged"):
            history = fit(model, X, y, loss="squared_error", lr=1.0, epochs=50,
                          progress=False, compiled=compiled)
        assert history.stopped_early and "the learning rate eta (lr = 1)" in history.diverged
        outcomes.append([w.data for w in model.parameters()])
    assert all(map(math.isfinite, outcomes[0]))
    close_lists(outcomes[0], outcomes[1], tol=1e-9)


@numpy_program
def test_a_step_outside_a_run_gives_the_values_back_at_once():
    model = tutorial_network(seed=2)
    X = points(30, seed=3)
    y = [float(a * b > 0) for a, b in X]
    twin = tutorial_network(seed=2)
    steppers = []
    for m in (model, twin):
        goal = Objective(m, losses.squared_error, 0.0, m.parameters(), X, y,
                         compiled=m is model)
        steppers.append(Stepper(goal, Adam(m.parameters(), 0.05), seed=1))
    assert steppers[0].vector is not None and steppers[1].vector is None
    for _ in range(3):
        for stepper in steppers:
            stepper.update()
        close_lists([w.data for w in model.parameters()], [w.data for w in twin.parameters()],
                    tol=1e-12)
    assert steppers[0].optimizer.state_dict()["t"] == 3
    close_lists(steppers[0].optimizer.m, steppers[1].optimizer.m, tol=1e-10)


@numpy_program
def test_a_run_counts_the_accuracy_in_numpy_as_the_scalar_engine_does():
    X = points(40, seed=9)
    y = [float(a > b) for a, b in X]
    fast, slow = (fit(tutorial_network(seed=4), X, y, loss="squared_error", lr=0.5, epochs=30,
                      progress=False, compiled=compiled) for compiled in (True, False))
    assert fast.accuracy == slow.accuracy and fast.accuracy_rule == "h > 0.5"
    assert len(set(fast.accuracy)) > 1  # the epochs' accuracies move


@pytest.mark.parametrize("labels", [[0.0, 1.0], [-1.0, 1.0]])
def test_the_accuracy_of_a_numpy_vector_is_the_one_of_its_list(labels):
    np = pytest.importorskip("numpy")
    model = tutorial_network(seed=4)
    X = points(8, seed=9)
    y = [labels[k % 2] for k in range(8)]
    stepper = Stepper(Objective(model, losses.squared_error, 0.0, model.parameters(), X, y),
                      SGD(model.parameters(), 0.1))
    t = stepper.classifier.threshold
    assert t is not None
    outputs = [t, t + 1e-12, t - 1.0, math.nan, math.inf, -math.inf, 3.0, t - 2.0]
    expected = stepper.classifier(outputs)
    assert stepper.classifier(np.array(outputs)) == expected
    assert expected == sum((h > t) == (c == 1.0) for h, c in zip(outputs, y, strict=True)) / 8
    with pytest.raises(ValueError, match="3 outputs but 8 labels"):
        stepper.classifier(np.zeros(3))
