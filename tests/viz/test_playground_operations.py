"""The explain answer's ``operations``: an opened perceptron's steps, operation by operation.

Each operation's value and gradient is checked against the diagram's opened figure (the
same numbers), its forward line against its own value, and the weights' gradients of the
backward lines against central finite differences of the selected point's E, read from
the view's trace after moving one weight by +-h through the API.
"""

import json

import pytest

from viz.playground.api.routes import Routes

POINTS = [[0.5, 0.5, 1], [-0.5, 0.2, 0], [0.1, -0.3, 1], [-0.4, -0.6, 0]]


def post(routes, path, body):
    status, answer, _, _ = routes.answer("POST", path, json.dumps(body).encode())
    assert status < 300, answer
    return answer


@pytest.fixture(params=[{}, {"model": "network"}], ids=["tutorial", "network"])
def session(request):
    routes = Routes()
    view = post(routes, "/api/sessions", {"points": POINTS, "settings": request.param})
    post(routes, f"/api/sessions/{view['id']}/select", {"index": 0})
    return routes, view["id"]


def loss_with(routes, sid, name, value):
    """E of the selected point with weight ``name`` set to ``value``."""
    return post(routes, f"/api/sessions/{sid}/weight", {"name": name, "value": value})[
        "trace"]["loss"]


def test_every_perceptrons_operations_with_the_engines_numbers(session):
    routes, sid = session
    explained = post(routes, f"/api/sessions/{sid}/explain", {})
    view = post(routes, f"/api/sessions/{sid}/select", {"index": 0})
    units = {u["name"]: u for u in view["trace"]["units"]}
    assert set(explained["operations"]) == set(units)
    for j, ops in explained["operations"].items():
        tags = [op["op"] for op in ops]
        assert tags[-2:] == ["s", "z"] or tags[-3:] == ["s", "z", "E"]
        by = {op["op"]: op for op in ops}
        assert by["s"]["value"] == pytest.approx(units[j]["s"], abs=1e-12)
        assert by["z"]["value"] == pytest.approx(units[j]["z"], abs=1e-12)
        assert by["s"]["grad"] == pytest.approx(units[j]["delta"], abs=1e-12)
        for op in ops:
            assert op["forward"][-1]["result"] == pytest.approx(
                op["value"] if op["op"] != "E" else explained["loss"], abs=1e-12)
            assert op["backward"][0]["result"] == pytest.approx(op["grad"], abs=1e-12)
        products = [op for op in ops if op["op"] not in ("s", "z", "E")]
        assert len(products) == 1 + sum(e["to"] == j for e in view["trace"]["edges"])
        for op in products:  # ds_j/dp = 1: each product's gradient is delta_j
            assert op["grad"] == pytest.approx(units[j]["delta"], abs=1e-12)


def test_the_weights_gradients_against_finite_differences(session):
    routes, sid = session
    explained = post(routes, f"/api/sessions/{sid}/explain", {})
    weights = dict(post(routes, f"/api/sessions/{sid}/select", {"index": 0})["parameters"])
    h = 1e-6
    checked = 0
    for ops in explained["operations"].values():
        for op in ops:
            if op["op"] not in weights:
                continue
            w = weights[op["op"]]
            up, down = loss_with(routes, sid, op["op"], w + h), loss_with(routes, sid, op["op"],
                                                                           w - h)
            loss_with(routes, sid, op["op"], w)
            assert op["backward"][1]["result"] == pytest.approx((up - down) / (2 * h),
                                                                rel=1e-5, abs=1e-8)
            checked += 1
    assert checked == len(weights)


def test_diagram_and_explain_agree_on_an_opened_perceptron(session):
    routes, sid = session
    explained = post(routes, f"/api/sessions/{sid}/explain", {})
    name = next(iter(explained["operations"]))
    status, svg, _, _ = routes.answer("GET", f"/api/sessions/{sid}/diagram.svg?open={name}")
    assert status == 200
    for op in explained["operations"][name]:
        assert f'data-op="{name}:{op["op"]}"'.replace(">", "&gt;") in svg.decode()
