"""The learner's lab in a real headless Chromium at 1280 x 800: predict first on the 2-5-1
network (a wrong number earns the formula in symbols, the right one shows the step and
counts in the score; an exercise given up), and perceptron 3 opened in place and stepped
through operation by operation, then closed.

Every number the test compares is the engine's (the explain answer, the diagram's
operations); the screenshots are saved with the test's files (``LAB_SHOTS`` names a folder
to copy them to; with UPDATE_SCREENSHOT=1 one of them replaces a figure of the docs).
"""

from playground_browser import (
    BLUE,
    RED,
    browser_page,
    pixel,
    screenshot,
    settled,
    start_with_points,
    view_of,
    wait,
)
from playground_client import act

from autograd import format_number


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
        screenshot(page, tmp_path, "predict-hint")
        page.fill("#predict-answer", format_number(line["result"]))
        page.click("#predict-check")
        wait(page, "document.querySelectorAll('#predict-hints .verdict').length === 2")
        assert verdicts(page).last.get_attribute("data-kind") == "right"
        wait(page, "document.querySelector('#explain-formulas .katex') !== null")
        score = page.locator("#predict-score")
        assert (score.get_attribute("data-first-try"), score.get_attribute("data-after-hints")) \
            == ("0", "1")
        screenshot(page, tmp_path, "predict-right")

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
        screenshot(page, tmp_path, "predict-exercise")


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
                screenshot(page, tmp_path, "open-3-sum")
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
        screenshot(page, tmp_path, "open-3-backward")
        page.click('#diagram g[data-open="3"] > text')  # its name on the outline: close it
        wait(page, "document.querySelector('#diagram g[data-open]') === null")
        wait(page, f"document.getElementById('explain-position').textContent.includes("
                   f"'of {total}:')")
        assert page.locator("#diagram g.node:has(> title:text-is('u2'))").count() == 1
