"""A session that diverges while the page plays, in headless Chromium at 1280 x 800.

Issue 21's sequence (eta 10, batch, momentum 0.99, L2 rate 10, 100 noisy xor points)
diverges within the first requests.  Training stops at the last epoch whose loss was
finite, and the page shows that very epoch: the message and the stats agree, and the
epochs trained before the divergence are kept.
"""

import re
import time

from playground_browser import settled, text, view_of, wait


def change(page, selector, value):
    page.fill(selector, value)
    page.locator(selector).dispatch_event("change")


def test_the_page_shows_the_epoch_the_divergence_message_names(page, server):
    page.goto(server.url)
    page.wait_for_selector("#status[data-state=ready]")
    page.select_option("#mode", "batch")
    for field, value in (("#lr", "10"), ("#momentum", "0.99"), ("#l2", "10"),
                         ("#noise", "0.3")):
        change(page, field, value)
    for _ in range(200):  # the page sends its changes one after the other
        if view_of(page, server)["settings"]["l2"] == 10:
            break
        time.sleep(0.05)
    settled(page)
    settings = view_of(page, server)["settings"]
    assert (settings["lr"], settings["l2"], settings["mode"]) == (10, 10, "batch")
    page.click("#play")
    wait(page, "!document.getElementById('error').hidden")
    settled(page)
    message = text(page, "#error")
    went_back = re.search(r"went back to epoch (\d+)", message)
    assert went_back, message
    epoch = int(went_back.group(1))
    assert epoch > 0 and text(page, "#epoch") == str(epoch)
    assert view_of(page, server)["epoch"] == epoch
    assert text(page, "#play") == "play"  # stopped
