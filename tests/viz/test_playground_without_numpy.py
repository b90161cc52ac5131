"""The playground's API without NumPy, as the static site runs it under Pyodide.

The same requests go to :class:`viz.playground.api.routes.Routes` in two child processes:
one as usual, one with NumPy blocked (``sys.modules["numpy"] = None``, so the import
fails and ``nn`` falls back to the scalar engine and the float replay of a recorded
program).  Both must give the same answers: the heatmap and the hidden perceptrons'
maps, the training's losses and weights, a traced point's deltas, the explained pass
and the boundaries' polylines.  Tolerances: the heatmap's values (and the boundaries'
points) are rounded to 4 decimals, so they may differ by one in the last place (1e-4);
a map's byte by one step; trained losses and weights
agree to 1e-9 (NumPy's batch sums add in another order than the scalar engine).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import base64, json, sys
if sys.argv[1] == "blocked":
    sys.modules["numpy"] = None
from nn import model_programs
from viz.playground.pictures import plane_maps
from viz.playground.api.routes import Routes

lists_grid = plane_maps.grid_size  # both runs on the grid the site has, to compare cell by cell
plane_maps.grid_size = lambda model, backend: lists_grid(model, "python")

routes = Routes()
def call(method, path, body=None):
    status, payload, ctype, _ = routes.answer(method, path, json.dumps(body or {}).encode())
    assert status < 300, payload
    return payload
two = [[-0.6, 0.6, 0], [0.6, -0.6, 0], [0.6, 0.6, 1], [-0.6, -0.6, 1], [0.1, 0.2, 1],
       [-0.3, 0.1, 0], [0.4, -0.2, 1], [-0.5, -0.1, 0]]
three = two + [[0.8, 0.1, 2], [-0.1, 0.8, 2], [0.2, -0.8, 2], [-0.8, 0.3, 2]]
out = {"numpy": model_programs.available() and "numpy" in sys.modules}
for run, mode, points, settings in (
        ("sequential", "sequential", two, {"model": "tutorial", "features": ["x^2"]}),
        ("batch", "batch", two, {"model": "mlp", "hidden": [4, 3], "activation": "tanh",
                                 "l2": 0.01}),
        ("three classes", "batch", three, {"model": "mlp", "hidden": [5], "classes": 3,
                                           "loss": "cross_entropy", "optimizer": "adam"})):
    sid = call("POST", "/api/sessions", {"settings": {**settings, "mode": mode,
                                                      "split": 0.75}, "points": points})["id"]
    base = f"/api/sessions/{sid}"
    call("POST", base + "/train", {"epochs": 30, "max_seconds": 5})
    step = call("POST", base + "/train", {"updates": 1})["update"]
    call("POST", base + "/select", {"index": 2})
    view = call("GET", base)
    maps = [[m["low"], m["high"], list(base64.b64decode(m["bytes"]))] for m in view["unit_maps"]]
    compact = call("GET", base + "?view=compact")["heatmap"]
    out[run] = {"heatmap": view["heatmap"]["values"], "maps": maps,
                "labels": view["heatmap"].get("labels"), "label_bytes": compact.get("label_bytes"),
                 "loss": [view["loss"], view["test_loss"]], "epochs": view["epochs"],
                "parameters": view["parameters"], "trace": view["trace"], "step": step,
                "explain": call("POST", base + "/explain", {}), "compact": compact["size"],
                "boundaries": view["boundaries"]}
print(json.dumps(out))
"""


def answers(kind):
    done = subprocess.run([sys.executable, "-c", SCRIPT, kind], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def both():
    return answers("usual"), answers("blocked")


def numbers(value):
    """Every number in a JSON value, in order (strings dropped, and ``version``: it counts
    the training's slices, which depend on the clock)."""
    if isinstance(value, dict):
        return [n for key in sorted(value) if key != "version" for n in numbers(value[key])]
    if isinstance(value, list):
        return [n for item in value for n in numbers(item)]
    return [value] if isinstance(value, (int, float)) and not isinstance(value, bool) else []


def test_numpy_is_really_blocked_in_one_of_them(both):
    usual, blocked = both
    assert usual["numpy"] is True and blocked["numpy"] is False


@pytest.mark.parametrize("run", ["sequential", "batch", "three classes"])
def test_the_same_answers_without_numpy(both, run):
    usual, blocked = both[0][run], both[1][run]
    assert blocked["epochs"] == usual["epochs"] >= 30
    assert blocked["heatmap"] == pytest.approx(usual["heatmap"], abs=1.01e-4)
    for (low, high, cells), (low0, high0, cells0) in zip(blocked["maps"], usual["maps"],
                                                         strict=True):
        assert [low, high] == pytest.approx([low0, high0], abs=1e-9)
        assert max(abs(a - b) for a, b in zip(cells, cells0, strict=True)) <= 1
    for key in ("loss", "parameters", "trace", "step", "explain"):
        assert numbers(blocked[key]) == pytest.approx(numbers(usual[key]), rel=1e-9, abs=1e-12)
    assert blocked["compact"] == usual["compact"] == 60  # the site's grid (plane_maps.grid_size)
    # the same polylines of the boundary, found on lists or with NumPy (4 decimals)
    assert [len(line) for line in blocked["boundaries"]] == [
        len(line) for line in usual["boundaries"]]
    assert numbers(blocked["boundaries"]) == pytest.approx(numbers(usual["boundaries"]),
                                                           abs=1.01e-4)
    if run == "three classes":  # each cell's class, in both encodings
        assert blocked["labels"] == usual["labels"] and set(usual["labels"]) == {0, 1, 2}
        assert len(usual["boundaries"]) >= 2  # three regions: their borders are there
        assert blocked["label_bytes"] == usual["label_bytes"]
