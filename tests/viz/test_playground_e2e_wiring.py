"""The learner's own network in a real headless Chromium at 1280 x 800: wired by drag on
the diagram (a perceptron added, a skip link in_y -> out, a perceptron's activation), trained,
a loop refused in the page's words, a link deleted; then the trace, an exercise, the model
file and the state link on it.

The screenshots are saved with the test's files (``LAB_SHOTS`` names a folder to copy them
to; with UPDATE_SCREENSHOT=1 one of them replaces a figure of the docs).
"""

from playground_browser import (
    BLUE,
    RED,
    browser_page,
    pixel,
    play_until,
    screenshot,
    settled,
    start_with_points,
    view_of,
    wait,
)

import nn


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
        screenshot(page, tmp_path, "wire-skip-link")
        before = view_of(page, server)["loss"]
        play_until(page, 30)
        trained = view_of(page, server)
        assert trained["loss"] < before

        drag(page, "out", "a")  # a -> out is there: out -> a closes a loop
        wait(page, "document.getElementById('wire-message').textContent !== ''")
        said = page.locator("#wire-message").inner_text()
        assert "The link out → a is refused" in said and "loop a → out → a" in said
        assert view_of(page, server)["settings"]["edges"] == trained["settings"]["edges"]
        screenshot(page, tmp_path, "wire-loop-refused")

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
