"""The playground's JSON API, against a real server started here on a free port: the page,
sessions, training and the views it sends.

Numbers the server reports are checked against references computed here: the tutorial's
perceptron update and delta formulas (sections 1.3 and 2.1) typed in by hand, and the
exported model evaluated by ``nn``.  Files (model.json, data.csv, the state) are in
test_playground_api_files.py, many clients and the command in test_playground_server.py,
bad requests in test_playground_requests.py.
"""

import math
import time

import pytest
from playground_client import act, call, exported, new_session, points

import nn
from nn import datasets


def sigmoid(s):
    return 1 / (1 + math.exp(-s))


# -- page, options, sessions -------------------------------------------------------------


def test_the_page_and_its_scripts_are_served(port):
    status, page = call(port, "GET", "/")
    assert status == 200 and '<canvas id="plane"' in page and "/static/app.js" in page
    for name in ("app.js", "plane.js", "panels.js", "style.css"):
        assert call(port, "GET", f"/static/{name}")[0] == 200
    status, answer = call(port, "GET", "/static/../server.py")
    assert status == 404 and "no such page" in answer["error"]


def test_options_state_the_limits_of_the_issue(port):
    status, options = call(port, "GET", "/api/options")
    assert status == 200
    assert options["limits"]["points"] == 2000
    assert options["limits"]["hidden_layers"] == 6 and options["limits"]["width"] == 32
    assert set(options["datasets"]) == {"linear", "xor", "circles", "moons", "spiral", "blobs"}
    assert options["models"] == ["perceptron", "tutorial", "mlp", "network"]
    assert options["limits"]["perceptrons"] == 30 and options["limits"]["links"] == 150


def test_a_new_session_starts_with_the_tutorials_recipe(port):
    view = new_session(port)
    assert view["settings"]["model"] == "tutorial" and view["settings"]["lr"] == 0.5
    assert view["settings"]["mode"] == "sequential"
    assert view["points"] == [] and view["loss"] is None and view["epoch"] == 0
    assert view["weights"] == 21  # the 2-5-1 network's 21 weights (the tutorial, 3.2)
    # the page restyles the drawn edges from these: the diagram's own rule, per weight
    assert sorted(view["edge_styles"]) == sorted(name for name, _ in view["parameters"])
    for name, value in view["parameters"]:
        colour, width = view["edge_styles"][name]
        assert colour == ("#1f5fbf" if value >= 0 else "#d62728") and float(width) >= 0.6


def test_sessions_are_independent(port):
    a, b = new_session(port), new_session(port)
    assert a["id"] != b["id"]
    X, y = datasets.xor(20, seed=1)
    act(port, a["id"], "points", {"points": points(X, y)})
    act(port, a["id"], "settings", {"lr": 0.25})
    act(port, a["id"], "train", {"epochs": 2})
    status, other = call(port, "GET", f"/api/sessions/{b['id']}")
    assert status == 200
    assert other["settings"]["lr"] == 0.5 and other["points"] == [] and other["epoch"] == 0


# -- training ------------------------------------------------------------------------------


def test_training_lowers_the_loss_and_reports_it_truly(port, tmp_path):
    view = new_session(port, settings={"seed": 3})
    X, y = datasets.xor(60, seed=2)
    before = act(port, view["id"], "points", {"points": points(X, y)})
    after = act(port, view["id"], "train", {"epochs": 40, "max_seconds": 5})
    test = set(after["test_points"])
    assert len(test) == 30  # the default split: half the points train, half test
    assert after["epochs"] == 40 and after["ran"] == 40 * 30
    assert after["loss"] < before["loss"]
    model = exported(port, view["id"], tmp_path)
    h = model.predict(X)
    for loss, accuracy, chosen in (("loss", "accuracy", lambda i: i not in test),
                                   ("test_loss", "test_accuracy", lambda i: i in test)):
        rows = [i for i in range(60) if chosen(i)]
        E = sum((h[i] - y[i]) ** 2 for i in rows)  # the tutorial's E = sum (h - y)^2 on its own set
        assert after[loss] == pytest.approx(E, rel=1e-9)
        right = sum((h[i] > 0.5) == (y[i] == 1) for i in rows) / len(rows)
        assert after[accuracy] == pytest.approx(right)
    first, last = after["curve"][0], after["curve"][-1]
    assert first[1:] == pytest.approx([before["loss"], before["test_loss"]])
    assert last == [40, after["loss"], after["test_loss"]]


def test_one_batch_step_is_the_tutorials_perceptron_update(port, tmp_path):
    # the tutorial, 2.1: w <- w - eta sum_i 2 (h_i - y_i) h_i (1 - h_i) a_i, with a_0 = 1.
    view = new_session(port, settings={"model": "perceptron", "mode": "batch", "lr": 0.1,
                                       "split": 1})
    X, y = datasets.linear(20, seed=4)  # 20 rows: the compiled batch path
    act(port, view["id"], "points", {"points": points(X, y)})
    w = exported(port, view["id"], tmp_path, "before.json").state_dict()
    step = act(port, view["id"], "train", {"updates": 1})
    assert step["epoch"] == 1
    new = exported(port, view["id"], tmp_path, "after.json").state_dict()
    expected = dict(w)
    for (a, b), t in zip(X, y, strict=True):
        h = sigmoid(w["w[0->1]"] + w["w[x->1]"] * a + w["w[y->1]"] * b)
        common = 0.1 * 2 * (h - t) * h * (1 - h)
        expected["w[0->1]"] -= common
        expected["w[x->1]"] -= common * a
        expected["w[y->1]"] -= common * b
    assert new == pytest.approx(expected, abs=1e-12)


def test_training_settings_keep_the_weights_and_network_settings_renew_them(port, tmp_path):
    view = new_session(port)
    sid = view["id"]
    first = exported(port, sid, tmp_path, "a.json").state_dict()
    act(port, sid, "settings", {"lr": 0.1, "mode": "batch", "optimizer": "adam"})
    act(port, sid, "settings", {"hidden": [7], "activation": "relu"})  # not used by 2-5-1
    assert exported(port, sid, tmp_path, "b.json").state_dict() == first
    act(port, sid, "settings", {"seed": 2})
    assert exported(port, sid, tmp_path, "c.json").state_dict() != first
    act(port, sid, "settings", {"seed": 1})
    assert exported(port, sid, tmp_path, "d.json").state_dict() == first  # the seed decides
    mlp = act(port, sid, "settings", {"model": "mlp"})
    assert mlp["weights"] == 7 * 3 + 8  # 2-7-1: (2 + 1) 7 + (7 + 1)


def test_a_sequential_step_moves_one_point(port):
    view = new_session(port, settings={"mode": "sequential", "split": 1})
    X, y = datasets.circles(8, seed=1)
    act(port, view["id"], "points", {"points": points(X, y)})
    step = act(port, view["id"], "train", {"updates": 1})
    assert step["ran"] == 1 and step["epoch"] == pytest.approx(1 / 8)
    assert step["updates_per_epoch"] == 8


def test_a_time_budget_ends_a_long_request(port):
    view = new_session(port, settings={"model": "mlp", "hidden": [32] * 6, "mode": "sequential"})
    X, y = datasets.moons(2000, seed=1)
    act(port, view["id"], "points", {"points": points(X, y)})
    start = time.perf_counter()
    answer = act(port, view["id"], "train", {"epochs": 10, "max_seconds": 0.05})
    assert 1 <= answer["ran"] < 2000 and time.perf_counter() - start < 10


def test_the_selected_point_shows_the_tutorials_delta(port):
    # Squared error E = (h - y)^2 on a sigmoid perceptron: delta = 2 (h - y) h (1 - h).
    view = new_session(port, settings={"model": "perceptron"})
    act(port, view["id"], "points", {"points": [[0.5, -0.25, 1], [-0.5, 0.75, 0]]})
    trace = act(port, view["id"], "select", {"index": 1})["trace"]
    (unit,) = trace["units"]
    h = sigmoid(unit["s"])
    assert trace["output"] == pytest.approx(h) and unit["z"] == pytest.approx(h)
    assert unit["delta"] == pytest.approx(2 * (h - 0) * h * (1 - h), rel=1e-12)
    grads = {(e["from"], e["to"]): e["grad"] for e in trace["edges"]}
    assert grads[("x", "1")] == pytest.approx(unit["delta"] * -0.5)
    assert grads[("y", "1")] == pytest.approx(unit["delta"] * 0.75)
    assert act(port, view["id"], "select", {"index": None})["trace"] is None


def test_the_heatmap_is_the_models_output_over_the_plane(port, tmp_path):
    view = new_session(port, settings={"model": "mlp", "hidden": [4, 3], "seed": 5})
    heatmap = view["heatmap"]
    n = heatmap["size"]
    assert len(heatmap["values"]) == n * n
    model = exported(port, view["id"], tmp_path)
    for i, j in ((0, 0), (n - 1, 0), (7, 30), (n - 1, n - 1)):
        centre = [-1 + (2 * i + 1) / n, 1 - (2 * j + 1) / n]
        assert heatmap["values"][j * n + i] == pytest.approx(model.predict([centre])[0], abs=1e-4)


@pytest.mark.parametrize(("settings", "preset"), [
    ({"model": "tutorial"}, {"name": "circles", "n": 120, "noise": 0.05, "seed": 3}),
    ({"model": "mlp", "hidden": [6], "classes": 3}, {"name": "blobs", "n": 90, "noise": 0.1,
                                                     "seed": 2}),
])
def test_the_view_sends_the_boundary_as_polylines_where_the_classes_tie(port, tmp_path,
                                                                         settings, preset):
    view = new_session(port, settings={**settings, "split": 1})
    act(port, view["id"], "dataset", preset)
    view = act(port, view["id"], "train", {"epochs": 60, "max_seconds": 5})
    lines = view["boundaries"]
    assert lines and all(len(line) >= 2 for line in lines)
    model = exported(port, view["id"], tmp_path)
    vertices = [p for line in lines for p in line]
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in vertices)
    if settings.get("classes", 2) == 2:  # h = 0.5, within the interpolation over a cell
        assert max(abs(h - 0.5) for h in model.predict(vertices)) < 0.02
    else:  # the two largest probabilities tie
        for p in nn.predict_proba(model, vertices):
            first, second = sorted(p)[-2:][::-1]
            assert first - second < 0.05
