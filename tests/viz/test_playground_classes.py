"""K classes through the playground's JSON API: the classes setting and its loss, labels,
presets, the models' K outputs, the K-class heatmap, the trace and explain panel, files,
states and the errors of each."""

import base64
import json
import math

import pytest
from playground_client import act, call, exported, new_session

import nn
from nn import datasets
from viz.plane import CLASS_COLOURS
from viz.playground.explain.formula import evaluate


def three_classes(port, **settings):
    sid = new_session(port)["id"]
    act(port, sid, "settings", {"classes": 3, **settings})
    act(port, sid, "dataset", {"name": "spiral", "n": 30, "noise": 0.05, "seed": 1})
    return sid


def refused(port, path, body):
    status, answer = call(port, "POST", path, body)
    assert status == 400, answer
    return answer["error"]


def test_options_give_the_classes_and_the_figures_colours(port):
    options = call(port, "GET", "/api/options")[1]
    assert options["limits"]["classes"] == [2, 5] and options["defaults"]["classes"] == 2
    assert options["class_colours"] == list(CLASS_COLOURS[:5])
    assert options["class_losses"] == ["cross_entropy"]
    assert options["class_datasets"] == ["spiral", "blobs"]
    assert "cross_entropy" in options["losses"]


def test_more_classes_choose_cross_entropy_and_k_outputs(port, tmp_path):
    sid = new_session(port)["id"]
    view = act(port, sid, "settings", {"classes": 3})
    assert view["settings"]["loss"] == "cross_entropy"
    for kind, outputs in (("tutorial", ["6", "7", "8"]), ("perceptron", ["1.1", "1.2", "1.3"]),
                          ("mlp", ["2.1", "2.2", "2.3"])):
        act(port, sid, "settings", {"model": kind})
        model = exported(port, sid, tmp_path)
        assert model.output_names == outputs
        assert {u.activation for u in model.units() if u.name in outputs} == {"linear"}
    view = act(port, sid, "settings", {"classes": 2})  # back to one sigmoid output
    assert view["settings"]["loss"] == "squared_error"
    assert exported(port, sid, tmp_path).output_names == ["2.1"]


def test_the_loss_must_fit_the_classes(port):
    sid = new_session(port)["id"]
    assert refused(port, f"/api/sessions/{sid}/settings", {"loss": "cross_entropy"}) == (
        "settings.loss: cross_entropy (softmax over one score per class) is for 3 or more "
        "classes; with 2 classes the model has one output: choose squared_error, mse or "
        "binary_cross_entropy, or set classes to 3 or more")
    assert "mse is for two classes" in refused(port, f"/api/sessions/{sid}/settings",
                                               {"classes": 4, "loss": "mse"})
    act(port, sid, "settings", {"classes": 4})
    assert "settings.loss: 4 classes need one score per class" in refused(
        port, f"/api/sessions/{sid}/settings", {"loss": "binary_cross_entropy"})
    for bad, message in ((6, "settings.classes must be between 2 and 5, got 6"),
                         (1, "settings.classes must be between 2 and 5, got 1"),
                         (2.5, "settings.classes must be a whole number")):
        assert message in refused(port, f"/api/sessions/{sid}/settings", {"classes": bad})


def test_labels_follow_the_classes_and_no_point_is_dropped(port):
    sid = new_session(port)["id"]
    assert "points[0][2] (label) must be between 0 and 1, got 2" in refused(
        port, f"/api/sessions/{sid}/points", {"points": [[0, 0, 2]]})
    act(port, sid, "settings", {"classes": 3})
    view = act(port, sid, "points", {"points": [[0, 0, 2], [0.5, 0.5, 1], [-0.5, 0, 0]]})
    assert [p[2] for p in view["points"]] == [2, 1, 0]
    assert "points[0][2] (label) must be between 0 and 2, got 3" in refused(
        port, f"/api/sessions/{sid}/points", {"points": [[0, 0, 3]]})
    assert refused(port, f"/api/sessions/{sid}/settings", {"classes": 2}) == (
        "settings.classes: with 2 classes (labels 0 to 1) 1 point(s) of class 2 would have "
        "no class; remove those points first (or clear all, or load a preset), nothing was "
        "changed")
    view = call(port, "GET", f"/api/sessions/{sid}")[1]
    assert view["settings"]["classes"] == 3 and len(view["points"]) == 3


def test_presets_draw_the_sessions_classes_where_they_can(port):
    sid = three_classes(port)
    view = call(port, "GET", f"/api/sessions/{sid}")[1]
    X, y = datasets.spiral(30, noise=0.05, seed=1, classes=3)
    assert [p[2] for p in view["points"]] == y and {*y} == {0, 1, 2}
    view = act(port, sid, "dataset", {"name": "blobs", "n": 31, "seed": 2})
    assert sorted({p[2] for p in view["points"]}) == [0, 1, 2]
    view = act(port, sid, "dataset", {"name": "xor", "n": 20, "seed": 2})  # two classes only
    assert sorted({p[2] for p in view["points"]}) == [0, 1]
    act(port, sid, "settings", {"classes": 5})
    assert refused(port, f"/api/sessions/{sid}/dataset", {"name": "spiral", "n": 4}) == (
        "dataset.n must be at least 5 for 5 classes (one point of each), got 4")


def test_training_measures_by_the_argmax_rule(port, tmp_path):
    sid = three_classes(port, model="mlp", hidden=[16, 16], mode="batch", optimizer="adam",
                        lr=0.03, split=0.7)
    before = call(port, "GET", f"/api/sessions/{sid}")[1]
    view = act(port, sid, "train", {"epochs": 200, "max_seconds": 5})
    assert view["loss"] < before["loss"] / 3 and view["accuracy"] >= 0.9
    model = exported(port, sid, tmp_path)
    points = view["points"]
    predicted = nn.predict_class(model, [p[:2] for p in points])
    train = [k for k in range(len(points)) if k not in view["test_points"]]
    right = sum(predicted[k] == points[k][2] for k in train)
    assert view["accuracy"] == pytest.approx(right / len(train))
    test = view["test_points"]
    assert view["test_accuracy"] == pytest.approx(
        sum(predicted[k] == points[k][2] for k in test) / len(test))


def test_the_heatmap_gives_each_cells_class_and_its_probability(port, tmp_path):
    sid = three_classes(port, model="mlp", hidden=[8])
    act(port, sid, "train", {"epochs": 30})
    plain = call(port, "GET", f"/api/sessions/{sid}")[1]["heatmap"]
    compact = call(port, "GET", f"/api/sessions/{sid}?view=compact")[1]["heatmap"]
    assert plain["size"] == 100 and plain["classes"] == 3 == compact["classes"]
    model = exported(port, sid, tmp_path)
    cells = [4321, 0, 9999, 5050]
    centres = [[-1 + (2 * (c % 100) + 1) / 100, 1 - (2 * (c // 100) + 1) / 100] for c in cells]
    for cell, p in zip(cells, nn.predict_proba(model, centres), strict=True):
        assert plain["labels"][cell] == max(range(3), key=p.__getitem__)
        assert plain["values"][cell] == pytest.approx(max(p), abs=1e-4)
    labels = base64.b64decode(compact["label_bytes"])
    assert list(labels) == plain["labels"] and len(labels) == 100 * 100
    assert compact["low"] == pytest.approx(1 / 3) and compact["high"] == 1
    top = base64.b64decode(compact["bytes"])
    decoded = [compact["low"] + b / 255 * (compact["high"] - compact["low"]) for b in top]
    assert max(abs(a - b) for a, b in zip(decoded, plain["values"], strict=True)) < 0.002
    two = call(port, "GET", f"/api/sessions/{new_session(port)['id']}?view=compact")[1]
    assert set(two["heatmap"]) == {"size", "low", "high", "bytes"}  # as before for K = 2


def test_each_outputs_map_is_its_class_probability(port, tmp_path):
    sid = three_classes(port, model="mlp", hidden=[4])
    act(port, sid, "train", {"epochs": 20})
    maps = call(port, "GET", f"/api/sessions/{sid}")[1]["unit_maps"]
    hidden, outputs = maps[:4], maps[4:]
    assert all("class" not in m for m in hidden)
    assert [(m["class"], m["activation"], m["low"], m["high"]) for m in outputs] == \
        [(k, "softmax", 0.0, 1.0) for k in range(3)]
    model = exported(port, sid, tmp_path)
    assert [m["name"] for m in outputs] == model.output_names
    # the 20 x 20 maps sample every fifth cell of the 100 x 100 grid, at its middle
    cells = [(2 + 5 * i, 2 + 5 * j) for j in range(20) for i in range(20)]
    centres = [[-1 + (2 * i + 1) / 100, 1 - (2 * j + 1) / 100] for i, j in cells]
    p = nn.predict_proba(model, centres)
    for k, m in enumerate(outputs):
        decoded = [b / 255 for b in base64.b64decode(m["bytes"])]
        assert max(abs(a - row[k]) for a, row in zip(decoded, p, strict=True)) <= 0.5 / 255 + 1e-9


def test_the_trace_and_the_explain_panel_show_the_k_output_deltas(port):
    sid = three_classes(port)
    view = act(port, sid, "select", {"index": 0})
    trace, target = view["trace"], view["points"][0][2]
    p = nn.softmax(trace["outputs"])
    assert trace["output"] is None and trace["probabilities"] == pytest.approx(p)
    assert trace["loss"] == pytest.approx(-math.log(p[target]))
    deltas = {u["name"]: u["delta"] for u in trace["units"]}
    for k, name in enumerate(["6", "7", "8"]):
        assert deltas[name] == pytest.approx(p[k] - (k == target))
    status, panel = call(port, "POST", f"/api/sessions/{sid}/explain", {})
    assert status == 200 and panel["loss"] == pytest.approx(trace["loss"])
    steps = {(s["pass"], s["node"]): s for s in panel["steps"]}
    for step in panel["steps"]:
        for formula in step["formulas"]:
            assert evaluate(formula["terms"]) == pytest.approx(formula["result"])
    for k, name in enumerate(["6", "7", "8"]):
        delta = steps[("backward", name)]["formulas"][0]
        assert delta["result"] == pytest.approx(p[k] - (k == target))
        assert delta["symbols"].endswith(f"p_{{{name}}} - [y_i = {k}]")
    assert steps[("forward", "E")]["formulas"][0]["symbols"] == \
        f"-\\ln\\left(p_{{{['6', '7', '8'][target]}}}\\right)"
    status, sweep = call(port, "POST", f"/api/sessions/{sid}/explain",
                         {"mode": "forward", "wrt": "w[in_x->1]"})
    assert status == 200 and sweep["gradient"] == pytest.approx(sweep["reverse"])
    view = call(port, "POST", f"/api/sessions/{sid}/train", {"updates": 1})[1]
    assert view["update"]["factor"] == 1.0 and len(view["update"]["points"]) == 1


def test_files_and_states_keep_the_classes(port, tmp_path):
    sid = three_classes(port, model="perceptron")
    act(port, sid, "train", {"epochs": 3})
    status, text = call(port, "GET", f"/api/sessions/{sid}/data.csv")
    assert datasets.loads_csv(text, classes=3)[1] == [
        p[2] for p in call(port, "GET", f"/api/sessions/{sid}")[1]["points"]]
    state = call(port, "GET", f"/api/sessions/{sid}/state")[1]
    assert state["settings"]["classes"] == 3
    copy = new_session(port, **state)
    original = call(port, "GET", f"/api/sessions/{sid}")[1]
    assert copy["settings"] == original["settings"] and copy["loss"] == original["loss"]
    assert new_session(port, settings={"classes": 4})["settings"]["loss"] == "cross_entropy"
    status, answer = call(port, "POST", "/api/sessions", {"settings": {"classes": 2},
                                                          "points": [[0, 0, 2]]})
    assert status == 400 and "state.points[0][2] (label) must be between 0 and 1" in \
        answer["error"]

    other = new_session(port)["id"]  # a 3-class file brings its 3 classes
    view = act(port, other, "csv", {"text": text, "name": "three.csv"})
    assert view["settings"]["classes"] == 3 and view["settings"]["loss"] == "cross_entropy"
    view = act(port, other, "csv", {"text": "x,y,label\n0.5,0.5,1\n-0.5,0,0\n"})
    assert view["settings"]["classes"] == 2 and view["settings"]["loss"] == "squared_error"

    status, model_text = call(port, "GET", f"/api/sessions/{sid}/model.json")
    raw = (model_text if isinstance(model_text, str) else json.dumps(model_text)).encode()
    view = call(port, "POST", f"/api/sessions/{other}/model", raw=raw)[1]
    assert view["settings"]["classes"] == 3 and view["settings"]["model"] == "perceptron"
    act(port, other, "points", {"points": [[0, 0, 2]]})
    nn.tutorial_network(seed=0).save(tmp_path / "two.json")
    status, answer = call(port, "POST", f"/api/sessions/{other}/model",
                          raw=(tmp_path / "two.json").read_bytes())
    assert status == 400 and answer["error"].startswith(
        "model file.classes: with 2 classes (labels 0 to 1) 1 point(s) of class 2")
    nn.MLP(2, [4, 2], seed=0).save(tmp_path / "pair.json")  # two outputs: not a playground kind
    status, answer = call(port, "POST", f"/api/sessions/{other}/model",
                          raw=(tmp_path / "pair.json").read_bytes())
    assert status == 400 and "or 3 to 5 linear outputs (one score per class)" in answer["error"]
