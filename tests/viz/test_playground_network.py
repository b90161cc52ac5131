"""The model kind ``network``: the learner's own DAG through the API.

References are independent of the playground: the exported model file read by ``nn``,
E differentiated by ``autograd.grad``, and the skip network's pass typed in by hand
(z_a = tanh(s_a), z_out = sigma(w_0 + w_{a->out} z_a + w_{in_x->out} in_x)).
"""

import json
import math

import pytest

import autograd
import nn
from autograd.display import format_number
from viz.playground.api.routes import Routes

SKIP = {"model": "network", "edges": [["in_x", "a"], ["in_y", "a"], ["a", "out"],
                                      ["in_x", "out"]],
        "activations": {"a": "tanh", "out": "sigmoid"}}
POINTS = [[0.5, 0.5, 1], [-0.5, 0.2, 0], [0.1, -0.3, 1], [-0.4, -0.6, 0], [0.3, -0.8, 0],
          [0.7, 0.1, 1], [-0.7, 0.6, 0], [0.2, 0.9, 1]]


def call(routes, method, path, body=None, raw=None):
    data = raw if raw is not None else json.dumps(body or {}).encode()
    status, payload, _, _ = routes.answer(method, path, data)
    return status, payload


@pytest.fixture
def skip():
    """(routes, base, view) of a session on the skip network."""
    routes = Routes()
    status, view = call(routes, "POST", "/api/sessions", {"settings": SKIP, "points": POINTS})
    assert status == 201, view
    return routes, f"/api/sessions/{view['id']}", view


def exported(routes, base):
    return nn.loads(call(routes, "GET", base + "/model.json")[1].decode())


def test_the_skip_link_is_a_weight_of_the_network_and_of_the_view(skip):
    routes, base, view = skip
    model = exported(routes, base)
    assert isinstance(model, nn.Network) and model.output_names == ["out"]
    assert [u.activation.name for u in model.units()] == ["tanh", "sigmoid"]
    assert [name for name, _ in view["parameters"]] == [
        "w[0->a]", "w[in_x->a]", "w[in_y->a]", "w[0->out]", "w[a->out]", "w[in_x->out]"]
    assert view["unit_maps"] is not None and len(view["unit_maps"]) == 1  # hidden a
    svg = call(routes, "GET", base + "/diagram.svg")[1].decode()
    assert 'data-param="w[in_x-&gt;out]"' in svg


def test_trace_explain_and_check_agree_with_the_pass_by_hand(skip):
    routes, base, _ = skip
    view = call(routes, "POST", base + "/select", {"index": 0})[1]
    model, (x, y, target) = exported(routes, base), POINTS[0]
    w = dict(model.named_parameters())
    z_a = math.tanh(w["w[0->a]"].data + w["w[in_x->a]"].data * x + w["w[in_y->a]"].data * y)
    z_out = 1 / (1 + math.exp(-(w["w[0->out]"].data + w["w[a->out]"].data * z_a
                                + w["w[in_x->out]"].data * x)))
    delta_out = 2 * (z_out - target) * z_out * (1 - z_out)
    delta_a = (1 - z_a ** 2) * w["w[a->out]"].data * delta_out
    trace = {u["name"]: u for u in view["trace"]["units"]}
    assert trace["a"]["delta"] == pytest.approx(delta_a, rel=1e-12)
    status, explained = call(routes, "POST", base + "/explain", {})
    assert status == 200
    assert [s["node"] for s in explained["steps"]] == ["in_x", "in_y", "a", "out", "E", "out", "a"]
    E = (model([x, y]) - target) ** 2
    (skip_grad,) = autograd.grad(E, [w["w[in_x->out]"]])
    assert skip_grad == pytest.approx(delta_out * x, rel=1e-12)
    for body in ({"question": "delta", "node": "a", "answer": float(format_number(delta_a))},
                 {"question": "dE/dw", "weight": "w[in_x->out]",
                  "answer": float(format_number(skip_grad))}):
        status, answer = call(routes, "POST", base + "/check", body)
        assert status == 200 and answer["correct"], answer


def test_training_the_learners_network_lowers_its_loss(skip):
    routes, base, view = skip
    status, trained = call(routes, "POST", base + "/train", {"epochs": 100, "max_seconds": 5})
    assert status == 200 and trained["epochs"] == 100
    assert trained["loss"] < 0.5 * view["loss"]


def test_a_loop_is_refused_by_name_and_nothing_changes(skip):
    routes, base, view = skip
    loop = [["in_x", "a"], ["a", "b"], ["b", "c"], ["c", "a"], ["c", "out"]]
    status, answer = call(routes, "POST", base + "/settings", {"edges": loop})
    assert status == 400
    assert "these links make a loop a -> b -> c -> a" in answer["error"]
    assert "remove one of these links" in answer["error"]
    after = call(routes, "GET", base)[1]
    assert after["settings"] == view["settings"] and after["parameters"] == view["parameters"]


@pytest.mark.parametrize("settings, words", [
    ({"edges": [["in_x", "a"], ["in_x^2", "a"], ["a", "out"]]}, "feature that is not chosen"),
    ({"edges": [["in_x", "a"], ["b", "out"], ["a", "out"]]}, "perceptron b reads from nothing"),
    ({"edges": [["in_x", "a"], ["in_x", "b"]]}, "are a, b; 2 classes need 1 output"),
    ({"edges": [["in_x", "a"], ["a", "in_y"]]}, "in_y is an input"),
    ({"edges": [["in_x", "a"], ["in_x", "a"]]}, "is there twice"),
    ({"edges": [["in_x", "in x"]]}, "neither an input"),
    ({"edges": [["in_x", "0"], ["0", "out"]]}, "not 0, the name of the constant input a_0 = 1"),
    ({"edges": [["in_x", f"p{k}"] for k in range(31)]}, "at most 30"),
    ({"edges": [["in_x", "a"]] * 151}, "at most 150"),
    ({"activations": {"a": "tanh", "nobody": "relu"}}, "names nobody, which no link names"),
    ({"activations": {"a": "cube"}}, "settings.activations.a must be one of"),
    ({"loss": "binary_cross_entropy", "activations": {"out": "tanh"}}, "needs the sigmoid"),
])
def test_settings_that_do_not_make_a_network_are_refused_and_lose_nothing(skip, settings,
                                                                          words):
    routes, base, view = skip
    status, answer = call(routes, "POST", base + "/settings", settings)
    assert status == 400 and words in answer["error"], answer
    assert call(routes, "GET", base)[1]["parameters"] == view["parameters"]


def test_new_links_rebuild_the_network_with_features_and_keep_only_their_activations(skip):
    routes, base, _ = skip
    status, view = call(routes, "POST", base + "/settings", {
        "features": ["x^2"], "edges": [["in_x^2", "h"], ["in_y", "h"], ["h", "o"],
                                       ["in_x", "o"]]})
    assert status == 200, view
    assert view["settings"]["activations"] == {}  # a and out are gone
    assert view["inputs"] == ["in_x", "in_y", "in_x^2"]
    assert [name for name, _ in view["parameters"]] == [
        "w[0->h]", "w[in_x^2->h]", "w[in_y->h]", "w[0->o]", "w[h->o]", "w[in_x->o]"]


def test_three_classes_take_three_outputs_linear_by_default():
    routes = Routes()
    settings = {"model": "network", "classes": 3, "activations": {},
                "edges": [["in_x", "h"], ["in_y", "h"], ["h", "s1"], ["h", "s2"], ["h", "s3"],
                          ["in_x", "s3"]]}
    status, view = call(routes, "POST", "/api/sessions", {"settings": settings,
                                                          "points": [*POINTS, [0, 0.9, 2]]})
    assert status == 201, view
    assert view["settings"]["loss"] == "cross_entropy"
    model = exported(routes, f"/api/sessions/{view['id']}")
    assert [u.activation.name for u in model.units()] == ["sigmoid", "linear", "linear", "linear"]


def test_the_model_file_and_the_state_link_bring_the_network_back(skip):
    routes, base, _ = skip
    call(routes, "POST", base + "/train", {"epochs": 20, "max_seconds": 5})
    trained = call(routes, "GET", base)[1]
    text = call(routes, "GET", base + "/model.json")[1]
    fresh = call(routes, "POST", "/api/sessions", {"points": POINTS})[1]
    status, loaded = call(routes, "POST", f"/api/sessions/{fresh['id']}/model", raw=text)
    assert status == 200, loaded
    assert loaded["settings"]["model"] == "network"
    assert loaded["settings"]["edges"] == SKIP["edges"]
    assert loaded["settings"]["activations"] == SKIP["activations"]
    assert loaded["parameters"] == trained["parameters"]
    state = json.loads(call(routes, "GET", base + "/state")[1])
    status, back = call(routes, "POST", "/api/sessions", state)
    assert status == 201, back
    assert back["settings"] == trained["settings"] and back["parameters"] == trained["parameters"]
    assert back["epochs"] == trained["epochs"]


def test_a_one_perceptron_network_loads_back_as_a_network_not_as_the_demo():
    routes = Routes()
    settings = {"model": "network", "edges": [["in_x", "out"], ["in_y", "out"]],
                "activations": {}}
    view = call(routes, "POST", "/api/sessions", {"settings": settings})[1]
    text = call(routes, "GET", f"/api/sessions/{view['id']}/model.json")[1]
    status, loaded = call(routes, "POST", f"/api/sessions/{view['id']}/model", raw=text)
    assert status == 200 and loaded["settings"]["model"] == "network"
    tutorial = call(routes, "POST", "/api/sessions", {"settings": {"features": ["x^2"]}})[1]
    text = call(routes, "GET", f"/api/sessions/{tutorial['id']}/model.json")[1]
    status, loaded = call(routes, "POST", f"/api/sessions/{tutorial['id']}/model", raw=text)
    assert status == 200 and loaded["settings"]["model"] == "tutorial"  # named 1 to 6
