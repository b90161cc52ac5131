"""The playground's TensorFlow Playground features through the JSON API: the train/test
split, input features, L2 rate and batch size, weights typed in, CSV upload, the maps of
the hidden perceptrons, the compact view, the diagram tagged for in-place updates, the
saved state, and training in slices.  Bad requests are in test_playground_requests.py."""

import base64
import math
import threading

import pytest
from playground_client import act, call, exported, new_session, points, serving

import nn
from nn import datasets
from viz.playground.pictures import plane_maps


def centre(i, j, n):
    return [-1 + (2 * i + 1) / n, 1 - (2 * j + 1) / n]


def decoded(cells):
    span = (cells["high"] - cells["low"]) / 255
    return [cells["low"] + b * span for b in base64.b64decode(cells["bytes"])]


def test_the_split_is_stable_and_measures_the_test_points_apart(port, tmp_path):
    view = new_session(port)
    X, y = datasets.moons(40, seed=5)
    first = act(port, view["id"], "points", {"points": points(X, y)})
    assert len(first["test_points"]) == 20 and first["test_loss"] is not None
    more = act(port, view["id"], "points", {"points": points(X, y) + [[0.1, 0.2, 1]]})
    moved = set(first["test_points"]) ^ set(more["test_points"])
    assert len(more["test_points"]) == 21 and len(moved) == 1  # 20 train; one more tests
    quarter = act(port, view["id"], "settings", {"split": 0.75})
    assert len(quarter["test_points"]) == 10
    model = exported(port, view["id"], tmp_path)
    test = quarter["test_points"]
    XX, yy = [*X, [0.1, 0.2]], [*y, 1]
    h = model.predict([XX[i] for i in test])
    assert quarter["test_loss"] == pytest.approx(sum((p - yy[i]) ** 2 for p, i in
                                                     zip(h, test, strict=True)))
    none = act(port, view["id"], "settings", {"split": 1})
    assert none["test_points"] == [] and none["test_loss"] is None
    assert none["curve"][-1][2] is None


def test_features_are_extra_input_nodes_fed_from_x_and_y(port, tmp_path):
    view = new_session(port, settings={"model": "mlp", "hidden": [3], "features": ["sin(y)",
                                                                                   "x^2"]})
    assert view["settings"]["features"] == ["x^2", "sin(y)"]  # in the order of the options
    assert view["inputs"] == ["x", "y", "x^2", "sin(y)"]
    assert view["weights"] == 3 * 5 + 4
    model = exported(port, view["id"], tmp_path)
    n = view["heatmap"]["size"]
    for i, j in ((0, 0), (17, 60), (n - 1, n - 1)):
        x, y = centre(i, j, n)
        expected = model.predict([[x, y, x * x, math.sin(y)]])[0]
        assert view["heatmap"]["values"][j * n + i] == pytest.approx(expected, abs=1e-4)
    tutorial = act(port, view["id"], "settings", {"model": "tutorial", "features": ["x*y"]})
    assert tutorial["inputs"] == ["in_x", "in_y", "in_x*in_y"] and tutorial["weights"] == 26
    text = call(port, "GET", f"/api/sessions/{view['id']}/model.json")[1]
    other = new_session(port)
    status, back = call(port, "POST", f"/api/sessions/{other['id']}/model",
                        body=text)
    assert status == 200 and back["settings"]["features"] == ["x*y"]
    assert back["settings"]["model"] == "tutorial" and back["parameters"] == \
        tutorial["parameters"]


def test_without_features_the_tutorial_network_is_the_seeds(port, tmp_path):
    import nn

    view = new_session(port, settings={"seed": 4})
    assert exported(port, view["id"], tmp_path).state_dict() == \
        nn.tutorial_network(seed=4).state_dict()


def test_l2_adds_its_penalty_and_batch_size_sets_the_updates(port, tmp_path):
    view = new_session(port, settings={"mode": "batch", "split": 1, "l2": 0.01})
    X, y = datasets.xor(30, seed=1)
    answer = act(port, view["id"], "points", {"points": points(X, y)})
    model = exported(port, view["id"], tmp_path)
    h = model.predict(X)
    penalty = 0.01 * sum(w * w for w in model.state_dict().values())
    E = sum((p - t) ** 2 for p, t in zip(h, y, strict=True)) + penalty
    assert answer["loss"] == pytest.approx(E, rel=1e-9)
    assert answer["updates_per_epoch"] == 1
    sized = act(port, view["id"], "settings", {"batch_size": 8})
    assert sized["updates_per_epoch"] == 4  # 30 points in batches of 8
    step = act(port, view["id"], "train", {"updates": 1})
    assert step["epoch"] == pytest.approx(0.25)


def test_a_weight_typed_in_changes_the_model(port, tmp_path):
    view = new_session(port)
    answer = act(port, view["id"], "weight", {"name": "w[in_y->3]", "value": -2.5})
    assert dict(answer["parameters"])["w[in_y->3]"] == -2.5
    assert exported(port, view["id"], tmp_path).weight("in_y", "3").data == -2.5
    assert answer["version"] > view["version"] and answer["heatmap"] != view["heatmap"]


def test_a_csv_file_becomes_the_points(port):
    view = new_session(port)
    text = "x,y,label\n0.5,-0.25,1\n\n-3,1.5,0\n"
    answer = act(port, view["id"], "csv", {"text": text, "name": "mine.csv"})
    assert answer["points"] == [[0.5 / 3, -0.25 / 3, 1], [-1.0, 0.5, 0]]  # scaled to fit


def test_each_hidden_perceptron_has_its_map(port, tmp_path):
    view = new_session(port, settings={"model": "mlp", "hidden": [3, 2], "activation": "tanh"})
    assert [m["name"] for m in view["unit_maps"]] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert [m["layer"] for m in view["unit_maps"]] == [1, 1, 1, 2, 2]
    model = exported(port, view["id"], tmp_path)
    n = plane_maps.UNIT_SIZE
    for m in view["unit_maps"]:
        values = decoded(m)
        assert len(values) == n * n and m["activation"] == "tanh"
        tolerance = (m["high"] - m["low"]) / 255
        for i, j in ((0, 0), (5, 12), (n - 1, n - 1)):
            z = model.trace(centre(i, j, n)).z[m["name"]]
            assert values[j * n + i] == pytest.approx(z, abs=tolerance)


def test_without_numpy_the_plane_has_the_grid_the_model_can_afford():
    # cells x (weights + 50) within 400,000: the 2-5-1 network 60 x 60, an MLP 16,16 30 x 30
    tutorial, big = nn.tutorial_network(seed=0), nn.MLP(2, [16, 16, 1], seed=0)
    assert [plane_maps.grid_size(m, "numpy") for m in (tutorial, big)] == [100, 100]
    assert [plane_maps.grid_size(m, "python") for m in (tutorial, big)] == [60, 30]
    assert plane_maps.grid_size(nn.MLP(2, [32] * 6 + [1], seed=0), "python") == 20  # the least
    for size, maps_side in ((100, 20), (60, 20), (30, 15), (20, 20)):
        centres, coarse, side = plane_maps.grid(size)
        assert len(centres) == size * size and len(coarse) == side * side == maps_side ** 2
    centres, coarse, side = plane_maps.grid(100)  # a map's cell is the centre of its 5 x 5 cells
    assert [centres[k] for k in coarse[:2]] == [centre(0, 0, 20), centre(1, 0, 20)]


def test_a_compact_view_sends_the_heatmap_as_bytes(port):
    view = new_session(port, settings={"seed": 2})
    status, compact = call(port, "GET", f"/api/sessions/{view['id']}?view=compact")
    assert status == 200 and "values" not in compact["heatmap"]
    assert decoded(compact["heatmap"]) == pytest.approx(view["heatmap"]["values"], abs=1 / 255)
    status, made = call(port, "POST", "/api/sessions?view=compact", {})
    assert status == 201 and "bytes" in made["heatmap"]


def test_the_diagram_names_the_weight_of_every_edge(port):
    view = new_session(port, settings={"features": ["y^2"]})
    status, svg = call(port, "GET", f"/api/sessions/{view['id']}/diagram.svg")
    names = {name for name, _ in view["parameters"]}
    tagged = set(__import__("re").findall(r'<a data-param="([^"]+)"', svg.replace("&gt;", ">")))
    labelled = set(__import__("re").findall(r'<a data-label="([^"]+)"',
                                            svg.replace("&gt;", ">")))
    assert status == 200 and tagged == names and labelled == names
    assert "xlink:title" not in svg.split("</title>", 1)[1].split("<g id=\"edge", 1)[1]
    traced = act(port, view["id"], "select", {"index": None})
    assert traced["diagram"] == view["diagram"]  # the structure alone: drawn once


def test_the_state_keeps_everything_the_page_shows(port):
    view = new_session(port, settings={"features": ["x^2"], "l2": 0.001, "batch_size": 5,
                                       "split": 0.6, "mode": "batch"})
    act(port, view["id"], "dataset", {"name": "circles", "n": 20, "seed": 1})
    act(port, view["id"], "train", {"epochs": 3})
    edited = act(port, view["id"], "weight", {"name": "w[0->6]", "value": 0.75})
    state = call(port, "GET", f"/api/sessions/{view['id']}/state")[1]
    copy = new_session(port, **state)
    for field in ("settings", "points", "test_points", "parameters", "epochs", "loss",
                  "test_loss", "heatmap"):
        assert copy[field] == edited[field], field


def test_a_long_training_lets_the_sessions_views_through():
    with serving() as server:
        port = server.server_address[1]
        view = new_session(port, settings={"model": "mlp", "hidden": [32] * 4, "split": 1})
        X, y = datasets.moons(1000, seed=2)
        act(port, view["id"], "points", {"points": points(X, y)})
        done = threading.Event()
        trainer = threading.Thread(target=lambda: (act(port, view["id"], "train", {
            "epochs": 1000, "max_seconds": 5}), done.set()))
        trainer.start()
        seen = []
        while not done.is_set() and len(seen) < 3:  # bounded: at most three views
            seen.append(call(port, "GET", f"/api/sessions/{view['id']}")[1]["version"])
        answered_first = not done.is_set()
        trainer.join()
        assert answered_first and len(seen) == 3 and seen[0] <= seen[1] <= seen[2]
