"""Fitting a function on the page, in headless Chromium at 1280 x 800: switch the task to
regression, fit the sine (noise 0.1, so a mean squared error near 0.01 at best) with a
1-8-1 tanh MLP to a mean squared error under 0.02, trace a point.  ``SCREENSHOT=path``
saves the page (docs/playground_regression.png is one)."""

import os

from playground_browser import wait


def test_the_page_fits_the_sine_and_draws_the_curve_over_the_points(page, port):
    page.goto(f"http://127.0.0.1:{port}/")
    wait(page, "document.body.dataset.version !== undefined")
    page.select_option("#task", "regression")
    wait(page, "document.body.dataset.task === 'regression'"
               " && Number(document.getElementById('point-count').textContent) > 0")
    assert page.locator("#dataset").input_value() == "sine"
    assert page.locator("#classes").is_hidden() and page.locator("#accuracy").is_hidden()
    assert page.locator("#features").is_hidden()
    page.select_option("#model", "mlp")
    page.fill("#hidden", "8")
    page.press("#hidden", "Enter")
    page.locator("#hidden").dispatch_event("change")
    page.select_option("#activation", "tanh")
    wait(page, "document.getElementById('model').selectedOptions[0].textContent"
               ".includes('1-8-1')")
    assert page.locator("#unit-maps canvas").count() == 8
    page.click("#play")
    train = "Number(document.getElementById('point-count').textContent)" \
            " - Number(document.getElementById('test-count').textContent)"
    wait(page, f"Number(document.getElementById('loss-value').textContent) / ({train}) < 0.02")
    page.click("#play")
    wait(page, "document.getElementById('status').dataset.state === 'ready'")
    page.check("input[name=click-mode][value=select]")
    box = page.locator("#plane").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.1)
    wait(page, "document.getElementById('explain-position').dataset.step !== undefined")
    for _ in range(11):  # the forward pass: x, 1.1 to 1.8, 2.1, E; then the output's delta
        page.click("#explain-next")
    wait(page, "document.getElementById('explain-position').dataset.node === '2.1'"
               " && document.getElementById('explain').dataset.state === 'reverse'"
               " && document.getElementById('explain-position').dataset.step === '11'")
    text = page.locator("#explain-formulas").text_content()
    assert "g_o'" in text or "g_o′" in text or "go′" in text, text
    page.wait_for_timeout(300)
    if os.environ.get("SCREENSHOT"):
        page.screenshot(path=os.environ["SCREENSHOT"])
    # the fitted curve is orange across the plot: sample its middle column
    drawn = page.evaluate("""() => {
      const c = document.getElementById('plane'), ctx = c.getContext('2d');
      const column = ctx.getImageData(c.width / 2, 0, 1, c.height).data;
      let orange = 0;
      for (let k = 0; k < column.length; k += 4) {
        const [r, g, b] = [column[k], column[k + 1], column[k + 2]];
        if (r > 200 && g > 80 && g < 150 && b < 60) orange++;
      }
      return orange;
    }""")
    assert drawn >= 2
