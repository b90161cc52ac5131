"""The playground's files, against a real server started here on a free port: the model
(model.json) exported and imported back, the points as CSV, the diagram as SVG, and the
whole state that restores a session.

Each file is read back by ``nn`` (nn.load, datasets.read_csv) and compared with what the
session holds.
"""

import json

from playground_client import act, call, exported, new_session, points

import nn
from nn import datasets


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
