"""Headless Chromium for the playground tests (Debian's ``chromium``, driven by Playwright),
and waits that work under the page's Content-Security-Policy."""

import contextlib
import json
import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RED = [(-0.6, 0.6), (-0.4, 0.7), (-0.7, 0.4), (0.6, -0.6), (0.4, -0.7), (0.7, -0.4)]
BLUE = [(0.6, 0.6), (0.4, 0.7), (0.7, 0.4), (-0.6, -0.6), (-0.4, -0.7), (-0.7, -0.4)]


@contextlib.contextmanager
def browser_page():
    """A page of a fresh headless Chromium; on leaving, no script error and no violation
    of the Content-Security-Policy may have happened on it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800},
                                      accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors, console = [], []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: console.append(message.text))
        yield page
        print("browser console:", *console, sep="\n  ")  # shown when the test fails
        print("error shown on the page:", page.locator("#error").text_content())
        browser.close()
        assert errors == []
        assert [m for m in console if "Content Security Policy" in m] == []


WAIT = """() => new Promise((resolve, reject) => {
  const end = Date.now() + 20000;
  const check = () => {
    if (%s) resolve(true);
    else if (Date.now() > end) reject(new Error("timed out waiting for " + %s));
    else setTimeout(check, 10);
  };
  check();
})"""


def wait(page, condition):
    """Wait until the JavaScript ``condition`` holds on the page (checked every 10 ms, 20 s at
    most).  Playwright's wait_for_function evaluates text with eval, which the page's
    Content-Security-Policy forbids; this function is compiled by the browser's debugger."""
    page.evaluate(WAIT % (condition, json.dumps(condition)))


PLANE_CSS = 300
"""The plane's side on the page, in CSS px (its canvas has 400 x 400 pixels)."""


def pixel(x, y, side=PLANE_CSS):
    """Position of the plane point (x, y) on the plane shown on the page (``side``: 400
    for the canvas's own pixels)."""
    return {"x": (x + 1) / 2 * side, "y": (1 - y) / 2 * side}


def colour_at(page, x, y):
    """[r, g, b] of the plane's canvas at the plane point (x, y)."""
    p = pixel(x, y, 400)
    return page.evaluate(f"Array.from(document.getElementById('plane').getContext('2d')"
                         f".getImageData({p['x']}, {p['y']}, 1, 1).data.slice(0, 3))")


def view_of(page, server):
    """The page's session view, read from the server (its id is in the export links)."""
    from playground_client import call

    sid = page.evaluate("document.getElementById('export-model').href.split('/')[5]")
    return call(server.server_address[1], "GET", f"/api/sessions/{sid}")[1]


def text(page, selector):
    """The text shown by the element ``selector``."""
    return page.locator(selector).inner_text()


def settled(page):
    """Wait until the diagram shows the latest view (no request still changing it)."""
    wait(page, "document.getElementById('diagram').dataset.version"
               " === document.body.dataset.version")


def start_with_points(page, url, red, blue=()):
    """Open the page, clear the preset, click the ``red`` points and shift-click the ``blue``."""
    page.goto(url)
    page.wait_for_selector("#status[data-state=ready]")
    place_points(page, red, blue)


def place_points(page, red, blue=()):
    """On a page that is ready: clear the points, click the ``red`` ones and shift-click the
    ``blue``."""
    wait(page, "document.getElementById('point-count').textContent !== '0'")
    page.click("#clear")
    wait(page, "document.getElementById('point-count').textContent === '0'")
    for x, y in red:
        page.click("#plane", position=pixel(x, y))
    for x, y in blue:
        page.click("#plane", position=pixel(x, y), modifiers=["Shift"])
    wait(page, f"document.getElementById('point-count').textContent === "
               f"'{len(red) + len(blue)}'")


def plane_image(page):
    """The plane's canvas (heatmap and points) as a data URL."""
    return page.evaluate("document.getElementById('plane').toDataURL()")


def play_until(page, epochs, during=None):
    """Press play, call ``during()`` (if given) while it trains, wait until the epoch counter
    reaches ``epochs``, pause, and wait until the page shows the latest view."""
    page.click("#play")
    page.wait_for_selector("#status[data-state=training]")
    if during is not None:
        during()
    wait(page, f"Number(document.getElementById('epoch').textContent) >= {epochs}")
    page.click("#play")
    page.wait_for_selector("#status[data-state=ready]")
    settled(page)


DOCS = Path(__file__).resolve().parents[1] / "docs"
FIGURES = {"open-3-sum": "playground_open.png", "wire-loop-refused": "playground_wired.png"}
"""The screenshots of the learner's lab that docs/playground.md shows (replaced with
UPDATE_SCREENSHOT=1)."""


def screenshot(page, tmp_path, name):
    """A screenshot of the window (the pointer out of the way), kept with the test (and in
    LAB_SHOTS if set; in docs/ with UPDATE_SCREENSHOT=1 for the figures of the docs)."""
    page.mouse.move(1, 790)
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("LAB_SHOTS"):
        shutil.copy(path, os.environ["LAB_SHOTS"])
    if os.environ.get("UPDATE_SCREENSHOT") and name in FIGURES:
        shutil.copy(path, DOCS / FIGURES[name])
