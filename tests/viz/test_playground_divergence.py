"""Issue 21's diverging session: eta 10, momentum 0.99 and an L2 rate on 200 noisy xor points.

No update may leave a weight that is not finite.  Training stops with a message that
names the learning rate, and afterwards every endpoint answers 200 (the view, the
downloads, select, explain, settings), the weights are finite and the state link
brings the session back.  The same through the HTTP server and through the static
site's handler (:func:`viz.playground.browser.handle`).  And no answer is ever empty:
a number that is not finite goes out as null, anything else that cannot be written as
a 500 with its reason.
"""

import json
import math
import re

import pytest
from playground_client import call, serving

import nn
from viz.playground import browser
from viz.playground.api import routes

SETTINGS = {"lr": 10, "mode": "batch", "momentum": 0.99}
PRESET = {"name": "xor", "n": 200, "noise": 0.3, "seed": 2}
ENDPOINTS = ["", "/state", "/model.json", "/data.csv", "/diagram.svg"]



def over_http(port):
    def ask(method, path, body=None):
        return call(port, method, path, body)

    return ask


def in_the_browser(method, path, body=None):
    status, text, ctype = browser.handle(method, path, json.dumps(body) if body else "")
    return status, json.loads(text) if ctype == "application/json" else text


def diverge(ask, l2):
    """The issue's sequence; trains until refused (bounded), returns the session and message."""
    status, view = ask("POST", "/api/sessions", {"settings": {**SETTINGS, "l2": l2}})
    assert status == 201, view
    base = f"/api/sessions/{view['id']}"
    assert ask("POST", f"{base}/dataset", PRESET)[0] == 200
    for _ in range(30):  # the weights grow about 20-fold an update: a few requests at most
        status, answer = ask("POST", f"{base}/train", {"epochs": 100000, "max_seconds": 0.3})
        if status != 200:
            break
    assert status == 400 and answer["code"] == "diverged", answer
    return base, answer["error"]


def weights(ask, base):
    status, model = ask("GET", f"{base}/model.json")
    assert status == 200
    text = model if isinstance(model, str) else json.dumps(model)
    values = [w.data for w in nn.loads(text).parameters()]
    assert values and all(map(math.isfinite, values))
    return values


@pytest.mark.parametrize("transport", ["http", "browser"])
@pytest.mark.parametrize("l2", [1, 10])
def test_a_diverging_session_stays_usable_and_says_what_to_lower(port, transport, l2):
    ask = over_http(port) if transport == "http" else in_the_browser
    base, message = diverge(ask, l2)
    assert message.startswith("training stopped: ") and "the loss diverged, so " in message
    assert "the learning rate eta (lr = 10)" in message
    assert f"the L2 rate (l2 = {l2})" in message and "momentum" in message
    kept = weights(ask, base)
    for path in ENDPOINTS:
        status, answer = ask("GET", base + path)
        assert status == 200, (path, answer)
    status, view = ask("GET", base)
    assert view["weights"] == len(kept) and view["heatmap"]["size"] > 0
    assert math.isfinite(view["loss"])  # where training stays, the loss is a number
    # it stays at the last epoch whose loss was finite, which the message names, and the
    # loss curve ends there: a run that diverges within one slice keeps its epochs
    went_back = re.search(r"went back to epoch (\d+)", message)
    assert went_back and int(went_back.group(1)) == view["epoch"] > 0
    assert [point[0] for point in view["curve"]][-1] == view["epoch"]
    assert all(point[1] is not None for point in view["curve"])
    assert ask("POST", f"{base}/select", {"index": 3})[0] == 200
    status, steps = ask("POST", f"{base}/explain", {})
    assert status == 200 and steps["steps"]
    # the state link brings it back, weights and all
    status, state = ask("GET", f"{base}/state")
    status, again = ask("POST", "/api/sessions", state if isinstance(state, dict)
                        else json.loads(state))
    assert status == 201, again
    assert weights(ask, f"/api/sessions/{again['id']}") == kept


def test_one_step_that_would_diverge_is_refused_and_a_lower_rate_trains_on(port):
    ask = over_http(port)
    base, _ = diverge(ask, 1)
    for _ in range(300):  # bounded: single steps on from there until one is refused
        before = weights(ask, base)
        status, answer = ask("POST", f"{base}/train", {"updates": 1})
        if status != 200:
            break
    assert status == 400 and answer["code"] == "diverged"
    assert weights(ask, base) == before  # the refused step changed nothing
    # a sane learning rate trains on from the weights reached (the L2 term shrinks them)
    assert ask("POST", f"{base}/settings", {"lr": 0.01, "momentum": 0})[0] == 200
    status, view = ask("POST", f"{base}/train", {"updates": 5})
    assert status == 200 and view["ran"] == 5 and weights(ask, base) != before


@pytest.mark.parametrize("settings", [
    {"model": "mlp", "hidden": [16, 16], "activation": "relu", "mode": "batch", "l2": 10},
    {"model": "mlp", "hidden": [16, 16], "activation": "relu", "classes": 3, "l2": 10},
    {"model": "tutorial", "classes": 3, "mode": "sequential", "l2": 10},
    {"model": "tutorial", "mode": "sequential", "momentum": 0.9, "l2": 10},
])
def test_outputs_that_overflow_send_training_back_to_a_finite_loss(settings):
    # finite weights can still give outputs that are not finite (a ReLU network's scores
    # past 1e308): the session goes back to where its loss was finite, and stays usable
    ask = in_the_browser
    status, view = ask("POST", "/api/sessions", {"settings": {**settings, "lr": 10}})
    base = f"/api/sessions/{view['id']}"
    preset = {**PRESET, "name": "spiral" if settings.get("classes") else "xor"}
    assert ask("POST", f"{base}/dataset", preset)[0] == 200
    for _ in range(10):
        status, answer = ask("POST", f"{base}/train", {"epochs": 100000, "max_seconds": 0.2})
        if status != 200:
            break
    assert status == 400 and answer["code"] == "diverged", answer
    assert "the learning rate eta (lr = 10)" in answer["error"]
    status, view = ask("POST", f"{base}/select", {"index": 5})
    assert status == 200 and math.isfinite(view["loss"]) and view["trace"]["loss"] >= 0
    assert ask("POST", f"{base}/explain", {})[0] == 200
    status, state = ask("GET", f"{base}/state")
    assert ask("POST", "/api/sessions", state)[0] == 201
    assert ask("POST", f"{base}/settings", {"lr": 0.001})[0] == 200
    assert ask("POST", f"{base}/train", {"updates": 3})[0] == 200


def test_numbers_that_are_not_finite_are_sent_as_null():
    data, ctype = routes.encoded({"loss": math.inf, "curve": [[1, math.nan, 0.5]],
                                  "ok": 2.0}, "json")
    assert ctype == "application/json"
    assert json.loads(data) == {"loss": None, "curve": [[1, None, 0.5]], "ok": 2.0}


def test_an_answer_that_cannot_be_written_is_a_500_not_an_empty_reply(monkeypatch):
    monkeypatch.setattr(routes, "options", lambda: {"limits": object()})
    with serving() as server:
        status, answer = call(server.server_address[1], "GET", "/api/options")
    assert status == 500 and "could not be written" in answer["error"]


def test_the_browser_handler_answers_every_failure(monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(browser.ROUTES, "answer", broken)
    status, text, ctype = browser.handle("GET", "/api/options", "")
    assert status == 500 and ctype == "application/json"
    assert json.loads(text) == {"error": "internal error: RuntimeError: a bug"}


WITHOUT_NUMPY = """
import json, math, sys
sys.modules["numpy"] = None  # as under Pyodide: the scalar engine and the float replay
import graphviz
from viz.playground import browser
# the diagram drawn from its DOT text, as the worker's Graphviz in WebAssembly draws it
browser.start(lambda dot, engine: graphviz.Source(dot, engine=engine).pipe("svg").decode())
def ask(method, path, body=None):
    status, text, ctype = browser.handle(method, path, json.dumps(body) if body else "")
    return status, json.loads(text) if ctype == "application/json" else text
status, view = ask("POST", "/api/sessions", {"settings": %s})
base = "/api/sessions/" + view["id"]
ask("POST", base + "/dataset", %s)
for _ in range(30):
    status, answer = ask("POST", base + "/train", {"epochs": 100000, "max_seconds": 0.3})
    if status != 200:
        break
codes = [ask("GET", base + p)[0] for p in %s]
codes += [ask("POST", base + "/select", {"index": 3})[0], ask("POST", base + "/explain", {})[0]]
print(json.dumps({"status": status, "answer": answer, "codes": codes,
                  "loss": ask("GET", base)[1]["loss"]}))
"""


def test_the_static_sites_handler_without_numpy_stops_the_same_way():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = WITHOUT_NUMPY % (json.dumps({**SETTINGS, "l2": 1}), json.dumps(PRESET),
                              json.dumps(ENDPOINTS))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=root, timeout=300, env={"PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["status"] == 400 and out["answer"]["code"] == "diverged"
    assert "the learning rate eta (lr = 10)" in out["answer"]["error"]
    assert out["codes"] == [200] * 7 and math.isfinite(out["loss"])


@pytest.mark.parametrize("mode", ["sequential", "batch"])
def test_going_back_runs_the_same_updates_again(mode):
    # Trainer.back_to_finite replays from a checkpoint an epoch at a time: with every loss
    # finite it ends where the first run did (3 epochs and 7 updates, or 11 batches),
    # with the very same weights
    from viz.playground.training.trainer import Trainer

    settings = {"loss": "squared_error", "optimizer": "sgd", "lr": 0.5, "momentum": 0.5,
                "l2": 0.01, "mode": mode, "batch_size": 3, "seed": 4}
    X = [[0.1 * k - 0.4, 0.3 - 0.07 * k] for k in range(8)]
    y = [k % 2 for k in range(8)]
    trainer = Trainer(nn.tutorial_network(seed=1), settings, X, y)
    start = trainer.checkpoint()
    ran = trainer.run(4 * trainer.per_epoch - 1, 60.0)
    reached = [w.data for w in trainer.model.parameters()]
    for w in trainer.model.parameters():  # what the replay must undo
        w.data = 0.0
    trainer.back_to_finite(start, trainer.updates_since(start))
    assert trainer.updates_since(start) == ran == 4 * trainer.per_epoch - 1
    assert [w.data for w in trainer.model.parameters()] == reached
    assert trainer.epoch == pytest.approx(4 - 1 / trainer.per_epoch)
