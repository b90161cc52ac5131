"""The check endpoint on every kind of model, and through the static site's handler
(viz.playground.browser.handle), with NumPy and without: every weight's dE/dw and update,
and every formula of the pass, graded against the engine's numbers (``autograd.grad`` on
the exported model, the explanation's own results)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from check_session import POINTS, call, check

import autograd
import nn
from viz.playground import browser
from viz.playground.api.routes import Routes


def test_the_sites_handler_grades_the_same_way():
    status, text, _ = browser.handle("POST", "/api/sessions", json.dumps({"points": POINTS}))
    base = f"/api/sessions/{json.loads(text)['id']}"
    browser.handle("POST", base + "/select", json.dumps({"index": 0}))
    status, text, _ = browser.handle("POST", base + "/check",
                                     json.dumps({"step": 12, "give_up": True}))
    answer = json.loads(text)
    assert status == 200 and answer["expected"] is not None
    status, text, _ = browser.handle("POST", base + "/check",
                                     json.dumps({"step": 12, "answer": answer["expected"]}))
    assert json.loads(text)["correct"] is True


BLOCKED = """
import json, sys
sys.modules["numpy"] = None  # as under Pyodide without NumPy: the import fails
from viz.playground import browser

def post(path, body):
    status, text, _ = browser.handle("POST", path, json.dumps(body))
    assert status < 300, text
    return json.loads(text)

settings = {"model": "network", "edges": [["in_x", "a"], ["in_y", "a"], ["a", "out"],
                                          ["in_x", "out"]], "activations": {"a": "tanh"}}
sid = post("/api/sessions", {"settings": settings, "points": %s})["id"]
base = f"/api/sessions/{sid}"
post(base + "/train", {"epochs": 20, "max_seconds": 5})
post(base + "/select", {"index": 0})
shown = post(base + "/check", {"question": "update", "weight": "w[in_x->out]", "give_up": True})
again = post(base + "/check", {"question": "update", "weight": "w[in_x->out]",
                               "answer": shown["expected"]})
print(json.dumps({"numpy": "numpy" in sys.modules and sys.modules["numpy"] is not None,
                  "shown": shown, "again": again}))
"""


def test_the_sites_handler_grades_without_numpy_on_the_learners_network():
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", BLOCKED % json.dumps(POINTS)], cwd=root,
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["numpy"] is False
    assert out["shown"]["expected"] is not None and out["again"]["correct"] is True
    assert out["again"]["score"]["given_up"] == 1


@pytest.mark.parametrize("settings", [
    {"model": "mlp", "hidden": [3, 2], "activation": "tanh", "loss": "mse"},
    {"model": "perceptron", "loss": "binary_cross_entropy"},
    {"model": "mlp", "hidden": [3], "classes": 3, "loss": "cross_entropy"},
    {"model": "network", "edges": [["in_x", "a"], ["in_y", "b"], ["a", "b"], ["b", "out"],
                                   ["in_x", "out"]], "activations": {"a": "relu"}},
])
def test_every_weights_gradient_and_update_is_the_engines_on_every_model(settings):
    routes = Routes()
    view = call(routes, "POST", "/api/sessions", {"settings": settings, "points": POINTS})[1]
    base = f"/api/sessions/{view['id']}"
    call(routes, "POST", base + "/select", {"index": 1})
    model = nn.loads(call(routes, "GET", base + "/model.json")[1].decode())
    x, target = POINTS[1][:2], POINTS[1][2]
    E = nn.losses.get(settings["loss"] if "loss" in settings else "squared_error")(
        [model(x)], [target])
    names = [name for name, _ in model.named_parameters()]
    grads = autograd.grad(E, model.parameters())
    for name, w, g in zip(names, model.parameters(), grads, strict=True):
        graded = check((routes, base), question="dE/dw", weight=name, give_up=True)
        assert graded["expected"] == pytest.approx(g, rel=1e-12, abs=1e-15), name
        graded = check((routes, base), question="update", weight=name, give_up=True)
        assert graded["expected"] == pytest.approx(w.data - 0.5 * g, rel=1e-12), name
    steps = call(routes, "POST", base + "/explain", {})[1]["steps"]
    for k, step in enumerate(steps):
        for f, line in enumerate(step["formulas"]):
            graded = check((routes, base), step=k, formula=f, give_up=True)
            assert graded["expected"] == line["result"]
            assert check((routes, base), step=k, formula=f, answer=line["result"])["correct"]
