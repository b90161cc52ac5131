"""Fitting a function on the static site: the engine under Pyodide, without NumPy, draws the
regression view (the curve h(x) from the float replay) and fits the sine on the page.

The site is built into a temporary folder (the fixture ``site_url`` of conftest.py; npm's
packages must be installed).  ``SCREENSHOT=path`` saves the page at 1280 x 800.
"""

import os

import playground_browser as browser

MSE = """() => {
  const n = (id) => Number(document.getElementById(id).textContent);
  return n("loss-value") / (n("point-count") - n("test-count"));
}"""
"""The training loss per training point shown on the page: E = sum (h - y)^2 over N."""


def epochs(page):
    """The epochs trained, as the page shows them."""
    return float(page.locator("#epoch").inner_text())


def test_the_site_fits_the_sine_without_numpy(site_url):
    with browser.browser_page() as page:
        page.goto(site_url)
        page.wait_for_selector("#status[data-state=ready]", timeout=90_000)
        page.select_option("#task", "regression")
        browser.wait(page, "document.body.dataset.task === 'regression'"
                           " && Number(document.getElementById('point-count').textContent) > 0")
        page.select_option("#model", "mlp")
        page.fill("#hidden", "8")
        page.locator("#hidden").dispatch_event("change")
        page.select_option("#activation", "tanh")
        browser.wait(page, "document.getElementById('model').selectedOptions[0].textContent"
                           ".includes('1-8-1')")
        start = page.evaluate(MSE)
        page.click("#play")
        best = start
        for _ in range(480):  # at most 4 min of training (about 20 s on a quiet machine)
            page.wait_for_timeout(500)
            if epochs(page) >= 20:  # a reading of this run's own training
                best = min(best, page.evaluate(MSE))
                if best < 0.02:
                    break
        page.click("#play")
        page.wait_for_timeout(1000)  # the last training answer's view drawn
        # sequential steps on noisy points make the loss wander about its floor (near 0.01
        # with the preset's noise): it went below 0.02, and it stays far below where it began
        assert start > 0.2 and best < 0.02 and page.evaluate(MSE) < 0.05, (start, best)
        assert page.locator("#error").is_hidden()
        assert page.locator("#unit-maps canvas").count() == 8
        if os.environ.get("SCREENSHOT"):
            page.screenshot(path=os.environ["SCREENSHOT"])
