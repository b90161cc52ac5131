"""Three classes in headless Chromium: a learner sets 3 classes, chooses each class with the
keys 0-2 and clicks its points, a teacher loads the 3-class spiral, trains an MLP and sees
the loss fall and the plane in three colours (each cell in its class's colour, lighter
where the model is less sure, as viz.plot_decision_boundary paints it); the data, the
state and the link keep the three classes.  The screenshot is saved with the test's files;
with UPDATE_SCREENSHOT=1 it also replaces docs/playground_spiral3.png."""

import json
import os
from pathlib import Path

from playground_browser import colour_at, pixel, settled, start_with_points, text, view_of, wait

from viz.plane import ALPHA, CLASS_COLOURS, FAINTEST

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "playground_spiral3.png"
RGB = [[int(c[k:k + 2], 16) for k in (1, 3, 5)] for c in CLASS_COLOURS]
CLICKS = {0: [(-0.6, 0.6), (-0.5, 0.7)], 1: [(0.6, 0.6), (0.5, 0.7)], 2: [(0.0, -0.6)]}



def region_class(rgb):
    """The class whose colour over white gives ``rgb`` (None: white, or not a region)."""
    pale = [255 - v for v in rgb]
    if sum(pale) < 20:
        return None
    for k, colour in enumerate(RGB[:3]):
        full = [255 - v for v in colour]
        ratios = [p / f for p, f in zip(pale, full, strict=True) if f > 60]
        if max(ratios) - min(ratios) < 0.06 and all(
                abs(p - f * ratios[0]) < 12 for p, f in zip(pale, full, strict=True)):
            return k
    return None


def set_split(page, share):
    page.fill("#split", share)
    page.locator("#split").dispatch_event("change")
    wait(page, f"document.getElementById('split-value').textContent === "
               f"'{round(100 * float(share))}%'")
    settled(page)


def plane_image(page):
    return page.evaluate("Array.from(document.getElementById('plane').getContext('2d')"
                         ".getImageData(0, 0, 400, 400).data)")


def test_a_user_works_with_three_classes(page, server, tmp_path):
    start_with_points(page, server.url, [])
    assert page.locator("#class-picker .swatch").count() == 2  # two classes by default
    page.select_option("#classes", "3")
    wait(page, "document.querySelectorAll('#class-picker .swatch').length === 3")
    assert page.locator("#loss").input_value() == "cross_entropy"
    assert page.locator("#loss option[value=mse]").is_disabled()
    set_split(page, "1")  # every point trains, so every point is a filled dot
    page.locator("#plane").focus()  # the keys choose a class anywhere but in a field
    assert [text(page, f"#class-{k}") for k in range(3)] == ["0", "1", "2"]  # as labelled
    for k, places in CLICKS.items():
        page.keyboard.press(str(k))
        assert page.locator(f"#class-{k}").get_attribute("aria-checked") == "true"
        for x, y in places:
            page.click("#plane", position=pixel(x, y))
    wait(page, "document.getElementById('point-count').textContent === '5'")
    settled(page)
    assert [p[2] for p in view_of(page, server)["points"]] == [0, 0, 1, 1, 2]
    for k, places in CLICKS.items():
        assert colour_at(page, *places[0]) == RGB[k]  # each point in its class's colour

    set_split(page, "0.5")
    page.fill("#count", "240")
    page.fill("#noise", "0.03")
    page.select_option("#dataset", "spiral")  # drawn in the session's 3 classes
    wait(page, "document.getElementById('point-count').textContent === '240'")
    page.select_option("#model", "mlp")
    page.select_option("#optimizer", "adam")  # which puts Adam's usual eta in the field
    wait(page, "document.getElementById('lr').value === '0.01'")
    for field, value in (("#hidden", "16,16"), ("#lr", "0.03")):
        page.fill(field, value)
        page.locator(field).dispatch_event("change")
    page.select_option("#mode", "batch")
    wait(page, "document.getElementById('layer-count').textContent === '2 hidden layer(s)'")
    wait(page, "!document.getElementById('batch-size').parentElement.hidden")  # the last one
    settled(page)
    view = view_of(page, server)
    assert {p[2] for p in view["points"]} == {0, 1, 2} and view["settings"]["lr"] == 0.03
    loss_before = float(text(page, "#loss-value"))

    page.click("#play")
    page.wait_for_selector("#status[data-state=training]")
    for epochs in (100, 200, 300):  # 20 s each at most, on a slow machine
        wait(page, f"Number(document.getElementById('epoch').textContent) >= {epochs}")
    page.click("#play")
    page.wait_for_selector("#status[data-state=ready]")
    settled(page)
    assert float(text(page, "#loss-value")) < loss_before / 2
    assert float(text(page, "#accuracy").rstrip("%")) > 60  # by the argmax rule

    image = plane_image(page)
    found = [region_class(image[k:k + 3]) for k in range(0, len(image), 4 * 37)]
    shares = [found.count(k) / len(found) for k in range(3)]
    assert min(shares) > 0.1, shares  # the plane in three colours
    view = view_of(page, server)
    heatmap, points = view["heatmap"], view["points"]
    clear = [cell for cell in range(0, 100 * 100, 97) if all(
        (p[0] - (-1 + (2 * (cell % 100) + 1) / 100)) ** 2
        + (p[1] - (1 - (2 * (cell // 100) + 1) / 100)) ** 2 > 0.01 for p in points)
        and len({heatmap["labels"][cell + 100 * dy + dx] for dy in range(-2, 3)
                 for dx in range(-2, 3) if 0 <= cell + 100 * dy + dx < 10000}) == 1
        and 2 < cell % 100 < 97]  # two cells from any border (the borders are drawn)
    for cell in clear[:20]:  # cell centres off points and boundaries: the figure's rule (to
        # the smoothing between cells)
        k, top = heatmap["labels"][cell], heatmap["values"][cell]
        strength = ALPHA * (FAINTEST + (1 - FAINTEST) * (top - 1 / 3) / (1 - 1 / 3))
        want = [255 - (255 - c) * strength for c in RGB[k]]
        x, y = 4 * (cell % 100) + 2, 4 * (cell // 100) + 2
        got = image[4 * (400 * y + x):4 * (400 * y + x) + 3]
        assert all(abs(g - w) <= 8 for g, w in zip(got, want, strict=True)), (cell, got, want)

    page.check("input[value=select]")
    page.click("#plane", position=pixel(*points[0][:2]))
    page.wait_for_selector("#trace-units")
    assert "softmax p = (" in text(page, "#trace")
    settled(page)
    wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
    for _ in range(2 + 32 + 3 + 1):  # past the forward pass, to the backward pass at 3.3
        page.keyboard.press("ArrowRight")
    wait(page, "document.getElementById('explain-position').dataset.node === '3.3'")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(tmp_path / "spiral3.png"))
    if os.environ.get("UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOT))

    with page.expect_download() as download:
        page.click("#export-data")
    saved = tmp_path / "spiral3.csv"
    download.value.save_as(saved)
    assert {line.rsplit(",", 1)[1] for line in saved.read_text().splitlines()[1:]} == \
        {"0", "1", "2"}
    with page.expect_download() as download:
        page.click("#save-state")
    state = tmp_path / "state.json"
    download.value.save_as(state)
    assert json.loads(state.read_text())["settings"]["classes"] == 3
    page.click("#make-link")
    wait(page, "document.getElementById('link').value.includes('#state=')")
    link = page.locator("#link").input_value()

    copy = page.context.new_page()
    copy.goto(server.url)
    copy.wait_for_selector("#status[data-state=ready]")
    assert copy.locator("#classes").input_value() == "2"
    copy.set_input_files("#import-data", str(saved))  # a 3-class file: 3 classes
    wait(copy, "document.querySelectorAll('#class-picker .swatch').length === 3")
    assert copy.locator("#classes").input_value() == "3"
    copy.set_input_files("#load-state", str(state))
    wait(copy, f"document.getElementById('loss-value').textContent === "
               f"'{text(page, '#loss-value')}'")
    copy.goto(link)
    copy.wait_for_selector("#status[data-state=ready]")
    wait(copy, "document.querySelectorAll('#class-picker .swatch').length === 3")
    assert copy.locator("#point-count").inner_text() == "240"
    assert copy.locator("#loss").input_value() == "cross_entropy"


def test_fewer_classes_than_the_labels_need_is_refused(page, server):
    start_with_points(page, server.url, [])
    page.select_option("#classes", "3")
    wait(page, "document.querySelectorAll('#class-picker .swatch').length === 3")
    page.click("#class-2")
    page.click("#plane", position=pixel(0.2, 0.2))
    wait(page, "document.getElementById('point-count').textContent === '1'")
    page.select_option("#classes", "2")
    wait(page, "document.getElementById('error').textContent !== ''")
    assert "1 point(s) of class 2 would have no class" in text(page, "#error")
    assert page.locator("#classes").input_value() == "3"  # the control shows what holds
    assert text(page, "#point-count") == "1"
