"""Fitting a function in the playground (task ``regression``), on the server and on the site.

The fit is measured independently of the view's loss: the exported model file is loaded
with ``nn.load`` and its mean squared error 1/N sum (h(x) - y)^2 computed here on the
points.  The site's handler (:func:`viz.playground.browser.handle`) runs in a child
process with NumPy blocked, as under Pyodide.
"""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from playground_client import act, call, exported, new_session

import nn
from nn import datasets

ROOT = Path(__file__).resolve().parents[2]

FIT = {"task": "regression", "model": "mlp", "hidden": [8], "activation": "tanh"}
"""The issue's 1-8-1 tanh network."""

SINE = {"name": "sine", "n": 60, "noise": 0.05, "seed": 1}



def mse(model, points):
    """1/N sum (h(x) - y)^2 over points [x, y], h the loaded model's output."""
    return sum((model.predict([[x]])[0] - y) ** 2 for x, y in points) / len(points)


def fitted_session(port, epochs=50, rounds=40):
    """A session of the 1-8-1 network on the sine preset, trained until its training loss
    per point is below 0.005 (or ``rounds`` requests of ``epochs`` epochs)."""
    view = new_session(port, settings=FIT)
    sid = view["id"]
    act(port, sid, "dataset", SINE)
    for _ in range(rounds):
        view = act(port, sid, "train", {"epochs": epochs, "max_seconds": 5})
        if view["loss"] / (len(view["points"]) - len(view["test_points"])) < 0.005:
            break
    return view


def test_the_1_8_1_tanh_network_fits_the_sine_on_the_server(port, tmp_path):
    view = fitted_session(port)
    assert view["settings"]["loss"] == "squared_error" and view["inputs"] == ["x"]
    assert view["accuracy"] is None and view["test_accuracy"] is None
    model = exported(port, view["id"], tmp_path)
    testing = set(view["test_points"])
    train = [p for k, p in enumerate(view["points"]) if k not in testing]
    test = [p for k, p in enumerate(view["points"]) if k in testing]
    assert mse(model, train) < 0.01 and mse(model, test) < 0.01
    # the view's loss is E = sum (h - y)^2 over the training points
    assert view["loss"] == pytest.approx(mse(model, train) * len(train), rel=1e-6)


SITE = """
import json, sys
sys.modules["numpy"] = None  # as under Pyodide: the standard library alone
from viz.playground import browser
import nn

def call(method, path, body=None):
    status, text, ctype = browser.handle(method, path, json.dumps(body) if body else "")
    assert status < 300, text
    return json.loads(text) if path.endswith(("train", "sessions", "dataset")) else text

sid = call("POST", "/api/sessions", {"settings": %s})["id"]
base = "/api/sessions/" + sid
call("POST", base + "/dataset", %s)
for _ in range(40):
    view = call("POST", base + "/train", {"epochs": 50, "max_seconds": 5})
    if view["loss"] / (len(view["points"]) - len(view["test_points"])) < 0.005:
        break
model = nn.loads(call("GET", base + "/model.json"), "model")
squares = [(model.predict([[x]])[0] - y) ** 2 for x, y in view["points"]]
grid = [model.predict([[x]])[0] for x in view["fitted"]["x"]]
print(json.dumps({"mse": sum(squares) / len(squares), "h": view["fitted"]["h"], "grid": grid,
                  "numpy": "numpy" in sys.modules and sys.modules["numpy"] is not None}))
"""


def test_the_same_fit_runs_on_the_sites_handler_without_numpy():
    script = SITE % (json.dumps(FIT), json.dumps(SINE))
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, env={"PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["numpy"] is False
    assert answer["mse"] < 0.01
    assert answer["h"] == pytest.approx(answer["grid"], abs=1e-4)


def test_the_curve_is_the_models_prediction_on_the_plots_grid(port, tmp_path):
    view = fitted_session(port, epochs=20, rounds=1)
    fitted = view["fitted"]
    assert view["heatmap"] is None and view["boundaries"] == []
    assert fitted["x"] == pytest.approx([-1 + (2 * i + 1) / 100 for i in range(100)])
    model = exported(port, view["id"], tmp_path)
    assert fitted["h"] == pytest.approx([model.predict([[x]])[0] for x in fitted["x"]],
                                        abs=1e-4)
    # each hidden perceptron's curve z_j(x) beside its node: the trace's z_j
    first = view["unit_maps"][0]
    assert len(view["unit_maps"]) == 8 and len(first["values"]) == 100
    for i in (0, 37, 99):
        z = model.trace([fitted["x"][i]]).z[first["name"]]
        assert first["values"][i] == pytest.approx(z, abs=1e-4)
    assert first["low"] == pytest.approx(min(first["values"]), abs=1e-4)


@pytest.mark.parametrize("kind", ["perceptron", "tutorial", "mlp", "network"])
def test_every_model_kind_has_one_input_and_one_linear_output(port, kind):
    view = new_session(port, settings={"task": "regression", "model": kind},
                       points=[[-0.5, 0.2], [0.1, -0.3], [0.6, 0.4]])
    assert view["inputs"] == (["in_x"] if kind in ("tutorial", "network") else ["x"])
    status, text = call(port, "GET", f"/api/sessions/{view['id']}/model.json")
    model = nn.loads(json.dumps(text), "model")
    outputs = [u for u in model.units() if u.name in model.output_names]
    assert len(outputs) == 1 and outputs[0].activation == "linear"
    assert view["settings"]["lr"] == 0.1 and view["settings"]["loss"] == "squared_error"


@pytest.mark.parametrize(("settings", "words"), [
    ({"classes": 3}, "classes are for classification"),
    ({"features": ["x^2"]}, "on the input x alone"),
    ({"loss": "binary_cross_entropy"}, "a real-valued target y needs squared_error"),
    ({"loss": "cross_entropy"}, "a real-valued target y needs squared_error"),
    ({"model": "network", "edges": [["in_x", "a"], ["in_y", "a"]]}, "reads in_y"),
])
def test_classification_only_settings_are_refused_with_the_reason(port, settings, words):
    sid = new_session(port, settings={"task": "regression"})["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/settings", settings)
    assert status == 400 and words in answer["error"], answer
    assert call(port, "GET", f"/api/sessions/{sid}")[1]["settings"]["task"] == "regression"


def test_presets_belong_to_their_task(port):
    sid = new_session(port, settings={"task": "regression"})["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/dataset", {"name": "xor"})
    assert status == 400 and "in regression choose one of sine, abs, step" in answer["error"]
    sid = new_session(port)["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/dataset", {"name": "sine"})
    assert status == 400 and "set task to regression first" in answer["error"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/points",
                          {"points": [[0.1, 0.2, 0]]})
    assert status == 200


def test_a_task_switch_keeps_each_tasks_points(port):
    mine = [[0.1, 0.2, 0], [-0.3, 0.4, 1]]
    sid = new_session(port, points=mine)["id"]
    view = act(port, sid, "settings", {"task": "regression"})
    assert view["points"] == [] and view["settings"]["lr"] == 0.1
    act(port, sid, "points", {"points": [[0.5, -0.25]]})
    view = act(port, sid, "settings", {"task": "classification"})
    assert view["points"] == mine and view["settings"]["lr"] == 0.5
    assert act(port, sid, "settings", {"task": "regression"})["points"] == [[0.5, -0.25]]


def test_a_csv_with_a_real_valued_target_loads_as_regression(port):
    sid = new_session(port)["id"]
    text = "x,y\n0.25,0.75\n-0.5,0.125\n2,-1\n"
    view = act(port, sid, "csv", {"text": text, "name": "curve.csv"})
    assert view["settings"]["task"] == "regression"
    assert view["points"] == [[0.125, 0.375], [-0.25, 0.0625], [1.0, -0.5]]  # scaled by 2
    status, written = call(port, "GET", f"/api/sessions/{sid}/data.csv")
    assert datasets.loads_curve_csv(written.decode() if isinstance(written, bytes)
                                    else written) == ([[0.125], [-0.25], [1.0]],
                                                      [0.375, 0.0625, -0.5])
    status, answer = call(port, "POST", f"/api/sessions/{sid}/csv",
                          {"text": "x,y\n0.1,0.2\n0.3,oops\n", "name": "bad.csv"})
    assert status == 400 and answer["error"] == "bad.csv, line 3: y is 'oops', not a number"


def test_explain_writes_the_output_delta_2_h_minus_y_times_g_o_prime(port):
    sid = new_session(port, settings=FIT, points=[[0.3, 0.5], [-0.6, -0.2]])["id"]
    view = act(port, sid, "select", {"index": 0})
    h, target = view["trace"]["output"], view["trace"]["target"]
    assert target == 0.5
    explained = act(port, sid, "explain", {})
    output = [s for s in explained["steps"] if s["pass"] == "backward"][0]
    delta = [f for f in output["formulas"] if f["lhs"] == r"\delta_{2.1}"][0]
    assert delta["symbols"] == r"2\,\left(z_{2.1} - y_i\right)\,g_o'(s_{2.1})"
    assert delta["result"] == pytest.approx(2 * (h - target) * 1.0, rel=1e-12)
    out = [u for u in view["trace"]["units"] if u["name"] == "2.1"][0]
    assert out["delta"] == pytest.approx(delta["result"], rel=1e-12)
    status, question = call(port, "POST", f"/api/sessions/{sid}/check",
                            {"question": "delta", "node": "2.1", "answer": 2 * (h - target)})
    assert status == 200 and question["correct"] is True, question


def test_a_state_link_brings_the_fit_back(port):
    view = fitted_session(port, epochs=10, rounds=1)
    status, state = call(port, "GET", f"/api/sessions/{view['id']}/state")
    state = json.loads(state) if isinstance(state, (str, bytes)) else state
    assert state["points"][0] == view["points"][0] and len(state["points"][0]) == 2
    again = new_session(port, **state)
    for field in ("points", "settings", "parameters", "fitted", "loss", "epochs"):
        assert again[field] == view[field], field
    assert not math.isnan(again["loss"])


def test_a_regression_model_file_brings_its_task(port):
    fitted = new_session(port, settings={"task": "regression", "model": "mlp", "hidden": [3]})
    status, text = call(port, "GET", f"/api/sessions/{fitted['id']}/model.json")
    mine = [[0.1, 0.2, 0], [-0.3, 0.4, 1]]
    sid = new_session(port, points=mine)["id"]
    status, view = call(port, "POST", f"/api/sessions/{sid}/model", raw=json.dumps(text).encode())
    assert status == 200, view
    assert view["settings"]["task"] == "regression" and view["settings"]["hidden"] == [3]
    assert view["parameters"] == fitted["parameters"] and view["points"] == []
    assert act(port, sid, "settings", {"task": "classification"})["points"] == mine


@pytest.mark.parametrize(("points", "words"), [
    ([[0.1, 0.2, 1]], "points[0] must be a pair [x, y] (regression: y is the target)"),
    ([[0.1, 1.5]], "points[0][1] (y)"),
    ([[-2, 0.5]], "points[0][0] (x)"),
])
def test_regression_points_are_pairs_in_the_square(port, points, words):
    sid = new_session(port, settings={"task": "regression"})["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/points", {"points": points})
    assert status == 400 and answer["error"].startswith(words), answer
