"""Sequential SGD as one generated function (nn.sequential) takes the scalar engine's steps.

fit(mode="sequential") with SGD runs each epoch as one call of code written from the
table's rules and the optimiser's own rule (autograd.floats.steps_function); the
weights, the gradients and the velocities it leaves are the scalar engine's, bit for
bit, for every loss, with L2, momentum and shuffling, and in slices of single updates
(the playground).  A step it cannot take is taken the ordinary way: a diverging run
stops where the scalar engine stops, with the same error and the same weights."""

import math
import random

import pytest

from autograd import Value
from autograd.program import FlatProgram
from nn import MLP, losses, tutorial_network
from nn.objective import Objective
from nn.optim import SGD
from nn.sequential import SequentialSteps
from nn.stepper import Stepper
from nn.train import fit


def points(n, width=2, seed=0):
    rng = random.Random(seed)
    return [[rng.uniform(-2, 2) for _ in range(width)] for _ in range(n)]


def state(model, optimizer=None):
    found = [(p.data, p.grad) for p in model.parameters()]
    return found + ([tuple(optimizer.velocity)] if optimizer else [])


CASES = [  # (model, targets of 30 points, fit's keywords)
    (lambda: tutorial_network(seed=3), lambda X: [int(a > b) for a, b in X], {}),
    (lambda: tutorial_network(seed=3), lambda X: [int(a > b) for a, b in X], {"l2": 1e-3}),
    (lambda: MLP(2, [4, 1], activation="tanh", output_activation="linear", seed=2),
     lambda X: [1.0 if a * b > 0 else -1.0 for a, b in X], {"loss": "hinge"}),
    (lambda: MLP(2, [3, 1], activation="relu", output_activation="sigmoid", seed=5),
     lambda X: [int(a + b > 0) for a, b in X], {"loss": "binary_cross_entropy", "l2": 1e-2}),
    (lambda: MLP(2, [4, 3], activation="tanh", output_activation="linear", seed=4),
     lambda X: [int(a > 0) + int(b > 0) for a, b in X], {"loss": "cross_entropy"}),
]


@pytest.fixture(params=["python", "c"])
def backend(request, monkeypatch, tmp_path):
    """The generated steps on each backend (C: built before the first step, in a cache
    folder of the test's own)."""
    monkeypatch.setenv("AUTOGRAD_BACKEND", request.param)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return request.param


@pytest.mark.parametrize("case", range(len(CASES)))
@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_the_generated_epochs_take_the_scalar_engines_steps_bit_for_bit(case, momentum,
                                                                         backend):
    make, targets, keywords = CASES[case]
    X = points(30, seed=case)
    y = targets(X)
    results = []
    for compiled in (True, False):
        model = make()
        optimizer = SGD(model.parameters(), lr=0.1, momentum=momentum)
        fit(model, X, y, optimizer=optimizer, epochs=3, mode="sequential", seed=7,
            progress=False, compiled=compiled, **keywords)
        results.append(state(model, optimizer))
    assert results[0] == results[1]
    goal = Objective(model, losses.get(keywords.get("loss", "squared_error")),
                     keywords.get("l2", 0.0), model.parameters(), X, y)
    stepper = Stepper(goal, SGD(model.parameters(), 0.1), "sequential")
    stepper.epoch()
    assert stepper.steps.backend == backend  # the steps ran on the backend asked for


def test_single_updates_and_epochs_in_any_mix_take_the_same_steps(backend):
    X, y = points(12, seed=1), [0, 1] * 6
    models = [tutorial_network(seed=2) for _ in range(3)]
    steppers = []
    for model, compiled in zip(models, (True, True, False), strict=True):
        goal = Objective(model, losses.squared_error, 0.0, model.parameters(), X, y,
                         compiled=compiled)
        steppers.append(Stepper(goal, SGD(model.parameters(), 0.5), "sequential", seed=4))
    assert steppers[0].steps is not None and steppers[2].steps is None
    steppers[0].epoch()
    steppers[0].epoch()
    for _ in range(5):  # a slice of a pass, then the rest of it, then a pass
        steppers[1].update()
    steppers[1].epoch()
    steppers[1].epoch()
    for _ in range(24):
        steppers[2].update()
    assert state(models[0]) == state(models[1]) == state(models[2])
    assert steppers[0].epochs == steppers[1].epochs == steppers[2].epochs == 2


def test_a_new_learning_rate_between_epochs_needs_no_new_code(backend):
    X, y = points(12, seed=1), [0, 1] * 6
    models = [tutorial_network(seed=2) for _ in range(2)]
    steppers = []
    for model, compiled in zip(models, (True, False), strict=True):
        goal = Objective(model, losses.squared_error, 0.0, model.parameters(), X, y,
                         compiled=compiled)
        steppers.append(Stepper(goal, SGD(model.parameters(), 0.5, momentum=0.5),
                                "sequential", seed=4))
    written = None
    for lr, momentum in [(0.5, 0.5), (0.05, 0.5), (0.2, 0.9)]:
        for stepper in steppers:
            stepper.optimizer.lr, stepper.optimizer.momentum = lr, momentum
            stepper.epoch()
        written = written or steppers[0].steps._written[1]
        assert steppers[0].steps._written[1] is written  # the hyperparameters are inputs
        assert state(models[0], steppers[0].optimizer) == \
            state(models[1], steppers[1].optimizer)
    assert steppers[0].steps.backend == backend


def test_a_diverging_run_stops_where_the_scalar_engine_stops(backend):
    X = [[0.5, -0.5], [0.25, 1.0], [-1.0, 0.5], [1e200, 1e200], [0.5, 0.5]]
    y = [0, 1, 0, 1, 0]  # the fourth step's gradient is infinite: three steps are taken
    errors, states = [], []
    for compiled in (True, False):
        model = MLP(2, [1], activation="linear", output_activation="linear", seed=0)
        with pytest.warns(RuntimeWarning):  # fit stops there, with the last finite weights
            history = fit(model, X, y, lr=1.0, epochs=2, mode="sequential", shuffle=False,
                          progress=False, compiled=compiled)
        errors.append(str(history.diverged))
        states.append([p.data for p in model.parameters()])
    assert errors[0] == errors[1] and "learning rate" in errors[0]
    assert states[0] == states[1]
    assert all(map(math.isfinite, states[0]))
    assert states[0] != [p.data for p in MLP(2, [1], activation="linear",
                                             output_activation="linear", seed=0).parameters()]


def test_a_step_outside_a_functions_domain_is_taken_the_ordinary_way():
    w, x, t = Value(1.0, "w"), Value(1.0, "x"), Value(0.0, "t")
    program = FlatProgram([(x * w).log() - t], [x, t])
    optimizer = SGD([w], lr=0.01)
    rows = [[1.0, 0.0], [2.0, 0.0], [0.0, 0.0], [3.0, 0.0]]
    steps = SequentialSteps(program, [1.0], optimizer, rows)
    taken = []

    def ordinary(position):
        taken.append(position)
        optimizer.zero_grad()
        program.backward_row(rows[position], [1.0])
        optimizer.step()

    with pytest.raises(ValueError, match=r"log: expects x > 0, got x = 0\.0"):
        steps.run([0, 1, 2, 3], 0, 4, ordinary)
    assert taken == [0, 1, 2]  # nothing of the generated run was kept: redone, up to row 2
    reached, w.data = w.data, 1.0
    ordinary(0)
    ordinary(1)
    assert reached == w.data != 1.0
