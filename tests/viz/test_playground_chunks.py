"""The playground trains in chunks and answers its play requests with quick views.

Trainer.run runs its updates in chunks (nn.stepper.Stepper.advance): the weights are
those of single updates, bit for bit, the epochs are counted and ``on_epoch`` is called
after each completed one.  While the page plays, the view answering a training request
is drawn on the quick grid (viz.playground.pictures.plane_maps.quick_size, coarser without NumPy);
every other view on the full grid.
"""

import base64
import json

import pytest

import nn
from viz.playground.api.routes import Routes
from viz.playground.models.choices import DEFAULTS
from viz.playground.pictures import plane_maps
from viz.playground.training.trainer import Trainer, _next_chunk

POINTS = [[-0.6, 0.6, 0], [0.6, -0.6, 0], [0.6, 0.6, 1], [-0.6, -0.6, 1], [0.1, 0.2, 1],
          [-0.3, 0.1, 0], [0.4, -0.2, 1], [-0.5, -0.1, 0], [0.2, -0.7, 0], [-0.8, 0.3, 1]]


def trainer(settings):
    s = {**DEFAULTS, **settings}
    model = nn.tutorial_network(seed=1) if s["model"] == "tutorial" else nn.MLP(
        2, [4, 3, 1], activation="tanh", output_activation="sigmoid", seed=1)
    X, y = [p[:2] for p in POINTS], [p[2] for p in POINTS]
    return model, Trainer(model, s, X, y)


@pytest.mark.parametrize("settings", [
    {"model": "tutorial"}, {"model": "tutorial", "momentum": 0.9},
    {"model": "mlp", "mode": "batch", "batch_size": 3}])
def test_chunks_take_the_single_updates_steps_and_count_the_epochs(settings):
    chunked_model, chunked = trainer(settings)
    single_model, single = trainer(settings)
    seen = []
    ran = [chunked.run(n, 10.0, lambda: seen.append(chunked.epochs)) for n in (7, 1, 33)]
    ran.append(chunked.run(10**6, 0.005))  # as many as 5 ms hold, in chunks
    assert ran[:3] == [7, 1, 33] and ran[3] >= 1
    with single.stepper.running():
        for _ in range(sum(ran)):
            single.stepper.update()
    assert [p.data for p in chunked_model.parameters()] == [
        p.data for p in single_model.parameters()]
    assert (chunked.epochs, chunked.position) == (single.epochs, single.position)
    assert seen == list(range(1, 41 // chunked.per_epoch + 1))  # after each whole epoch


def test_the_next_chunk_doubles_within_the_time_left():
    assert _next_chunk(4, 4, 0.001, 1.0) == 8  # plenty of time: twice as many
    assert _next_chunk(64, 64, 0.064, 0.010) == 10  # 1 ms an update, 10 ms left
    assert _next_chunk(64, 64, 0.064, 0.0) == 1  # at least one
    assert _next_chunk(8, 3, 0.003, 1.0) == 16  # the chunk stopped at its epoch's end
    assert _next_chunk(8, 8, 0.0, 0.01) == 16  # a clock too coarse to see it


def test_the_quick_grid_is_coarser_without_numpy_only():
    tutorial = nn.tutorial_network(seed=1)
    mlp = nn.MLP(2, [8, 8, 1], seed=1)
    assert [plane_maps.quick_size(m, "python") for m in (tutorial, mlp)] == [30, 20]
    assert [plane_maps.grid_size(m, "python") for m in (tutorial, mlp)] == [60, 40]
    numpy_sizes = plane_maps.quick_size(tutorial, "numpy"), plane_maps.grid_size(tutorial, "numpy")
    assert numpy_sizes == (100, 100)


def ask(r, method, target, body=None):
    status, payload, _, _ = r.answer(method, target, json.dumps(body or {}).encode())
    assert status < 300, payload
    return payload


def test_a_play_request_is_answered_quick_and_any_other_view_in_full(monkeypatch):
    monkeypatch.setattr(plane_maps, "quick_size", lambda model, backend: 20)
    r = Routes()
    sid = ask(r, "POST", "/api/sessions", {"settings": {"model": "tutorial"},
                                           "points": POINTS})["id"]
    base = f"/api/sessions/{sid}"
    played = ask(r, "POST", base + "/train?view=compact", {"epochs": 3, "max_seconds": 5})
    assert played["ran"] == 3 * 5  # 5 of the 10 points train
    assert played["heatmap"]["size"] == 20
    assert len(base64.b64decode(played["heatmap"]["bytes"])) == 20 * 20
    assert {m["size"] for m in played["unit_maps"]} == {10}  # plane_maps.QUICK_UNIT_SIZE
    shown = ask(r, "GET", base + "?view=compact")  # paused: the same weights, in full
    assert shown["version"] == played["version"] and shown["heatmap"]["size"] == 100
    assert {m["size"] for m in shown["unit_maps"]} == {20}  # 100 / 5
    stepped = ask(r, "POST", base + "/train?view=compact", {"updates": 1})
    assert stepped["heatmap"]["size"] == 100
