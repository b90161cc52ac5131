"""Stepper.advance(n): up to n updates in one call, the same steps as n calls of update().

The playground trains in chunks (viz.playground.training.trainer): a chunk of sequential
updates is one call of the generated steps (nn.sequential).  Whatever the chunks, the
weights, gradients and velocities are those of single updates and of the scalar engine,
bit for bit; a chunk stops at the end of its epoch, and a refused step stops it where
single updates stop, with the same error and the same weights."""

import random

import pytest

from nn import MLP, DivergedError, losses, tutorial_network
from nn.objective import Objective
from nn.optim import SGD
from nn.stepper import Stepper


def points(n, seed=0):
    rng = random.Random(seed)
    return [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]


def state(model, optimizer):
    return [(p.data, p.grad) for p in model.parameters()] + [tuple(optimizer.velocity)]


def stepper(model, X, y, mode="sequential", compiled=True, batch_size=None, lr=0.5):
    goal = Objective(model, losses.squared_error, 1e-3, model.parameters(), X, y,
                     compiled=compiled)
    optimizer = SGD(model.parameters(), lr, momentum=0.5)
    return Stepper(goal, optimizer, mode, batch_size, seed=4), optimizer


def test_chunks_of_any_size_take_the_single_updates_steps_bit_for_bit():
    X = points(13, seed=1)
    y = [int(a > b) for a, b in X]
    runs = []
    for compiled, chunks in ((True, [1, 3, 7, 100, 5, 13, 2, 40, 6]), (True, None),
                             (False, None)):
        model = tutorial_network(seed=2)
        st, optimizer = stepper(model, X, y, compiled=compiled)
        assert (st.steps is not None) == compiled  # the generated steps, or the Values
        ran = []
        if chunks is None:
            for _ in range(13 * 3 + 6):
                st.update()
        else:
            ran = [st.advance(n) for n in chunks]
        runs.append((state(model, optimizer), st.epochs, st.position, ran))
    assert runs[0][0] == runs[1][0] == runs[2][0]
    assert runs[0][1:3] == runs[1][1:3] == runs[2][1:3] == (3, 6)
    # each chunk stops at the end of its epoch of 13: 1 + 3 + 7 = 11, then 2 to its end
    assert runs[0][3] == [1, 3, 7, 2, 5, 8, 2, 11, 6]


def test_a_chunk_of_minibatches_stops_at_the_end_of_its_epoch():
    X = points(10, seed=3)
    y = [int(a + b > 0) for a, b in X]
    models = [MLP(2, [3, 1], activation="tanh", output_activation="sigmoid", seed=1)
              for _ in range(2)]
    chunked, optimizer = stepper(models[0], X, y, mode="batch", batch_size=3)
    single, other = stepper(models[1], X, y, mode="batch", batch_size=3)
    assert chunked.steps is None and chunked.per_epoch == 4
    assert [chunked.advance(3), chunked.advance(3), chunked.advance(9)] == [3, 1, 4]
    for _ in range(8):
        single.update()
    assert state(models[0], optimizer) == state(models[1], other)
    assert (chunked.epochs, chunked.position) == (single.epochs, single.position) == (2, 0)


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_a_refused_step_stops_a_chunk_where_single_updates_stop(chunk):
    X = [[0.5, -0.5], [0.25, 1.0], [-1.0, 0.5], [1e200, 1e200], [0.5, 0.5]]
    y = [0, 1, 0, 1, 0]  # the fourth step's gradient is infinite: three steps are taken
    model = MLP(2, [1], activation="linear", output_activation="linear", seed=0)
    goal = Objective(model, losses.squared_error, 0.0, model.parameters(), X, y)
    st = Stepper(goal, SGD(model.parameters(), 1.0), "sequential", shuffle=False)
    assert st.steps is not None
    with pytest.raises(DivergedError, match="learning rate"):
        while True:
            st.advance(chunk)
    reference = MLP(2, [1], activation="linear", output_activation="linear", seed=0)
    goal = Objective(reference, losses.squared_error, 0.0, reference.parameters(), X, y,
                     compiled=False)
    single = Stepper(goal, SGD(reference.parameters(), 1.0), "sequential", shuffle=False)
    for _ in range(3):
        single.update()
    assert [p.data for p in model.parameters()] == [p.data for p in reference.parameters()]
    assert (st.epochs, st.position) == (0, 3)  # at the refused step
