"""The static site (``make site``) in headless Chromium: the playground with its engine in
a Web Worker under Pyodide, served as plain files like ``python -m http.server -d site``.

The site is built into a temporary folder (npm's packages must be installed: ``make
test`` runs ``npm ci`` first) and one page is booted once for the module: it shows its
progress while Pyodide starts, fetches nothing from another origin, and then runs the
server version's scenario (points of both colours, the 2-5-1 network, play, the loss
and the heatmap, a traced point's deltas, a refused setting, export and import of the
model).  State links go both ways between the server's page and the site, and a site
whose engine cannot start says why.  The build itself is checked without a browser.
"""

import re
import zipfile
from pathlib import Path

import playground_browser as browser
import pytest
from playground_client import serving, serving_folder

import nn
from viz.playground import site

STATIC = Path(site.__file__).parent / "static"

RECORD_STATUS = """
window.statusLines = [];
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("status");
  new MutationObserver(() => window.statusLines.push([status.textContent,
    document.getElementById("progress-bar").value, document.querySelector("main").inert,
    getComputedStyle(document.getElementById("settings")).visibility === "visible"]))
    .observe(status, { childList: true, characterData: true, subtree: true });
});
"""
"""Keeps every text the status line shows, with the progress bar's value, whether the page
is inert and whether the settings show (added before the page's own scripts run)."""

LAG = """() => new Promise((resolve) => {
  let worst = 0, last = performance.now();
  const end = last + 1500;
  const tick = () => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    if (now < end) setTimeout(tick, 10); else resolve(worst);
  };
  setTimeout(tick, 10);
})"""
"""The longest wait of a 10 ms timer on the page's thread over 1.5 s, in ms."""


@pytest.fixture(scope="module")
def booted(site_url):
    """One page of the site, booted once, and every URL it (or its worker) requested."""
    with browser.browser_page() as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.add_init_script(RECORD_STATUS)
        page.goto(site_url)
        page.wait_for_selector("#status[data-state=ready]", timeout=90_000)
        yield page, requested


def test_the_site_starts_with_a_progress_bar_and_the_same_page(booted):
    page, _ = booted
    lines = page.evaluate("window.statusLines")
    stages = [(text, value) for text, value, _, _ in lines if text != "ready"]
    assert [text for text, _ in stages] == [  # each stage once, in order
        "starting…", "loading the Python runtime (Pyodide)…",
        "loading the packages (Graphviz in WebAssembly)…",
        "loading the project (autograd, nn, viz)…", "drawing the first view…"][-len(stages):]
    assert len(stages) >= 4 and [value for _, value in stages] == sorted(
        value for _, value in stages)
    assert all(inert and not settings for _, _, inert, settings in lines[:-1])
    assert lines[-1][0] == "ready" and lines[-1][2:] == [False, True]  # usable, and shown
    assert not page.locator("#progress").is_visible()
    ids = set(re.findall(r'id="([^"]+)"', (STATIC / "index.html").read_text()))
    shown = set(page.evaluate("Array.from(document.querySelectorAll('[id]'), e => e.id)"))
    assert len(ids) > 60 and ids <= shown
    assert "in this browser" in browser.text(page, "header")


def test_a_user_trains_the_tutorials_network_in_the_static_site(booted, site_url, tmp_path):
    page, _ = booted
    browser.place_points(page, browser.RED, browser.BLUE)
    page.select_option("#model", "tutorial")
    browser.wait(page, "document.getElementById('diagram').textContent.includes('in_x')")
    browser.settled(page)
    loss_before = float(browser.text(page, "#loss-value"))
    heatmap_before = browser.plane_image(page)
    lags = []  # the worker trains; the page's thread stays free
    browser.play_until(page, 300, during=lambda: lags.append(page.evaluate(LAG)))
    assert lags[0] < 250
    assert float(browser.text(page, "#loss-value")) < loss_before
    assert browser.plane_image(page) != heatmap_before
    labels = page.evaluate("Array.from(document.querySelectorAll('#diagram svg text'),"
                           " t => t.textContent)")
    assert len([t for t in labels if re.fullmatch(r"-?\d+\.\d+(e[-+]\d+)?", t)]) >= 21
    assert page.locator("#diagram a[data-param]").count() == 21  # tagged for restyling

    page.check("input[value=select]")
    page.click("#plane", position=browser.pixel(*browser.RED[0]))
    page.wait_for_selector("#trace-units")
    rows = page.locator("#trace-units tr").all_inner_texts()
    assert [row.split("\t")[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert all(re.fullmatch(r"-?[\d.]+(e[-+]\d+)?", row.split("\t")[3]) for row in rows[1:])
    browser.settled(page)
    assert "δ" in page.locator("#diagram").text_content()

    page.fill("#lr", "50")
    page.locator("#lr").dispatch_event("change")
    browser.wait(page, "document.getElementById('error').textContent.includes('Learning rate')")
    assert browser.text(page, "#error") == "Learning rate η must be between 0.0001 and 10, got 50"
    assert page.locator("#lr").input_value() == "0.5"

    with page.expect_download() as download:
        page.click("#export-model")
    saved = tmp_path / "model.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "model.json"
    model = nn.load(saved)
    assert type(model).__name__ == "Network" and len(model.parameters()) == 21
    with page.expect_download() as download:
        page.click("#export-diagram")
    assert download.value.suggested_filename == "network.svg"
    assert "data-param" in Path(download.value.path()).read_text()
    trained_loss = browser.text(page, "#loss-value")
    page.click("#reset")
    browser.wait(page, f"document.getElementById('loss-value').textContent !== '{trained_loss}'")
    page.set_input_files("#import-model", str(saved))
    browser.wait(page, f"document.getElementById('loss-value').textContent === '{trained_loss}'")


def test_state_links_work_both_ways_between_server_and_site(booted, site_url):
    page, _ = booted
    with serving() as server:
        on_server = page.context.new_page()
        browser.start_with_points(on_server, server.url, browser.RED[:3], browser.BLUE[:2])
        on_server.select_option("#model", "perceptron")
        on_server.click("#make-link")
        browser.wait(on_server, "document.getElementById('link').value.includes('#state=')")
        state = on_server.locator("#link").input_value().partition("#")[2]

        opened = page.context.new_page()  # a second boot of Pyodide: a fresh tab
        opened.goto(f"{site_url}#{state}")
        opened.wait_for_selector("#status[data-state=ready]", timeout=90_000)
        assert browser.text(opened, "#point-count") == "5"
        assert opened.locator("#model").input_value() == "perceptron"
        assert browser.text(opened, "#error") == ""

        page.click("#make-link")
        browser.wait(page, "document.getElementById('link').value.includes('#state=')")
        link = page.locator("#link").input_value()
        assert link.startswith(site_url)
        back = page.context.new_page()
        back.goto(server.url + "#" + link.partition("#")[2])
        back.wait_for_selector("#status[data-state=ready]")
        assert browser.text(back, "#point-count") == str(len(browser.RED) + len(browser.BLUE))
        assert back.locator("#model").input_value() == "tutorial"
        assert browser.text(back, "#loss-value") == browser.text(page, "#loss-value")
        for other in (on_server, opened, back):
            other.close()


def test_every_request_of_the_site_stays_on_its_origin(booted, site_url):
    _, requested = booted  # after the scenarios above, the downloads included
    foreign = [url for url in requested
               if not url.startswith((site_url, f"blob:{site_url.rstrip('/')}/"))]
    assert requested and foreign == []
    assert any(url.endswith("/engine/pyodide/pyodide.asm.wasm") for url in requested)
    assert any(url.endswith("/engine/python.zip") for url in requested)  # the worker's too


def test_an_engine_that_cannot_start_says_why(booted, tmp_path):
    page, _ = booted
    site.build(tmp_path)
    (tmp_path / "engine" / "python.zip").unlink()
    with serving_folder(tmp_path) as url:
        broken = page.context.new_page()
        broken.goto(url)
        broken.wait_for_selector("#error:not([hidden])", timeout=90_000)
        assert browser.text(broken, "#error") == ("the engine did not start: python.zip: "
                                                  "HTTP 404")
        assert browser.text(broken, "#status") == "not started"
        assert browser.text(broken, "#progress h2") == "The engine did not start"
        assert broken.evaluate("document.querySelector('main').inert")  # nothing to use
        broken.close()


def test_the_build_writes_the_page_the_engine_and_the_packages(tmp_path):
    site.build(tmp_path)
    files = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert {"index.html", "static/app.js", "static/engine.js", "static/katex/katex.min.js",
            "engine/worker.js", "engine/viz.js", "engine/python.zip",
            *(f"engine/pyodide/{name}" for name in site.PYODIDE_FILES)} <= files
    assert "static/index.html" not in files
    page = (tmp_path / "index.html").read_text()
    assert '<meta name="playground-worker" content="engine/worker.js">' in page
    assert '="/static/' not in page and 'src="static/app.js"' in page
    names = zipfile.ZipFile(tmp_path / "engine" / "python.zip").namelist()
    assert {"autograd/__init__.py", "nn/__init__.py", "viz/playground/api/routes.py",
            "graphviz/__init__.py", "graphviz/LICENSE.txt"} <= set(names)
    assert not [n for n in names if "/static/" in n or "__pycache__" in n]


def test_the_build_says_what_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(site, "MODULES", tmp_path / "node_modules")
    assert site.main([str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("make site: node_modules/pyodide/pyodide.mjs, ")
    assert error.endswith("missing: run `npm ci` first (make site does)\n")
    with pytest.raises(ValueError, match="index.html no longer holds"):
        site.page("<html></html>")
