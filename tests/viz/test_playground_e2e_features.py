"""The playground's TensorFlow Playground features in headless Chromium: the split and its
test points, input features as input nodes, a weight read by hovering its edge and typed
by clicking it, the maps of the hidden perceptrons, the +/- buttons, a CSV file uploaded
(and a malformed one explained), and the page's number rule, which must be
``autograd.format_number`` exactly."""

import json
import struct

from playground_browser import (
    RED,
    colour_at,
    settled,
    start_with_points,
    text,
    view_of,
    wait,
)

from autograd.display import format_number


def test_split_features_maps_and_a_typed_weight(page, server, tmp_path):
    start_with_points(page, server.url, RED[:3], [(0.6, 0.6), (0.4, 0.7), (0.7, 0.4)])
    settled(page)
    view = view_of(page, server)
    assert len(view["test_points"]) == 3 and text(page, "#test-count") == "3"
    test = view["points"][view["test_points"][0]]
    ring = colour_at(page, *test[:2])
    assert ring == [255, 255, 255]  # a test point is a ring, white inside
    assert page.locator("#unit-maps canvas").count() == 5  # one map per hidden perceptron

    page.check("#feature-x2")
    wait(page, "document.getElementById('diagram').textContent.includes('in_x^2')")
    settled(page)
    assert view_of(page, server)["inputs"] == ["in_x", "in_y", "in_x^2"]

    edge = page.locator('#diagram a[data-label="w[in_x^2->3]"] text')  # its label
    edge.hover()
    wait(page, "!document.getElementById('edge-tip').hidden")
    weight = dict(view_of(page, server)["parameters"])["w[in_x^2->3]"]
    assert text(page, "#edge-tip") == f"w[in_x^2->3] = {format_number(weight)}\nclick to change"
    edge.click()
    page.fill("#weight-value", "-1.5x")
    page.press("#weight-value", "Enter")
    wait(page, "document.getElementById('error').textContent !== ''")
    assert text(page, "#error") == 'w[in_x^2->3]: type a number, like -0.5 (got "-1.5x")'
    edge.click()
    page.fill("#weight-value", "-1.5")
    page.press("#weight-value", "Enter")
    wait(page, "document.querySelector('#diagram a[data-label=\"w[in_x^2->3]\"] text')"
               ".textContent === '-1.500'")
    assert dict(view_of(page, server)["parameters"])["w[in_x^2->3]"] == -1.5

    page.select_option("#model", "mlp")
    wait(page, "document.getElementById('layer-count').textContent === '1 hidden layer(s)'")
    page.click("#add-layer")
    wait(page, "document.getElementById('layer-count').textContent === '2 hidden layer(s)'")
    page.click("#remove-unit-2")
    wait(page, "document.querySelectorAll('#unit-maps canvas').length === 9")
    assert view_of(page, server)["settings"]["hidden"] == [5, 4]
    page.screenshot(path=str(tmp_path / "features.png"), full_page=True)


def test_a_csv_file_is_loaded_and_a_bad_one_explained(page, server, tmp_path):
    page.goto(server.url)
    page.wait_for_selector("#status[data-state=ready]")
    good = tmp_path / "mine.csv"
    good.write_text("x,y,label\n0.5,0.5,1\n-0.5,-0.5,0\n0.25,-0.5,1\n-0.25,0.5,0\n")
    page.set_input_files("#import-data", str(good))
    wait(page, "document.getElementById('point-count').textContent === '4'")
    bad = tmp_path / "broken.csv"
    bad.write_text("x,y,label\n0.5,0.5,1\n0.1,oops,0\n")
    page.set_input_files("#import-data", str(bad))
    wait(page, "document.getElementById('error').textContent !== ''")
    assert text(page, "#error") == "broken.csv, line 3: y is 'oops', not a number"
    assert text(page, "#point-count") == "4"


def test_the_page_writes_numbers_by_the_one_rule(page, server):
    values = [0.0, 2.712e-05, -0.2311, 14.6, 123456.0, 0.125, -0.125, 1.0625, 2.5, 12.5,
              999.96, 99999.7, 99995.0, 1e-3, 0.00099995, 1000.0, 1e5, 5e-324, 1e300,
              14.625, 1.00005, -7.77777, 0.1 + 0.2]
    values += [struct.unpack("<d", struct.pack("<Q", (k * 0x9E3779B97F4A7C15) % 2**64))[0]
               for k in range(1, 400)]
    values = [v for v in values if v == v and abs(v) != float("inf")]
    page.goto(server.url)
    page.wait_for_selector("#status[data-state=ready]")
    shown = page.evaluate("(values) => import('/static/number.js')"
                          ".then((m) => values.map(m.fmt))", values)
    assert shown == [format_number(v) for v in values], json.dumps(values)
