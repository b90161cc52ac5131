"""The explain panel in a real headless Chromium at 1280 x 800: select a point, step through
its whole pass with the arrow key (the highlighted node changes, KaTeX renders each formula,
and the node and its formulas are both inside the window: the panel is beside the diagram),
click a weight for its formula, switch to forward mode and read the counters, step one
update.

The page runs under the server's Content-Security-Policy and must cause no violation of it
(KaTeX renders through the CSSOM, never through style attributes).  The screenshots are
saved with the test's files.
"""

import pytest
from playground_browser import BLUE, RED, browser_page, pixel, settled, start_with_points, wait


@pytest.fixture(scope="module")
def url(server):
    return server.url


INSIDE = """() => {
  const inside = (el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  };
  const node = document.querySelector('#diagram g.current');
  const formulas = Array.from(document.querySelectorAll('#explain-formulas .formula'));
  const terms = Array.from(document.querySelectorAll('#explain-formulas .term'));
  return { node: node === null ? null : inside(node),
           formulas: formulas.length > 0 && formulas.every(inside),
           terms: terms.length,
           unbroken: terms.every((t) => t.getClientRects().length === 1
             && t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right) };
}"""
"""Whether the diagram's current node (None at E, which has no node) and every formula of
the step are wholly inside the window; how many terms the formulas have, and whether each
is on one line, inside its formula's box (a formula breaks between terms only)."""


def current(page):
    """(step number, node) of the panel, and the diagram node marked as current."""
    position = page.locator("#explain-position")
    marked = page.evaluate("Array.from(document.querySelectorAll('#diagram g.current title'),"
                           " (t) => t.textContent)")
    return int(position.get_attribute("data-step")), position.get_attribute("data-node"), marked


def test_a_learner_steps_through_the_pass_and_compares_the_modes(url, tmp_path):
    with browser_page() as page:
        start_with_points(page, url, RED, BLUE)
        page.select_option("#model", "tutorial")
        wait(page, "document.getElementById('diagram').textContent.includes('in_x')")
        settled(page)
        page.check("input[value=select]")
        page.click("#plane", position=pixel(*RED[0]))
        wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
        assert page.locator("#explain-formulas .katex").count() >= 1  # KaTeX's output
        total = int(page.locator("#explain-position").inner_text().split(" of ")[1].split(":")[0])
        assert total == 2 + 6 + 1 + 6  # inputs, s_j and z_j of 1..6, E; then 6 back to 1
        page.screenshot(path=str(tmp_path / "explain-first.png"))
        seen, terms = [], 0
        for k in range(total):
            step, node, marked = current(page)
            assert step == k
            seen.append((node, tuple(marked)))
            assert page.locator("#explain-formulas .formula .katex").count() >= 1
            seen_inside = page.evaluate(INSIDE)
            assert seen_inside["formulas"], (k, node)
            assert seen_inside["node"] is (None if node == "E" else True), (k, node)
            assert seen_inside["unbroken"], (k, node)
            terms = max(terms, seen_inside["terms"])
            page.keyboard.press("ArrowRight")
            if k < total - 1:
                wait(page, "document.getElementById('explain-position').dataset.step"
                           f" === '{k + 1}'")
        nodes = [node for node, _ in seen]
        assert nodes == ["in_x", "in_y", "1", "2", "3", "4", "5", "6", "E",
                         "6", "5", "4", "3", "2", "1"]
        assert seen[2][1] == ("u0",) and seen[9][1] == ("u5",)  # the node marked moves
        assert terms >= 10  # the long formulas come in pieces
        assert page.locator("#diagram path.lit").count() >= 3  # the edges into 1 and out of it
        page.screenshot(path=str(tmp_path / "explain-backward.png"))

        page.check("#explain-order")
        wait(page, "document.querySelectorAll('#diagram text.badge').length === 8")
        page.click("#diagram a[data-label='w[in_x->1]']")
        page.keyboard.press("Escape")
        wait(page, "document.querySelector('#weight-formula .katex') !== null")
        head = page.locator("#weight-formula p").inner_text()
        assert "closed formula" in head and "w[in_x->1]" in head
        shown = page.locator("#weight-formula .katex-mathml annotation").last.text_content()
        assert shown.endswith(page.locator("#weight-formula p").get_attribute("data-engine"))

        page.select_option("#explain-mode", "forward")
        wait(page, "document.getElementById('explain').dataset.state === 'forward'")
        assert "21 sweeps" in page.locator("#count-forward").inner_text()
        assert "1 sweep " in page.locator("#count-reverse").inner_text()
        assert "w[in_x->1]" in page.locator("#count-gradient").inner_text()
        page.screenshot(path=str(tmp_path / "explain-forward.png"))

        page.select_option("#mode", "sequential")
        page.click("#step")
        wait(page, "document.getElementById('update-weights') !== null")
        assert "sequential update on point" in page.locator("#update-explained p").inner_text()
        assert page.locator("#update-weights tr").count() == 22
        page.screenshot(path=str(tmp_path / "explain-update.png"), full_page=True)
        print("screenshots in", tmp_path)
