"""A training request's ``max_seconds`` are for training: the view drawn after it, and other
clients training at the same time, take nothing from them (functional, not timed).

The view is made slow on purpose (far slower than the budget): a request must still run
many updates, for the 3-class 2-5-3 network on the spiral (sequential) and an MLP 16,16
(batch).  Several clients training at once each get many updates a request, since
their slices take turns on the engine (:data:`viz.playground.training.time_slices.ENGINE`).  A slow
measure of the session is taken once a request rather than once a slice.
"""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playground_client import act, new_session, serving

from viz.playground.api import routes
from viz.playground.api.routes import Routes

SETUPS = {
    "2-5-3 on the spiral": ({"model": "tutorial", "classes": 3, "mode": "sequential"},
                            {"name": "spiral", "n": 100, "noise": 0.1, "seed": 1}),
    "MLP 16,16 in batch mode": ({"model": "mlp", "hidden": [16, 16], "mode": "batch"},
                                {"name": "xor", "n": 100, "noise": 0.1, "seed": 1}),
}


def ask(r, method, target, body=None):
    status, payload, _, _ = r.answer(method, target, json.dumps(body or {}).encode())
    assert status < 300, payload
    return payload


@pytest.mark.parametrize("name", SETUPS)
def test_a_slow_view_takes_nothing_from_the_training(monkeypatch, name):
    settings, preset = SETUPS[name]
    drawn = routes.view

    def slow_view(session, compact=False):  # ten times the budget asked for below
        time.sleep(0.2)
        return drawn(session, compact)

    monkeypatch.setattr(routes, "view", slow_view)
    r = Routes()
    sid = ask(r, "POST", "/api/sessions", {"settings": settings})["id"]
    ask(r, "POST", f"/api/sessions/{sid}/dataset", preset)
    for _ in range(3):
        ran = ask(r, "POST", f"/api/sessions/{sid}/train",
                  {"epochs": 100000, "max_seconds": 0.02})["ran"]
        assert ran > 1


def test_clients_training_at_once_each_get_updates():
    settings, preset = SETUPS["2-5-3 on the spiral"]
    with serving() as server:
        port = server.server_address[1]
        sids = [new_session(port, settings=settings)["id"] for _ in range(6)]
        for sid in sids:
            act(port, sid, "dataset", preset)
            # the first update writes the session's program (generated code, once per
            # model): a one-time cost, not a share of the engine, so it is paid here
            act(port, sid, "train", {"updates": 1, "max_seconds": 1})
        start = threading.Barrier(len(sids))

        def client(sid):
            start.wait()
            return [act(port, sid, "train", {"epochs": 100000, "max_seconds": 0.02})["ran"]
                    for _ in range(4)]

        with ThreadPoolExecutor(len(sids)) as pool:
            runs = list(pool.map(client, sids))
    assert all(ran > 1 for requests in runs for ran in requests), runs


def test_a_slow_measure_is_taken_once_a_request_not_once_a_slice(monkeypatch):
    """Measuring takes at most a fifth of the training (slices.MEASURING_SHARE): a measure
    of 50 ms spaces slices and curve points 0.25 s apart, so a request of 0.2 s is one
    slice, measured once at its end (slices of 25 ms would measure it eight times)."""
    r = Routes()
    settings, preset = SETUPS["2-5-3 on the spiral"]
    sid = ask(r, "POST", "/api/sessions", {"settings": settings})["id"]
    ask(r, "POST", f"/api/sessions/{sid}/dataset", preset)
    session = r.store.get(sid)
    measured = session.measure
    calls = []

    def slow_measure():
        calls.append(1)
        time.sleep(0.05)
        measured()

    monkeypatch.setattr(session, "measure", slow_measure)
    ask(r, "POST", f"/api/sessions/{sid}/train", {"epochs": 100000, "max_seconds": 0.05})
    calls.clear()
    ran = ask(r, "POST", f"/api/sessions/{sid}/train",
              {"epochs": 100000, "max_seconds": 0.2})["ran"]
    assert ran > 1 and len(calls) == 1
