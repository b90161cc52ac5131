"""diagram.svg?open= in the static site: answered by the page's worker under Pyodide and
drawn by its Graphviz in WebAssembly, with the engine's numbers (checked as in
test_network_open.py) and the operations tagged ``data-op``."""

import json

import playground_browser as browser
import pytest
from opened import expected, operations
from playground_client import points, serving_folder

import nn
from autograd.display import format_number
from nn import datasets
from viz.playground import site

X, Y = datasets.moons(20, seed=5)

SEND = """async ([method, url, body]) => {
  const { send } = await import(new URL("static/engine.js", document.baseURI).href);
  return await send(method, url, body);
}"""
"""One request to the page's engine (the worker), as the page itself sends it."""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    site.build(folder)
    with serving_folder(folder) as url, browser.browser_page() as page:
        page.goto(url)
        page.wait_for_selector("#status[data-state=ready]", timeout=90_000)
        yield page


def send(page, method, url, body=None):
    answer = page.evaluate(SEND, [method, url, None if body is None else json.dumps(body)])
    return answer["status"], answer["text"]


def test_the_sites_worker_draws_opened_perceptrons_with_the_engines_numbers(page, tmp_path):
    status, text = send(page, "POST", "/api/sessions", {"points": points(X, Y)})
    assert status == 201, text
    sid = json.loads(text)["id"]
    assert send(page, "POST", f"/api/sessions/{sid}/select", {"index": 3})[0] == 200
    (tmp_path / "model.json").write_text(send(page, "GET", f"/api/sessions/{sid}/model.json")[1])
    model = nn.load(tmp_path / "model.json")
    status, svg = send(page, "GET", f"/api/sessions/{sid}/diagram.svg?open=3,6")
    assert status == 200 and "<svg" in svg
    shown = operations(svg)
    for name in ("3", "6"):
        for tag, (value, gradient) in expected(model, name, list(X[3]), Y[3]).items():
            assert shown[tag][-2:] == [format_number(value), f"grad {format_number(gradient)}"]
        assert f'data-open="{name}"' in svg and f'data-op="{name}:s"' in svg
    assert svg.count("data-param=") == 21
    status, text = send(page, "GET", f"/api/sessions/{sid}/diagram.svg?open=3,x")
    assert status == 400 and "no perceptron 'x'" in json.loads(text)["error"]
