"""The learner's lab in a real headless Chromium at 1280 x 800: predict first on the 2-5-1
network (a wrong number earns the formula in symbols, the right one shows the step and
counts in the score; an exercise given up), perceptron 3 opened in place and stepped
through operation by operation, then closed; and the learner's own network wired by drag
(a skip link in_y -> out), trained, and a loop refused in the page's words.

Every number the test compares is the engine's (the explain answer, the diagram's
operations); the screenshots are saved with the test's files (``LAB_SHOTS`` names a folder
to copy them to; with UPDATE_SCREENSHOT=1 two of them replace the docs' figures).
"""

import os
import shutil
from pathlib import Path

import pytest
from playground_browser import (
    BLUE,
    RED,
    browser_page,
    pixel,
    play_until,
    settled,
    start_with_points,
    view_of,
    wait,
)
from playground_client import act, serving

import nn
from autograd import format_number


@pytest.fixture(scope="module")
def server():
    with serving() as running:
        yield running


DOCS = Path(__file__).resolve().parents[2] / "docs"
FIGURES = {"open-3-sum": "playground_open.png", "wire-loop-refused": "playground_wired.png"}
"""The screenshots docs/playground.md shows, replaced with UPDATE_SCREENSHOT=1."""


def shot(page, tmp_path, name):
    """A screenshot of the window (the pointer out of the way), kept with the test (and in
    LAB_SHOTS if set; in docs/ with UPDATE_SCREENSHOT=1 for the figures of the docs)."""
    page.mouse.move(1, 790)
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("LAB_SHOTS"):
        shutil.copy(path, os.environ["LAB_SHOTS"])
    if os.environ.get("UPDATE_SCREENSHOT") and name in FIGURES:
        shutil.copy(path, DOCS / FIGURES[name])


def traced(page, server):
    """The 2-5-1 network with the first red point selected; its explain answer."""
    start_with_points(page, server.url, RED, BLUE)
    page.select_option("#model", "tutorial")
    settled(page)
    page.check("input[value=select]")
    page.click("#plane", position=pixel(*RED[0]))
    wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
    settled(page)
    view = view_of(page, server)
    return view, act(server.server_address[1], view["id"], "explain", {})


def to_step(page, step):
    """Press next until the panel shows step ``step`` of its list."""
    while int(page.locator("#explain-position").get_attribute("data-step")) < step:
        page.click("#explain-next")


def own_line(step):
    """The step's own line (z_j forward), as the check grades it by default."""
    return next(f for f in step["formulas"] if f["lhs"].startswith("z_"))


def verdicts(page):
    return page.locator("#predict-hints .verdict")


def test_predict_first_hints_and_score(server, tmp_path):
    with browser_page() as page:
        _, explained = traced(page, server)
        page.check("#predict-first")
        to_step(page, 2)  # perceptron 1's forward step (the inputs are the point's own)
        wait(page, "document.getElementById('predict-question').dataset.question === 'step'")
        assert page.locator("#explain-formulas .formula").count() == 0  # hidden until solved
        assert page.locator("#trace").evaluate("(el) => getComputedStyle(el).visibility") \
            == "hidden"
        line = own_line(explained["steps"][2])
        assert page.locator("#predict-question .formula").get_attribute("data-tex").startswith(
            "z_{1} =")
        page.fill("#predict-answer", format_number(line["result"] + 0.25))
        page.click("#predict-check")
        wait(page, "document.querySelectorAll('#predict-hints .verdict').length === 1")
        assert verdicts(page).first.get_attribute("data-kind") == "wrong"
        hint = page.locator("#predict-hints .formula").first.get_attribute("data-tex")
        assert hint.replace(" ", "") == f"{line['lhs']} = {line['symbols']}".replace(" ", "")
        shot(page, tmp_path, "predict-hint")
        page.fill("#predict-answer", format_number(line["result"]))
        page.click("#predict-check")
        wait(page, "document.querySelectorAll('#predict-hints .verdict').length === 2")
        assert verdicts(page).last.get_attribute("data-kind") == "right"
        wait(page, "document.querySelector('#explain-formulas .katex') !== null")
        score = page.locator("#predict-score")
        assert (score.get_attribute("data-first-try"), score.get_attribute("data-after-hints")) \
            == ("0", "1")
        shot(page, tmp_path, "predict-right")

        page.click("#explain-next")  # perceptron 2: right at once
        wait(page, "document.getElementById('explain-position').dataset.step === '3'")
        wait(page, "document.getElementById('predict-hints').childElementCount === 0"
                   " && !document.getElementById('predict').hidden")
        page.fill("#predict-answer", format_number(own_line(explained["steps"][3])["result"]))
        page.keyboard.press("Enter")
        wait(page, "document.getElementById('predict-score').dataset.firstTry === '1'")

        page.select_option("#exercise-kind", "delta")
        page.click("#exercise-new")
        wait(page, "document.getElementById('predict-question').dataset.question === 'delta'")
        assert "hidden" in page.locator("#predict-question").inner_text()
        page.click("#predict-give-up")
        wait(page, "document.getElementById('predict-score').dataset.givenUp === '1'")
        assert verdicts(page).last.get_attribute("data-kind") == "shown"
        shot(page, tmp_path, "predict-exercise")


def op_texts(page, op):
    """The texts of the diagram's operation node ``op`` (its name, value and gradient)."""
    return page.locator(f'#diagram g[data-op="{op}"] text').all_text_contents()


def test_open_perceptron_3_step_through_its_operations_and_close_it(server, tmp_path):
    with browser_page() as page:
        _, explained = traced(page, server)
        total = len(explained["steps"])
        page.click("#diagram g.node:has(> title:text-is('u2'))")  # perceptron 3
        wait(page, "document.querySelector('#diagram g[data-open=\"3\"]') !== null")
        settled(page)
        wait(page, f"!document.getElementById('explain-position').textContent.includes("
                   f"'of {total}:')")
        ops = page.evaluate("Array.from(document.querySelectorAll('#diagram g[data-op]'),"
                            " (g) => g.dataset.op)")
        assert ops[-2:] == ["3:s", "3:z"] and len(ops) == 5  # w_0 a_0, two products, s, z
        forward = []
        while len(forward) < 5:
            page.click("#explain-next")
            op = page.locator("#explain-position").get_attribute("data-op")
            if not op:
                continue
            forward.append(op)
            assert page.locator("#diagram g.current").get_attribute("data-op") == op
            value = page.locator("#explain-formulas .formula").last.get_attribute("data-tex")
            assert value.endswith(op_texts(page, op)[-2].split()[-1])  # the node's value
            if op == "3:s":
                shot(page, tmp_path, "open-3-sum")
        assert forward == ops
        backward = []
        while len(backward) < 5:
            page.click("#explain-next")
            op = page.locator("#explain-position").get_attribute("data-op")
            if op:
                backward.append(op)
                shown = page.locator("#explain-formulas .formula").first.get_attribute("data-tex")
                assert shown.endswith(op_texts(page, op)[-1].split()[-1])  # its gradient
        assert backward == ["3:z", "3:s", *ops[:3]]
        shot(page, tmp_path, "open-3-backward")
        page.click('#diagram g[data-open="3"] > text')  # its name on the outline: close it
        wait(page, "document.querySelector('#diagram g[data-open]') === null")
        wait(page, f"document.getElementById('explain-position').textContent.includes("
                   f"'of {total}:')")
        assert page.locator("#diagram g.node:has(> title:text-is('u2'))").count() == 1


def centre(page, name):
    """The centre of the diagram's node ``name`` (found by its first text, the name)."""
    box = page.locator("#diagram g.node").filter(
        has=page.locator(f"xpath=./*[local-name()='text'][1][normalize-space()='{name}']")
    ).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, source, target):
    """Drag a link on the diagram from node ``source`` to node ``target``."""
    (x, y), (u, v) = centre(page, source), centre(page, target)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move((x + u) / 2, (y + v) / 2, steps=4)
    page.mouse.move(u, v, steps=4)
    page.mouse.up()


def test_own_network_wired_by_drag_trained_and_a_loop_refused(server, tmp_path):
    with browser_page() as page:
        start_with_points(page, server.url, RED, BLUE)
        page.select_option("#model", "network")
        wait(page, "!document.getElementById('wiring').hidden")
        settled(page)
        assert page.locator("#model option:checked").inner_text() == "your own network"
        page.click("#wire-add")
        wait(page, "document.getElementById('diagram').textContent.includes('h1')")
        settled(page)
        drag(page, "in_y", "out")  # a skip link from an input to the output
        wait(page, "document.querySelector('#diagram [data-param=\"w[in_y->out]\"]') !== null")
        settled(page)
        view = view_of(page, server)
        assert ["in_y", "out"] in view["settings"]["edges"]
        assert ["h1", "out"] in view["settings"]["edges"]
        page.mouse.click(*centre(page, "h1"))  # a click on a perceptron: its activation
        assert page.locator("#wire-node-name").inner_text() == "perceptron h1"
        page.select_option("#wire-activation", "tanh")
        for _ in range(100):
            if view_of(page, server)["settings"]["activations"].get("h1") == "tanh":
                break
            page.wait_for_timeout(50)
        assert view_of(page, server)["settings"]["activations"]["h1"] == "tanh"
        settled(page)
        shot(page, tmp_path, "wire-skip-link")
        before = view_of(page, server)["loss"]
        play_until(page, 30)
        trained = view_of(page, server)
        assert trained["loss"] < before

        drag(page, "out", "a")  # a -> out is there: out -> a closes a loop
        wait(page, "document.getElementById('wire-message').textContent !== ''")
        said = page.locator("#wire-message").inner_text()
        assert "The link out → a is refused" in said and "loop a → out → a" in said
        assert view_of(page, server)["settings"]["edges"] == trained["settings"]["edges"]
        shot(page, tmp_path, "wire-loop-refused")

        page.locator('#diagram a[data-param="w[in_y->out]"] path.hit').dispatch_event(
            "click")  # a click on a link (its middle is under h1's map here): delete it
        page.keyboard.press("Escape")  # (the weight's own editor opened too)
        wait(page, "document.getElementById('wire-delete-link').textContent"
                   " === 'delete link in_y → out'")
        page.click("#wire-delete-link")
        wait(page, "document.querySelector('#diagram [data-param=\"w[in_y->out]\"]') === null")
        assert ["in_y", "out"] not in view_of(page, server)["settings"]["edges"]

        page.check("input[value=select]")  # the trace and explain work on it
        page.click("#plane", position=pixel(*BLUE[0]))
        wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
        assert "out" in page.locator("#trace").inner_text()
        page.select_option("#exercise-kind", "dE/dw")  # and an exercise on it
        page.click("#exercise-new")
        wait(page, "document.getElementById('predict-question').dataset.question === 'dE/dw'")
        page.click("#predict-give-up")
        wait(page, "document.getElementById('predict-score').dataset.givenUp === '1'")
        wired = view_of(page, server)["settings"]
        with page.expect_download() as download:  # the file nn.Network writes
            page.click("#export-model")
        download.value.save_as(tmp_path / "model.json")
        model = nn.load(tmp_path / "model.json")
        assert sorted([source, u.name] for u in model.units() for source in u.sources) == \
            sorted(wired["edges"])
        page.click("#make-link")
        wait(page, "document.getElementById('link').value.includes('#state=')")
        link = page.locator("#link").input_value()
        page.goto("about:blank")
        page.goto(link)  # the state link brings the same network back
        page.wait_for_selector("#status[data-state=ready]")
        settled(page)
        back = view_of(page, server)["settings"]
        assert (back["model"], sorted(back["edges"]), back["activations"]) == \
            ("network", sorted(wired["edges"]), wired["activations"])
        assert not page.locator("#wiring").is_hidden()
