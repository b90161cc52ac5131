"""The playground in headless Chromium against another site, and with a lost session.

Another site (a second web server on another loopback port, so another origin) tries
the attacks of issue 12, sending the simple cross-origin requests that used to
create sessions and evict the user's, and framing the page, while the user's page
keeps its session.  A page whose session expired brings it back from what it holds.
"""

import playground_browser as browser
from playground_client import Clock, call, serving, serving_folder

from viz.playground.api.sessions import Store

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


def session_id(page):
    return page.locator("#export-model").get_attribute("href").split("/")[3]


def test_another_site_cannot_create_sessions_or_frame_the_page(page, tmp_path):
    with serving(Store(limit=2)) as server, serving_folder(tmp_path) as site:
        browser.start_with_points(page, server.url, browser.RED[:3])
        sid = session_id(page)
        (tmp_path / "attack.html").write_text(ATTACK % (server.url.rstrip("/"), sid,
                                                        server.url.rstrip("/")))
        attacker = page.context.new_page()
        attacker.goto(f"{site}attack.html")
        browser.wait(attacker, "window.done === true && window.framed === true")
        assert attacker.evaluate("window.results.slice(-1)") == ["blocked"]
        assert all(frame.query_selector("#plane") is None for frame in attacker.frames)
        attacker.close()

        page.click("#plane", position=browser.pixel(*browser.RED[3]))  # the user's tab goes on
        browser.wait(page, "document.getElementById('point-count').textContent === '4'")
        assert session_id(page) == sid and browser.text(page, "#error") == ""
        port = server.server_address[1]
        assert call(port, "POST", "/api/sessions", {})[0] == 201  # the one free place
        assert call(port, "POST", "/api/sessions", {})[0] == 503


def test_a_page_whose_session_expired_brings_it_back(page, tmp_path):
    clock = Clock()
    with serving(Store(idle_seconds=60, clock=clock)) as server:
        browser.start_with_points(page, server.url, browser.RED[:2], browser.BLUE[:2])
        for _ in range(2):  # one sequential epoch over the 2 points that train (2 test)
            page.click("#step")
        browser.wait(page, "document.getElementById('epoch').textContent === '1'")
        browser.settled(page)
        browser.wait(page, "document.body.dataset.kept === document.body.dataset.version")
        sid, epoch = session_id(page), browser.text(page, "#epoch")
        port = server.server_address[1]
        points = call(port, "GET", f"/api/sessions/{sid}")[1]["points"]
        weights = call(port, "GET", f"/api/sessions/{sid}/model.json")[1]["parameters"]
        clock.now += 61  # a minute without requests: the server drops the session

        page.click("#plane", position=browser.pixel(*browser.BLUE[2]), modifiers=["Shift"])
        browser.wait(page, "document.getElementById('point-count').textContent === '5'")
        browser.settled(page)
        assert session_id(page) != sid and browser.text(page, "#error") == ""
        assert call(port, "GET", f"/api/sessions/{sid}")[0] == 404
        view = call(port, "GET", f"/api/sessions/{session_id(page)}")[1]
        assert view["points"][:4] == points and view["points"][4][2] == 1
        assert browser.text(page, "#epoch") == epoch
        served = call(port, "GET", f"/api/sessions/{session_id(page)}/model.json")[1]
        assert served["parameters"] == weights
