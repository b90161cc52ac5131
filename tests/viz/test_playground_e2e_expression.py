"""The expression lab in a real headless Chromium at 1280 x 800: type an expression, step its
reverse pass (the node marked moves, KaTeX renders each formula), differentiate again, step
the second pass (each node's source marked on the graph below), switch to forward mode and
read the counts, and read the plot.  The screenshots are saved with the test's files.

The page runs under the server's Content-Security-Policy and must cause no violation of it.
"""

import contextlib

import pytest
from playground_browser import browser_page, wait
from playground_client import call

from viz import expr


def position(page):
    """(step index, pass, node) of the stepper, and the titles of the graph's marked nodes."""
    where = page.locator("#expr-position")
    marked = page.evaluate("Array.from(document.querySelectorAll('#expr-graph g.node.current "
                           "title'), (t) => t.textContent).filter((t) => !t.endsWith('op'))")
    return (int(where.get_attribute("data-step")), where.get_attribute("data-pass"),
            where.get_attribute("data-node"), marked)


def step_through(page, total, start):
    """Press → from step ``start`` to the last of ``total``; the steps seen."""
    seen = []
    for k in range(start, total):
        wait(page, f"document.getElementById('expr-position').dataset.step === '{k}'")
        seen.append(position(page))
        assert page.locator("#expr-formulas .formula .katex").count() >= 1
        page.keyboard.press("ArrowRight")
    return seen


@contextlib.contextmanager
def lab(server):
    """A page of ``server`` at 1280 x 800 with the expression lab open and drawn."""
    with browser_page() as page:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(server.url)
        page.wait_for_selector("#status[data-state=ready]")
        page.click("#expression-tab")
        wait(page, "document.querySelector('#expr-graph svg') !== null")
        yield page


def values(page):
    return page.locator("#expr-values").inner_text()


def test_a_learner_differentiates_x_cubed_twice_and_steps_both_passes(server, tmp_path):
    port = server.server_address[1]
    with lab(server) as page:
        assert page.locator("main").is_hidden()

        page.fill("#expr-text", "x * x * x")
        page.fill("input[type=number][data-variable=x]", "3")
        page.press("input[type=number][data-variable=x]", "Enter")
        wait(page, "document.getElementById('expr-values').textContent.includes('f = 27.00')")
        assert values(page) == "f = 27.00\nf_x = 27.00"
        expected = call(port, "POST", "/api/expression",
                        {"text": "x * x * x", "at": {"x": 3.0}, "wrt": ["x"], "order": 1,
                         "mode": "reverse", "sweep": "x",
                         "plot": {"var": "x", "from": -3, "to": 3, "points": 121}})[1]
        forward, backward = expected["forward"][0], expected["steps"][0]
        total = len(forward) + len(backward)
        assert page.locator("#expr-position").inner_text().startswith(f"step 1 of {total}")
        seen = step_through(page, total, 0)
        assert [(p, node) for _, p, node, _ in seen] == \
            [("forward", s["node"]) for s in forward] + [("backward", s["node"]) for s in backward]
        assert [marked for *_, marked in seen] == [[s["id"]] for s in forward + backward]
        page.screenshot(path=str(tmp_path / "expression-reverse.png"))

        page.click("#expr-again")  # d/dx again: the graph of f_xx, its passes
        wait(page, "document.getElementById('expr-values').textContent.includes('f_xx')")
        assert values(page) == "f = 27.00\nf_x = 27.00\nf_xx = 18.00"
        assert page.locator("#expr-tabs button[aria-selected=true]").inner_text() == "f_xx"
        second = call(port, "POST", "/api/expression",
                      {"text": "x * x * x", "at": {"x": 3.0}, "wrt": ["x", "x"], "order": 2})[1]
        forward, backward = second["forward"][2], second["steps"][2]
        total = len(forward) + len(backward)
        page.locator("#expr-graph").click(position={"x": 1, "y": 1})  # focus off the inputs
        seen = step_through(page, total, 0)
        sources = second["sources"][2]
        for (_, _, node, marked), step in zip(seen, forward + backward, strict=True):
            assert (node, marked) == (step["node"], [step["id"]])
            assert sources[step["id"]]  # every node of f_xx came from a node of f_x
        page.keyboard.press("ArrowLeft")  # back to a step whose source is marked below
        wait(page, f"document.getElementById('expr-position').dataset.step === '{total - 2}'")
        marked_below = page.evaluate("Array.from(document.querySelectorAll('#expr-below "
                                     "g.node.source title'), (t) => t.textContent)")
        assert marked_below == [sources[backward[-2]["id"]]]
        page.screenshot(path=str(tmp_path / "expression-second.png"))

        assert page.locator("#expr-plot polyline.order-0").count() >= 1
        assert page.locator("#expr-plot polyline.order-2").count() >= 1
        assert page.locator("#expr-plot circle.point").count() == 3

        page.select_option("#expr-mode", "forward")
        wait(page, "document.getElementById('expr-counts').textContent.includes('forward mode')")
        wait(page, "document.getElementById('expr-position').dataset.step === '0'")
        page.keyboard.press("End")
        counts = page.locator("#expr-counts").inner_text()
        assert "forward mode: 1 sweep (one per variable, 1)" in counts
        assert "this sweep's result: d/dx = 6.000" in counts  # f_xx's sweep gives f_xxx
        page.screenshot(path=str(tmp_path / "expression-forward.png"))


def test_bad_text_shows_the_parsers_message_and_keeps_the_graph(server):
    with lab(server) as page:
        page.fill("#expr-text", "tanh(w * x ^ 2)")
        wait(page, "document.getElementById('expr-error').textContent !== ''")
        with pytest.raises(expr.ExpressionError) as refused:
            expr.parse("tanh(w * x ^ 2)")
        assert page.locator("#expr-error").inner_text() == str(refused.value)
        assert page.locator("#expr-graph svg").count() == 1
        page.fill("#expr-text", "sigmoid(a * x)")  # a new variable gets a slider
        wait(page, "document.querySelector('input[data-variable=a]') !== null")
        wait(page, "document.getElementById('expr-error').textContent === ''")
        assert page.locator("#expr-variables label").count() == 2


def test_the_static_site_runs_the_lab_in_the_browser(tmp_path_factory):
    """The same lab on the static site: its engine is Python under Pyodide in a Web Worker
    (no NumPy) and its graphs are drawn by Graphviz in WebAssembly."""
    from playground_client import serving_folder

    from viz.playground import site

    folder = tmp_path_factory.mktemp("site")
    site.build(folder)
    with serving_folder(folder) as url, browser_page() as page:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector("#status[data-state=ready]", timeout=90_000)
        page.click("#expression-tab")
        wait(page, "document.querySelector('#expr-graph svg g.node') !== null")
        page.fill("#expr-text", "x * x * x")
        page.fill("input[type=number][data-variable=x]", "3")
        page.press("input[type=number][data-variable=x]", "Enter")
        wait(page, "document.getElementById('expr-values').textContent.includes('f = 27.00')")
        page.click("#expr-again")
        page.click("#expr-again")
        wait(page, "document.getElementById('expr-values').textContent.includes('f_xxx')")
        assert values(page) == "f = 27.00\nf_x = 27.00\nf_xx = 18.00\nf_xxx = 6.000"
        page.keyboard.press("End")
        wait(page, "document.getElementById('expr-position').dataset.pass === 'backward'")
        assert page.locator("#expr-formulas .formula .katex").count() >= 1
        assert page.locator("#expr-below g.node.source").count() == 1
        page.screenshot(path=str(tmp_path_factory.getbasetemp() / "expression-site.png"))
