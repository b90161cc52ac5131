"""The playground in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

A user's session: clear the preset, click red and shift-click blue points, choose the
2-5-1 network, press play, pause, and see the loss fall, the heatmap change and the
weights on the diagram; select a point and read its deltas (every text of the diagram at
least 11 px tall in a window of 1280 x 800); export the model, reset, and import it back.
The screenshot is saved with the test's files; with UPDATE_SCREENSHOT=1 it also replaces
the README's docs/playground.png.
Every page runs under the server's Content-Security-Policy and must cause no
violation of it (see test_playground_e2e_safety.py for other sites and lost
sessions).  Every wait is for a condition on the page, never a fixed sleep.
"""

import json
import os
import re
from pathlib import Path

import pytest
from playground_browser import (
    BLUE,
    RED,
    colour_at,
    pixel,
    plane_image,
    play_until,
    settled,
    start_with_points,
    text,
    view_of,
    wait,
)

import nn
from autograd.display import format_number

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "playground.png"
TEXT_HEIGHTS = """Array.from(document.querySelectorAll('#diagram svg text'),
  (t) => [t.textContent, t.getBoundingClientRect().height])"""
"""[text, rendered height in CSS px] of every text of the diagram."""

NUMBER = r"-?\d\.\d{3}e[-+]\d{2}|-?0\.0*[1-9]\d{3}|-?[1-9][\d.]{4}"
"""A number as autograd.format_number writes it: 4 significant digits (2.712e-05, -0.2311,
14.60, 1234)."""


@pytest.fixture(scope="module")
def url(server):
    return server.url


def test_a_user_trains_the_tutorials_network_in_the_browser(page, server, url, tmp_path):
    start_with_points(page, url, RED, BLUE)
    placed = view_of(page, server)
    training = [p for k, p in enumerate(placed["points"]) if k not in placed["test_points"]]
    for label, colour in ((0, [214, 39, 40]), (1, [31, 95, 191])):  # filled red, blue points
        x, y, _ = next(p for p in training if p[2] == label)
        assert colour_at(page, x, y) == colour
    page.click("#plane", position=pixel(0.0, 0.05))
    wait(page, "document.getElementById('point-count').textContent === '13'")
    page.click("#plane", position=pixel(0.02, 0.0), button="right")  # removes the nearest
    wait(page, "document.getElementById('point-count').textContent === '12'")
    assert colour_at(page, 0.0, 0.05) != [214, 39, 40]

    page.select_option("#model", "perceptron")
    wait(page, "document.getElementById('diagram').textContent.includes('x')"
                           " && !document.getElementById('diagram').textContent.includes('in_x')")
    page.select_option("#model", "tutorial")  # the tutorial's 2-5-1 network
    wait(page, "document.getElementById('diagram').textContent.includes('in_x')")
    settled(page)
    loss_before = float(text(page, "#loss-value"))
    heatmap_before = plane_image(page)
    play_until(page, 300)
    assert float(text(page, "#loss-value")) < loss_before
    assert plane_image(page) != heatmap_before
    labels = page.evaluate("Array.from(document.querySelectorAll('#diagram svg text'),"
                           " t => t.textContent)")
    # Numbers as autograd.format_number writes them: 0.4885, -1.234, 2.712e-05.
    weights = [t for t in labels if re.fullmatch(r"-?\d+\.\d+(e[-+]\d+)?", t)]
    assert len(weights) >= 21  # every weight of the 2-5-1 network on its edge
    assert "δ" not in " ".join(labels)

    page.check("input[value=select]")
    page.click("#plane", position=pixel(*RED[0]))
    page.wait_for_selector("#trace-units")
    rows = page.locator("#trace-units tr").all_inner_texts()
    assert rows[0].split("\t")[:4] == ["node", "s_j", "z_j", "δ_j = ∂E/∂s_j"]
    assert [row.split("\t")[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert all(re.fullmatch(NUMBER, row.split("\t")[3]) for row in rows[1:])
    settled(page)
    assert "δ" in page.locator("#diagram").text_content()  # the diagram shows delta_j too
    heights = page.evaluate(TEXT_HEIGHTS)
    assert len(heights) >= 21 + 6 * 4 and min(h for _, h in heights) >= 11, heights
    box = page.locator("#diagram svg").bounding_box()
    assert box["width"] >= 500 and box["x"] + box["width"] <= 1280  # large, and all shown
    edge = page.locator('#diagram a[data-label="w[in_y->4]"] text')
    edge.hover()  # the selected point's dE/dw, written on no edge, is read on hover
    wait(page, "!document.getElementById('edge-tip').hidden")
    grad = next(e["grad"] for e in view_of(page, server)["trace"]["edges"]
                if (e["from"], e["to"]) == ("in_y", "4"))
    assert f"∂E/∂w[in_y->4] = {format_number(grad)}" in text(page, "#edge-tip")
    page.mouse.move(0, 0)

    with page.expect_download() as download:
        page.click("#export-model")
    saved = tmp_path / "model.json"
    download.value.save_as(saved)
    model = nn.load(saved)
    assert type(model).__name__ == "Network" and len(model.parameters()) == 21
    assert format_number(model.bias("6").data) in page.locator("#diagram").text_content()
    wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
    for _ in range(10):  # to the backward pass's node 5, as the learner sees it
        page.keyboard.press("ArrowRight")
    wait(page, "document.getElementById('explain-position').dataset.node === '5'")
    page.evaluate("window.scrollTo(0, 0)")  # the export's click scrolled down to it
    page.screenshot(path=str(tmp_path / "playground.png"))
    assert (tmp_path / "playground.png").stat().st_size > 10_000
    if os.environ.get("UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOT))

    trained_loss = text(page, "#loss-value")
    page.click("#reset")
    wait(page, f"document.getElementById('loss-value').textContent !== "
                           f"'{trained_loss}'")
    page.set_input_files("#import-model", str(saved))
    wait(page, f"document.getElementById('loss-value').textContent === "
                           f"'{trained_loss}'")
    served = page.evaluate("fetch(document.getElementById('export-model').href)"
                           ".then(r => r.json())")
    assert served["parameters"] == json.loads(saved.read_text())["parameters"]

    page.click("#make-link")
    wait(page, "document.getElementById('link').value.includes('#state=')")
    link = page.locator("#link").input_value()
    copy = page.context.browser.new_page()
    copy.goto(link)
    copy.wait_for_selector("#status[data-state=ready]")
    assert copy.locator("#point-count").inner_text() == "12"
    assert copy.locator("#model").input_value() == "tutorial"


def test_refused_input_is_explained_and_undone(page, url):
    page.goto(url + "#state=eyJ4IjogMX0")  # base64url of {"x": 1}: not a state
    page.wait_for_selector("#status[data-state=ready]")
    wait(page, "document.getElementById('point-count').textContent !== '0'")
    assert text(page, "#error") == ("the link's state was not restored (unknown field(s) x in "
                                    "state; allowed: format, version, settings, points, model, "
                                    "epochs); this "
                                    "is a new session with a preset")

    page.fill("#lr", "50")
    page.locator("#lr").dispatch_event("change")
    wait(page, "document.getElementById('error').textContent.includes('Learning rate')")
    assert text(page, "#error") == "Learning rate η must be between 0.0001 and 10, got 50"
    assert page.locator("#lr").input_value() == "0.5"  # the form shows what is in effect
