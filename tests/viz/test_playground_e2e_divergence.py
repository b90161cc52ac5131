"""A session that diverges while the page plays, in headless Chromium at 1280 x 800, on the
server's page and on the static site (its engine under Pyodide).

Issue 21's sequence (eta 10, batch, momentum 0.99, L2 rate 10, 100 noisy xor points)
diverges within the first requests.  Training stops at the last epoch whose loss was
finite, and the page shows that very epoch: the message and the stats agree, and the
epochs trained before the divergence are kept.
"""

import re

import pytest
from playground_browser import settled, text, wait

SETTINGS = (("#lr", "10"), ("#momentum", "0.99"), ("#l2", "10"), ("#noise", "0.3"))


def change(page, selector, value):
    page.fill(selector, value)
    page.locator(selector).dispatch_event("change")


@pytest.mark.parametrize("where", ["server", "site"])
def test_the_page_shows_the_epoch_the_divergence_message_names(page, where, request):
    url = request.getfixturevalue("server").url if where == "server" else \
        request.getfixturevalue("site_url")
    page.goto(url)
    page.wait_for_selector("#status[data-state=ready]", timeout=90_000)
    page.select_option("#mode", "batch")
    for field, value in SETTINGS:
        change(page, field, value)
    # the page sends its changes one after the other: the last one has landed when the
    # diagram shows the latest view and the L2 field still reads 10
    wait(page, "document.getElementById('l2').value === '10'")
    settled(page)
    page.click("#play")
    wait(page, "!document.getElementById('error').hidden")
    message = text(page, "#error")
    went_back = re.search(r"went back to epoch (\d+)", message)
    assert went_back, message
    epoch = int(went_back.group(1))
    assert epoch > 0 and "the L2 rate (l2 = 10)" in message
    # the view of that epoch is drawn at the next animation frame (20 s at most)
    wait(page, f"document.getElementById('epoch').textContent === '{epoch}'")
    settled(page)
    assert text(page, "#epoch") == str(epoch) and text(page, "#play") == "play"
