"""The playground's JSON API, against a real server started here on a free port.

Numbers the server reports are checked against references computed here: the tutorial's
perceptron update and delta formulas typed in by hand, and the exported model
evaluated by ``nn``.  Bad requests are in test_playground_requests.py.
"""

import json
import math
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playground_client import act, call, exported, new_session, points

import nn
from nn import datasets
from viz.playground.server import http_server as playground_server


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


def test_a_new_session_starts_with_the_seed_recipe(port):
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


def test_one_batch_step_is_the_seeds_perceptron_update(port, tmp_path):
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


def test_the_selected_point_shows_the_seeds_delta(port):
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


# -- files -------------------------------------------------------------------------------


def test_exports_are_what_nn_and_graphviz_make(port, tmp_path):
    view = new_session(port)
    X, y = datasets.moons(30, seed=3)
    act(port, view["id"], "points", {"points": points(X, y)})
    model = exported(port, view["id"], tmp_path)
    assert type(model).__name__ == "Network" and model.input_names == ["in_x", "in_y"]
    status, csv = call(port, "GET", f"/api/sessions/{view['id']}/data.csv")
    (tmp_path / "data.csv").write_text(csv)
    assert status == 200 and datasets.read_csv(tmp_path / "data.csv") == (X, y)
    status, svg = call(port, "GET", f"/api/sessions/{view['id']}/diagram.svg")
    assert status == 200 and svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert f"{model.bias('6').data:.4f}" in svg


def test_an_exported_model_imports_back(port, tmp_path):
    view = new_session(port, settings={"model": "mlp", "hidden": [3, 2], "activation": "relu"})
    status, text = call(port, "GET", f"/api/sessions/{view['id']}/model.json")
    saved = json.dumps(text)
    act(port, view["id"], "settings", {"seed": 99})  # other weights
    status, back = call(port, "POST", f"/api/sessions/{view['id']}/model", raw=saved.encode())
    assert status == 200, back
    assert back["settings"]["hidden"] == [3, 2] and back["settings"]["activation"] == "relu"
    assert exported(port, view["id"], tmp_path).state_dict() == text["parameters"]


def test_a_model_made_with_nn_imports_as_its_kind(port, tmp_path):
    view = new_session(port)
    made = nn.MLP(2, [4, 1], activation="tanh", output_activation="sigmoid", seed=8)
    made.save(tmp_path / "made.json")
    status, back = call(port, "POST", f"/api/sessions/{view['id']}/model",
                        raw=(tmp_path / "made.json").read_bytes())
    assert status == 200, back
    assert back["settings"]["model"] == "mlp" and back["settings"]["hidden"] == [4]
    assert list(exported(port, view["id"], tmp_path).state_dict().values()) == \
        list(made.state_dict().values())


def test_the_state_restores_data_and_settings(port):
    view = new_session(port, settings={"model": "perceptron", "lr": 0.05, "seed": 12})
    act(port, view["id"], "dataset", {"name": "blobs", "n": 12, "noise": 0.1, "seed": 4})
    status, state = call(port, "GET", f"/api/sessions/{view['id']}/state")
    assert status == 200 and state["format"] == "autograd-dag playground state"
    copy = new_session(port, **state)
    assert copy["id"] != view["id"]
    assert copy["settings"] == state["settings"] and copy["points"] == state["points"]
    assert copy["heatmap"] == call(port, "GET", f"/api/sessions/{view['id']}")[1]["heatmap"]


# -- bad requests --------------------------------------------------------------------------


def test_twenty_concurrent_clients_are_served_correctly(port):
    start = threading.Barrier(20)

    def client(k):
        start.wait()
        view = new_session(port, settings={"seed": k, "mode": "batch", "lr": 0.05})
        act(port, view["id"], "dataset", {"name": "xor", "n": 30, "seed": k})
        trained = act(port, view["id"], "train", {"epochs": 5, "max_seconds": 5})
        status, final = call(port, "GET", f"/api/sessions/{view['id']}")
        return k, view["loss"], trained, final

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(client, range(20)))
    assert len({final["id"] for _, _, _, final in results}) == 20
    for k, _, trained, final in results:
        X, y = datasets.xor(30, seed=k)
        assert final["points"] == [[round(a, 4), round(b, 4), t]
                                   for (a, b), t in zip(X, y, strict=True)]
        assert final["settings"]["seed"] == k and final["epoch"] == 5
        assert trained["loss"] == final["loss"] and trained["loss"] < trained["curve"][0][1]


def test_training_in_one_tab_is_not_disturbed_by_views_of_another(port, tmp_path):
    # The engine's no_grad switch is process-wide: the server must keep tabs from
    # measuring (no_grad) while another tab records its training graph.  Training with
    # another tab busy beside it must give exactly the weights of training alone.
    settings = {"mode": "sequential", "loss": "binary_cross_entropy", "lr": 0.1}
    X, y = datasets.circles(100, seed=5)
    busy, alone = new_session(port, settings=settings), new_session(port, settings=settings)
    for view in (busy, alone):
        act(port, view["id"], "points", {"points": points(X, y)})
    other = new_session(port)["id"]
    moons = {"points": points(*datasets.moons(2000, seed=1))}
    stop = threading.Event()

    def look():  # new points: the loss over them is measured under no_grad
        while not stop.is_set():
            assert call(port, "POST", f"/api/sessions/{other}/points", moons)[0] == 200

    with ThreadPoolExecutor(2) as pool:
        lookers = [pool.submit(look) for _ in range(2)]
        for _ in range(4):
            act(port, busy["id"], "train", {"updates": 200, "max_seconds": 5})
        stop.set()
        for f in lookers:
            f.result()
    for _ in range(4):
        act(port, alone["id"], "train", {"updates": 200, "max_seconds": 5})
    assert exported(port, busy["id"], tmp_path, "busy.json").state_dict() == \
        exported(port, alone["id"], tmp_path, "alone.json").state_dict()


def test_only_loopback_counts_as_private():
    assert all(map(playground_server.is_loopback, ["127.0.0.1", "::1", "localhost"]))
    assert not any(map(playground_server.is_loopback, ["0.0.0.0", "192.0.2.1", "example.org"]))


def test_another_address_prints_a_warning(monkeypatch, capsys):
    class Stub:
        url = "http://192.0.2.1:1/"

        def __init__(self, address):
            self.address = address

        def serve_forever(self):
            raise KeyboardInterrupt

        def server_close(self):
            pass

    monkeypatch.setattr(playground_server, "PlaygroundServer", Stub)
    assert playground_server.serve("192.0.2.1", 0) == 0
    out, err = capsys.readouterr()
    assert "warning: serving on 192.0.2.1, not loopback" in err
    assert "playground: http://192.0.2.1:1/" in out


def test_the_command_prints_the_url_and_serves(tmp_path):
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-m", "viz", "playground", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=root)
    try:
        line = process.stdout.readline()
        assert line.startswith("playground: http://127.0.0.1:"), line
        url_port = int(line.split()[1].rstrip("/").rsplit(":", 1)[1])
        assert call(url_port, "GET", "/api/options")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


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

