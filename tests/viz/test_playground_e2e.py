"""The playground in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

A user's session: clear the preset, click red and shift-click blue points, choose the
2-5-1 network, press play, pause, and see the loss fall, the heatmap change and the
weights on the diagram; select a point and read its deltas; export the model, reset,
and import it back.  The screenshot is saved with the test's files; with
UPDATE_SCREENSHOT=1 it also replaces the README's docs/playground.png.
Another site (a second server on another loopback port) tries the attacks of issue
12 while the user's page keeps its session, and a page whose session expired brings
it back.  Every page runs under the server's Content-Security-Policy and must cause
no violation of it.  Every wait is for a condition on the page, never a fixed sleep.
"""

import contextlib
import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path

import pytest
from playground_client import Clock, call, serving
from playwright.sync_api import sync_playwright

import nn
from viz.playground.store import Store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "playground.png"

RED = [(-0.6, 0.6), (-0.4, 0.7), (-0.7, 0.4), (0.6, -0.6), (0.4, -0.7), (0.7, -0.4)]
BLUE = [(0.6, 0.6), (0.4, 0.7), (0.7, 0.4), (-0.6, -0.6), (-0.4, -0.7), (-0.7, -0.4)]


@pytest.fixture(scope="module")
def url():
    with serving() as server:
        yield server.url


@pytest.fixture
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000},
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


def pixel(x, y):
    """Canvas position (400 x 400) of the plane point (x, y)."""
    return {"x": (x + 1) / 2 * 400, "y": (1 - y) / 2 * 400}


def text(page, selector):
    return page.locator(selector).inner_text()


def settled(page):
    """Wait until the diagram shows the latest view (no request still changing it)."""
    wait(page, "document.getElementById('diagram').dataset.version"
                           " === document.body.dataset.version")


def colour_at(page, x, y):
    p = pixel(x, y)
    return page.evaluate(f"Array.from(document.getElementById('plane').getContext('2d')"
                         f".getImageData({p['x']}, {p['y']}, 1, 1).data.slice(0, 3))")


def start_with_points(page, url, red, blue=()):
    """Open the page, clear the preset, click the ``red`` points and shift-click the ``blue``."""
    page.goto(url)
    page.wait_for_selector("#status[data-state=ready]")
    wait(page, "document.getElementById('point-count').textContent !== '0'")
    page.click("#clear")
    wait(page, "document.getElementById('point-count').textContent === '0'")
    for x, y in red:
        page.click("#plane", position=pixel(x, y))
    for x, y in blue:
        page.click("#plane", position=pixel(x, y), modifiers=["Shift"])
    wait(page, f"document.getElementById('point-count').textContent === "
               f"'{len(red) + len(blue)}'")


def test_a_user_trains_the_seeds_network_in_the_browser(page, url, tmp_path):
    start_with_points(page, url, RED, BLUE)
    assert colour_at(page, *RED[0]) == [214, 39, 40]  # red points
    assert colour_at(page, *BLUE[0]) == [31, 95, 191]  # blue points
    page.click("#plane", position=pixel(0.0, 0.05))
    wait(page, "document.getElementById('point-count').textContent === '13'")
    page.click("#plane", position=pixel(0.02, 0.0), button="right")  # removes the nearest
    wait(page, "document.getElementById('point-count').textContent === '12'")
    assert colour_at(page, 0.0, 0.05) != [214, 39, 40]

    page.select_option("#model", "perceptron")
    wait(page, "document.getElementById('diagram').textContent.includes('x')"
                           " && !document.getElementById('diagram').textContent.includes('in_x')")
    page.select_option("#model", "tutorial")  # the seed's 2-5-1 network
    wait(page, "document.getElementById('diagram').textContent.includes('in_x')")
    settled(page)
    loss_before = float(text(page, "#loss-value"))
    heatmap_before = page.evaluate("document.getElementById('plane').toDataURL()")

    page.click("#play")
    page.wait_for_selector("#status[data-state=training]")
    wait(page, "Number(document.getElementById('epoch').textContent) >= 300")
    page.click("#play")
    page.wait_for_selector("#status[data-state=ready]")
    settled(page)
    loss_after = float(text(page, "#loss-value"))
    assert loss_after < loss_before
    assert page.evaluate("document.getElementById('plane').toDataURL()") != heatmap_before
    labels = page.evaluate("Array.from(document.querySelectorAll('#diagram svg text'),"
                           " t => t.textContent)")
    weights = [t for t in labels if re.fullmatch(r"-?\d+\.\d{4}", t)]
    assert len(weights) >= 21  # every weight of the 2-5-1 network on its edge
    assert "δ" not in " ".join(labels)

    page.check("input[value=select]")
    page.click("#plane", position=pixel(*RED[0]))
    page.wait_for_selector("#trace-units")
    rows = page.locator("#trace-units tr").all_inner_texts()
    assert rows[0].split("\t")[:4] == ["node", "s_j", "z_j", "δ_j = ∂E/∂s_j"]
    assert [row.split("\t")[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert all(re.fullmatch(r"-?\d\.\d{2}e[-+]\d+|-?\d+\.\d{4}", row.split("\t")[3])
               for row in rows[1:])
    settled(page)
    assert "δ" in page.locator("#diagram").text_content()  # the diagram shows delta_j too

    with page.expect_download() as download:
        page.click("#export-model")
    saved = tmp_path / "model.json"
    download.value.save_as(saved)
    model = nn.load(saved)
    assert type(model).__name__ == "Network" and len(model.parameters()) == 21
    assert f"{model.bias('6').data:.4f}" in page.locator("#diagram").text_content()
    page.screenshot(path=str(tmp_path / "playground.png"), full_page=True)
    assert (tmp_path / "playground.png").stat().st_size > 10_000
    if os.environ.get("UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOT), full_page=True)

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
    wait(page, "document.getElementById('error').textContent.includes('lr')")
    assert text(page, "#error") == "settings.lr must be between 0.0001 and 10, got 50"
    assert page.locator("#lr").input_value() == "0.5"  # the form shows what is in effect


# -- other pages, lost sessions ------------------------------------------------------------


ATTACK = """<!doctype html><title>another site</title>
<script>
const target = "%s";
window.results = [];
(async () => {
  for (let i = 0; i < 70; i++) {  // the issue's attack: simple requests, no preflight
    try {
      await fetch(`${target}/api/sessions`, { mode: "no-cors", method: "POST",
        headers: { "Content-Type": "text/plain" }, body: "{}" });
      window.results.push("sent");
    } catch (error) {
      window.results.push("failed");
    }
  }
  try {  // a JSON request needs a preflight, which the playground never grants
    await fetch(`${target}/api/sessions/%s/points`, { method: "POST",
      headers: { "Content-Type": "application/json" }, body: '{"points": []}' });
    window.results.push("answered");
  } catch (error) {
    window.results.push("blocked");
  }
  window.done = true;
})();
</script>
<iframe src="%s/" onload="window.framed = true"></iframe>
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def another_site(folder):
    """A second web server on another loopback port (another origin), serving ``folder``."""
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                           functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}"
    finally:
        site.shutdown()
        site.server_close()


def session_id(page):
    return page.locator("#export-model").get_attribute("href").split("/")[3]


def test_another_site_cannot_create_sessions_or_frame_the_page(page, tmp_path):
    with serving(Store(limit=2)) as server, another_site(tmp_path) as site:
        start_with_points(page, server.url, RED[:3])
        sid = session_id(page)
        (tmp_path / "attack.html").write_text(ATTACK % (server.url.rstrip("/"), sid,
                                                        server.url.rstrip("/")))
        attacker = page.context.new_page()
        attacker.goto(f"{site}/attack.html")
        wait(attacker, "window.done === true && window.framed === true")
        assert attacker.evaluate("window.results.slice(-1)") == ["blocked"]
        assert all(frame.query_selector("#plane") is None for frame in attacker.frames)
        attacker.close()

        page.click("#plane", position=pixel(*RED[3]))  # the user's tab goes on
        wait(page, "document.getElementById('point-count').textContent === '4'")
        assert session_id(page) == sid and text(page, "#error") == ""
        port = server.server_address[1]
        assert call(port, "POST", "/api/sessions", {})[0] == 201  # the one free place
        assert call(port, "POST", "/api/sessions", {})[0] == 503


def test_a_page_whose_session_expired_brings_it_back(page, tmp_path):
    clock = Clock()
    with serving(Store(idle_seconds=60, clock=clock)) as server:
        start_with_points(page, server.url, RED[:2], BLUE[:2])
        for _ in range(4):  # one sequential epoch over the 4 points
            page.click("#step")
        wait(page, "document.getElementById('epoch').textContent === '1'")
        settled(page)
        wait(page, "document.body.dataset.kept === document.body.dataset.version")
        sid, epoch = session_id(page), text(page, "#epoch")
        port = server.server_address[1]
        points = call(port, "GET", f"/api/sessions/{sid}")[1]["points"]
        weights = call(port, "GET", f"/api/sessions/{sid}/model.json")[1]["parameters"]
        clock.now += 61  # a minute without requests: the server drops the session

        page.click("#plane", position=pixel(*BLUE[2]), modifiers=["Shift"])
        wait(page, "document.getElementById('point-count').textContent === '5'")
        settled(page)
        assert session_id(page) != sid and text(page, "#error") == ""
        assert call(port, "GET", f"/api/sessions/{sid}")[0] == 404
        view = call(port, "GET", f"/api/sessions/{session_id(page)}")[1]
        assert view["points"][:4] == points and view["points"][4][2] == 1
        assert text(page, "#epoch") == epoch
        served = call(port, "GET", f"/api/sessions/{session_id(page)}/model.json")[1]
        assert served["parameters"] == weights
