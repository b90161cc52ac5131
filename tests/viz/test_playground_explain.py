"""POST /api/sessions/ID/explain and the described single update, against a real server.

The references are computed here, independently of the server: E of the exported model on
the selected point through ``nn`` and ``autograd.explain``, the tutorial's (section 3.2) closed
formulas typed in from the seed, and a small evaluator of the formula trees the API sends.
"""

import json
import math

import pytest
from playground_client import act, call, new_session, points

import autograd
import nn
from autograd.display import format_number

RED = [(-0.6, 0.6), (-0.4, 0.7), (0.6, -0.6), (0.4, -0.7)]
BLUE = [(0.6, 0.6), (0.4, 0.7), (-0.6, -0.6), (-0.4, -0.7)]
DATA = points(RED + BLUE, [0] * len(RED) + [1] * len(BLUE))



def value_of(term):
    """The number a formula tree stands for (the tests' own reading of the format)."""
    if "op" not in term:
        return term["value"]
    args = [value_of(a) for a in term["args"]]
    kind = term["op"]
    if kind == "product":
        return math.prod(args)
    if kind == "sum":
        return sum(args)
    if kind == "difference":
        return args[0] - args[1]
    if kind == "square":
        return args[0] ** 2
    if kind == "neglog":
        return -math.log(args[0])
    assert kind == "apply"
    return ACTIVATIONS[term["name"]](args[0])


ACTIVATIONS = {"sigmoid": lambda s: 1 / (1 + math.exp(-s)), "tanh": math.tanh,
               "relu": lambda s: max(s, 0.0), "linear": lambda s: s}


def traced(port, settings, index=2):
    """A session on DATA with ``settings``, point ``index`` selected; (id, view)."""
    sid = new_session(port, settings=settings, points=DATA)["id"]
    return sid, act(port, sid, "select", {"index": index})


def reference(port, sid, view, loss):
    """E of the exported model on the selected point, and autograd.explain of it."""
    _, text = call(port, "GET", f"/api/sessions/{sid}/model.json")
    model = nn.loads(text if isinstance(text, str) else json.dumps(text))
    x, y = view["trace"]["input"], view["trace"]["target"]
    E = nn.losses.get(loss)([model(x)], [y])
    return model, E, autograd.explain(E)


@pytest.mark.parametrize("settings", [
    {"model": "tutorial"},
    {"model": "mlp", "hidden": [3, 2], "activation": "tanh", "loss": "mse"},
    {"model": "perceptron", "loss": "binary_cross_entropy"},
])
def test_the_panels_steps_are_autograd_explains_and_each_formula_adds_up(port, settings):
    sid, view = traced(port, settings)
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {})
    assert status == 200, answer
    _, E, ex = reference(port, sid, view, view["settings"]["loss"])
    assert answer["loss"] == E.data == view["trace"]["loss"]
    assert len(answer["engine"]) == len(ex)
    for mine, theirs in zip(answer["engine"], ex, strict=True):
        assert (mine["value"], mine["gradient"]) == (theirs.node.data, theirs.upstream)
        assert [(s["local"], s["contribution"], s["total"]) for s in mine["shares"]] == [
            (s.local, s.contribution, s.total) for s in theirs.shares]
    units = {u["name"]: u for u in view["trace"]["units"]}  # model.trace's numbers
    kinds = [step["pass"] for step in answer["steps"]]
    assert kinds == sorted(kinds, reverse=True)  # the forward pass, then the backward pass
    back = [step for step in answer["steps"] if step["pass"] == "backward"]
    assert [step["node"] for step in back] == list(reversed(units))
    for step in back:
        delta = next(f for f in step["formulas"] if f["lhs"].startswith(r"\delta"))
        assert delta["result"] == pytest.approx(units[step["node"]]["delta"], rel=1e-12)
    for step in answer["steps"]:
        for f in step["formulas"]:
            assert value_of(f["terms"]) == pytest.approx(f["result"], rel=1e-12, abs=1e-15)
            assert f["shown"].replace(r" \times 10^{", "e").rstrip("}") in (
                format_number(f["result"]), format_number(f["result"]).replace("e-0", "e-"))


def test_the_closed_formula_of_each_of_the_21_weights_is_the_engines_gradient(port):
    sid, view = traced(port, {"model": "tutorial"}, index=5)
    _, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {})
    model, E, _ = reference(port, sid, view, "squared_error")
    grads = dict(zip([n for n, _ in model.named_parameters()],
                     autograd.grad(E, model.parameters()), strict=True))
    t = model.trace(view["trace"]["input"], view["trace"]["target"])
    z, y = t.z, view["trace"]["target"]
    x = dict(zip(["in_x", "in_y"], view["trace"]["input"], strict=True))
    w = dict(model.named_parameters())
    out = 2 * (z["6"] - y) * z["6"] * (1 - z["6"])  # 3.2: 2 (z_6 - y_i) sigma(s_6)(1 - ...)
    seed = {"w[0->6]": out, **{f"w[{j}->6]": out * z[j] for j in "12345"}}
    for j in "12345":
        hidden = out * z[j] * (1 - z[j]) * w[f"w[{j}->6]"].data
        seed |= {f"w[0->{j}]": hidden, **{f"w[{i}->{j}]": hidden * x[i] for i in x}}
    assert len(answer["weights"]) == 21
    for found in answer["weights"]:
        name = found["name"]
        assert found["form"] == "closed" and found["engine"] == grads[name]
        assert value_of(found["formula"]["terms"]) == pytest.approx(seed[name], rel=1e-12)
        assert found["formula"]["result"] == pytest.approx(grads[name], rel=1e-12, abs=1e-16)
        assert format_number(found["formula"]["result"]) == format_number(found["engine"])


def test_off_the_tutorials_network_a_weights_formula_is_delta_j_z_i(port):
    sid, view = traced(port, {"model": "mlp", "hidden": [2], "activation": "relu"})
    _, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {})
    deltas = {u["name"]: u["delta"] for u in view["trace"]["units"]}
    for found in answer["weights"]:
        assert found["form"] == "delta"
        unit = found["name"].rstrip("]").split("->")[-1]
        assert value_of(found["formula"]["terms"]) == pytest.approx(found["engine"], rel=1e-12)
        first = found["formula"]["terms"] if "op" not in found["formula"]["terms"] else \
            found["formula"]["terms"]["args"][0]
        assert first["value"] == pytest.approx(deltas[unit], rel=1e-12)


def test_forward_mode_sweeps_once_per_weight_and_gives_the_same_gradient(port):
    sid, view = traced(port, {"model": "tutorial"})
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain",
                          {"mode": "forward", "wrt": "w[in_x->1]"})
    assert status == 200, answer
    model, E, _ = reference(port, sid, view, "squared_error")
    params = model.parameters()
    for mode in ("forward", "reverse"):
        expected = autograd.jacobian(E, params, mode=mode)
        assert answer["counts"][mode] == {"sweeps": expected.sweeps,
                                          "rule_evaluations": expected.rule_evaluations}
    assert answer["counts"]["forward"]["sweeps"] == 21
    gradient = autograd.grad(E, [dict(model.named_parameters())["w[in_x->1]"]])[0]
    assert answer["gradient"] == pytest.approx(gradient, rel=1e-12)
    assert answer["jvp"] == answer["gradient"] and answer["reverse"] == pytest.approx(gradient)
    assert [s["node"] for s in answer["steps"]] == ["1", "6", "E"]  # only what w reaches
    for step in answer["steps"]:
        for f in step["formulas"]:
            assert value_of(f["terms"]) == pytest.approx(f["result"], rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(("body", "message"), [
    ({"mode": "sideways"}, "explain.mode must be 'reverse' or 'forward'"),
    ({"mode": "forward"}, "explain.wrt must name a weight of the model"),
    ({"mode": "forward", "wrt": "w[q->1]"}, "explain.wrt must name a weight of the model"),
    ({"wrt": "w[0->1]"}, "explain.wrt is for mode 'forward' only"),
    ({"point": 1}, "unknown field(s) point in explain"),
    ([], "explain must be a JSON object"),
])
def test_a_bad_explain_request_gets_400_naming_the_field(port, body, message):
    sid, _ = traced(port, {"model": "tutorial"})
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain", body)
    assert status == 400 and message in answer["error"], answer


def test_explain_needs_a_selected_point_and_a_drawable_network_and_the_guard(port):
    sid = new_session(port, settings={"model": "tutorial"}, points=DATA)["id"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {})
    assert status == 400 and "no point is selected" in answer["error"]
    big, _ = traced(port, {"model": "mlp", "hidden": [32, 32]})
    status, answer = call(port, "POST", f"/api/sessions/{big}/explain", {})
    assert status == 400 and "at most 400" in answer["error"]
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {},
                          headers={"Origin": "http://evil.example"})
    assert status == 403 and answer["code"] == "foreign_origin"
    status, answer = call(port, "POST", f"/api/sessions/{sid}/explain", {},
                          headers={"Content-Type": "text/plain"})
    assert status == 415 and answer["code"] == "content_type"


@pytest.mark.parametrize("mode", ["sequential", "batch"])
def test_one_step_says_which_points_it_used_and_how_each_weight_moved(port, mode):
    sid = new_session(port, settings={"model": "tutorial", "mode": mode, "split": 1},
                      points=DATA)["id"]
    view = act(port, sid, "train", {"updates": 1})
    update = view["update"]
    assert update["mode"] == mode and update["plain"]
    assert len(update["points"]) == (1 if mode == "sequential" else len(DATA))
    after = dict(view["parameters"])
    for w in update["weights"]:
        assert w["after"] == after[w["name"]]
        assert w["after"] == pytest.approx(w["before"] - 0.5 * w["gradient"], rel=1e-12)
        assert sum(w["terms"]) == pytest.approx(w["gradient"], rel=1e-9, abs=1e-15)
    if mode == "sequential":  # the point used, traced at w_t, gives the same dE_i/dw
        i = update["points"][0]
        model = nn.tutorial_network(seed=1)
        t = model.trace(DATA[i][:2], DATA[i][2])
        first = update["weights"][1]
        assert first["name"] == "w[in_x->1]"
        assert first["gradient"] == pytest.approx(t.weight_grads[("in_x", "1")], rel=1e-12)
