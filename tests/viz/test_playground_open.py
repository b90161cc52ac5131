"""GET /api/sessions/ID/diagram.svg?open=3,5: opened perceptrons, over HTTP and in the site.

The same request goes to a real server and to the static site's handler
(:func:`viz.playground.browser.handle`); the operations' numbers are checked against the
exported model's forward pass built in the test and ``autograd.grad``
(test_network_open.py), and the diagram without ``open`` is the one the page restyles.
"""

import json

import pytest
from opened import expected, operations
from playground_client import act, call, exported, new_session, points

import nn
from autograd.display import format_number
from nn import datasets
from viz.playground import browser

X, Y = datasets.moons(20, seed=5)



@pytest.fixture
def session(port):
    view = new_session(port)
    act(port, view["id"], "points", {"points": points(X, Y)})
    act(port, view["id"], "select", {"index": 3})
    return view["id"]


def assert_engines_numbers(svg, model, names):
    shown = operations(svg)
    for name in names:
        for tag, (value, gradient) in expected(model, name, list(X[3]), Y[3]).items():
            assert shown[tag][-2:] == [format_number(value), f"grad {format_number(gradient)}"]
            assert f'data-op="{tag.replace(">", "&gt;")}"' in svg
        assert f'data-open="{name}"' in svg


def test_one_perceptron_opened_over_http(port, session, tmp_path):
    status, svg = call(port, "GET", f"/api/sessions/{session}/diagram.svg?open=3")
    assert status == 200 and "<svg" in svg
    assert_engines_numbers(svg, exported(port, session, tmp_path), ["3"])
    assert svg.count("data-param=") == 21  # the edges stay tagged for restyling


def test_several_opened_at_once_over_http(port, session, tmp_path):
    status, svg = call(port, "GET", f"/api/sessions/{session}/diagram.svg?open=3,6")
    assert status == 200
    assert_engines_numbers(svg, exported(port, session, tmp_path), ["3", "6"])
    assert "6:E" in operations(svg)  # the output's loss


def test_the_diagram_without_open_is_unchanged(port, session):
    status, svg = call(port, "GET", f"/api/sessions/{session}/diagram.svg")
    assert status == 200 and "data-op=" not in svg and "data-open=" not in svg
    assert svg.count("data-param=") == 21


@pytest.mark.parametrize(("query", "said"), [
    ("open=7", "open: no perceptron '7' in the diagram; its perceptrons are 1, 2, 3, 4, 5, 6"),
    ("open=3,in_x", "no perceptron 'in_x'"),
    ("view=compact", "diagram.svg takes one query parameter, open=NAME[,NAME...]"),
    ("open", "got 'open'"),
])
def test_a_bad_query_is_refused_naming_it(port, session, query, said):
    status, answer = call(port, "GET", f"/api/sessions/{session}/diagram.svg?{query}")
    assert status == 400 and said in answer["error"]


def test_the_sites_handler_serves_the_same_figure(tmp_path):
    status, text, _ = browser.handle("POST", "/api/sessions", "{}")
    sid = json.loads(text)["id"]
    assert browser.handle("POST", f"/api/sessions/{sid}/points",
                          json.dumps({"points": points(X, Y)}))[0] == 200
    assert browser.handle("POST", f"/api/sessions/{sid}/select", '{"index": 3}')[0] == 200
    model_file = browser.handle("GET", f"/api/sessions/{sid}/model.json", "")[1]
    (tmp_path / "site.json").write_text(model_file)
    status, svg, ctype = browser.handle("GET", f"/api/sessions/{sid}/diagram.svg?open=3,5", "")
    assert status == 200 and ctype == "image/svg+xml"
    assert_engines_numbers(svg, nn.load(tmp_path / "site.json"), ["3", "5"])
    status, answer, _ = browser.handle("GET", f"/api/sessions/{sid}/diagram.svg?open=9", "")
    assert status == 400 and "no perceptron '9'" in json.loads(answer)["error"]
