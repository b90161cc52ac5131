"""Settings that make sense together, in headless Chromium at 1280 x 800: choosing an
optimiser puts its usual learning rate in the field and says so, the network menu names the
network that runs, the controls that do not apply are hidden, the class buttons read the
labels' own numbers, a bad hidden-layers field is answered in the form's words; and the
diagram's zoom, its maps beside their nodes, and the glossary."""

from playground_browser import settled, start_with_points, text, view_of, wait

MAPS_BESIDE_NODES = """() => Array.from(document.querySelectorAll('#unit-maps figure'), (f) => {
  const node = Array.from(document.querySelectorAll('#diagram g.node')).find(
    (g) => /^u\\d+$/.test(g.querySelector('title').textContent)
      && g.querySelector('text').textContent === f.dataset.unit);
  const a = f.getBoundingClientRect();
  const b = node.querySelector('polygon, ellipse, path').getBoundingClientRect();
  return [f.dataset.unit, b.left - a.right, (a.top + a.bottom - b.top - b.bottom) / 2, a.width];
})"""
"""[unit, gap from its map to its node, vertical offset of their centres, map's side]."""



def shown(page, selector):
    return page.locator(selector).is_visible()


def change(page, selector, value):
    page.fill(selector, value)
    page.locator(selector).dispatch_event("change")


def test_settings_that_make_sense_together(page, server):
    start_with_points(page, server.url, [(-0.5, 0.5)], [(0.5, 0.5)])
    settled(page)
    assert [text(page, "#class-0"), text(page, "#class-1")] == ["0", "1"]
    assert page.locator("#model option:checked").inner_text() == "2-5-1 network (the tutorial's)"
    for hidden in ("#hidden", "#activation", "#batch-size"):  # all-sigmoid, sequential
        assert not shown(page, hidden), hidden
    assert shown(page, "#momentum") and shown(page, "#lr")

    page.select_option("#optimizer", "adam")
    wait(page, "document.getElementById('lr').value === '0.01'")
    assert "0.01, the usual one for Adam" in text(page, "#settings-note")
    assert view_of(page, server)["settings"]["lr"] == 0.01
    assert not shown(page, "#momentum")  # Adam has no momentum setting
    page.select_option("#optimizer", "sgd")
    wait(page, "document.getElementById('lr').value === '0.5'")

    page.select_option("#classes", "3")
    wait(page, "document.querySelectorAll('#class-picker .swatch').length === 3")
    assert text(page, "#class-2") == "2"
    assert page.locator("#model option:checked").inner_text() == "2-5-3 network (the tutorial's)"
    page.select_option("#model", "mlp")
    wait(page, "document.getElementById('layer-count').textContent === '1 hidden layer(s)'")
    assert shown(page, "#hidden") and shown(page, "#activation")
    wait(page, "document.getElementById('lr').value === '0.05'")  # gradient descent's on an MLP
    assert "0.05, the usual one for gradient descent on an MLP" in text(page, "#settings-note")
    assert view_of(page, server)["settings"]["lr"] == 0.05
    change(page, "#hidden", "16,16")
    wait(page, "document.querySelector('#model option:checked').textContent === "
               "'MLP 2-16-16-3'")
    page.select_option("#mode", "batch")
    wait(page, "!document.getElementById('batch-size').parentElement.hidden")

    change(page, "#hidden", "4,,x")
    wait(page, "document.getElementById('error').textContent !== ''")
    assert text(page, "#error") == ('Hidden layers: write sizes from 1 to 32 separated by '
                                    'commas, like 4,4 (got "4,,x")')
    assert page.locator("#hidden").input_value() == "16,16"  # the form shows what holds
    assert view_of(page, server)["settings"]["hidden"] == [16, 16]


def test_the_diagram_zooms_and_its_maps_sit_beside_their_nodes(page, server):
    start_with_points(page, server.url, [(-0.5, 0.5)], [(0.5, 0.5)])
    settled(page)
    wait(page, "document.querySelectorAll('#unit-maps figure').length === 5")
    beside = page.evaluate(MAPS_BESIDE_NODES)
    assert [unit for unit, *_ in beside] == ["1", "2", "3", "4", "5"]
    for unit, gap, offset, side in beside:
        assert 0 <= gap <= 4 and abs(offset) <= 1 and side >= 20, (unit, gap, offset, side)

    width = page.locator("#diagram svg").bounding_box()["width"]
    page.click("#zoom-in")
    wait(page, f"document.querySelector('#diagram svg').getBoundingClientRect().width > "
               f"{width * 1.2}")
    beside = page.evaluate(MAPS_BESIDE_NODES)  # the maps follow the zoom
    assert all(0 <= gap <= 4 and abs(offset) <= 1 for _, gap, offset, _ in beside), beside
    page.click("#zoom-fit")
    box = page.locator("#diagram-box").bounding_box()
    svg = page.locator("#diagram svg").bounding_box()
    assert svg["width"] <= box["width"] and svg["height"] <= box["height"]
    assert max(svg["width"] / box["width"], svg["height"] / box["height"]) > 0.95

    assert not shown(page, "#glossary")
    page.click("#glossary-open")
    assert shown(page, "#glossary") and "w0→j" in text(page, "#glossary").replace(" ", "")
    page.keyboard.press("Escape")
    assert not shown(page, "#glossary")


def test_a_network_too_big_to_read_whole_is_shown_whole_and_read_on_hover(page, server):
    start_with_points(page, server.url, [(-0.5, 0.5)], [(0.5, 0.5)])
    page.select_option("#model", "mlp")
    wait(page, "document.getElementById('layer-count').textContent === '1 hidden layer(s)'")
    change(page, "#hidden", "16,16")
    wait(page, "document.querySelector('#model option:checked').textContent === "
               "'MLP 2-16-16-1'")
    settled(page)
    assert named_nodes(page) == ["x", "y", "a₀ = 1", "a₀ = 1", "a₀ = 1", "3.1"]
    page.check("input[value=select]")
    page.click("#plane", position={"x": 225, "y": 75})  # the blue point at (0.5, 0.5)
    wait(page, "document.getElementById('explain').dataset.state === 'reverse'")
    settled(page)
    assert named_nodes(page) == ["x", "y", "a₀ = 1", "a₀ = 1", "a₀ = 1", "3.1"]
    assert page.evaluate(TABLES_FIT), "a trace table is wider than the explain panel"
    box = page.locator("#diagram-box").bounding_box()
    svg = page.locator("#diagram svg").bounding_box()
    assert svg["width"] <= box["width"] and svg["height"] <= box["height"]  # whole
    heights = page.evaluate("Array.from(document.querySelectorAll('#diagram svg text'),"
                            " (t) => t.getBoundingClientRect().height)")
    assert heights and max(heights) == 0  # no text too small to read: none at all
    view = view_of(page, server)
    unit = view["trace"]["units"][20]  # perceptron 2.5: its numbers on hover
    page.hover('#unit-maps figure[data-unit="2.5"]')  # its map is drawn as the node
    wait(page, "!document.getElementById('edge-tip').hidden")
    tip = text(page, "#edge-tip")
    assert tip.startswith(f"perceptron {unit['name']}") and "δ_2.5 = " in tip
    page.click("#zoom-read")
    heights = page.evaluate("Array.from(document.querySelectorAll('#diagram svg text'),"
                            " (t) => t.getBoundingClientRect().height)")
    assert min(heights) >= 11
    assert named_nodes(page) == []  # the figure's own texts are read


NAMES = """Array.from(document.querySelectorAll('#node-names span'), (label) => {
  const box = label.getBoundingClientRect();
  const [x, y] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
  const node = Array.from(document.querySelectorAll('#diagram g.node')).find((g) => {
    const shape = g.querySelector('polygon, ellipse, path').getBoundingClientRect();
    return shape.left <= x && x <= shape.right && shape.top <= y && y <= shape.bottom;
  });
  return [label.textContent, box.height, node?.querySelector('text').textContent];
})"""
"""[name, rendered height, the text of the node under its centre] of every name shown
over the diagram while its own texts are hidden."""

TABLES_FIT = """Array.from(document.querySelectorAll('#trace table')).every(
  (table) => table.getBoundingClientRect().right
    <= document.getElementById('explain-panel').getBoundingClientRect().right - 8)"""
"""Whether every table of the trace ends inside the explain panel (its padding aside)."""


def named_nodes(page):
    """The names shown over the shrunk diagram, in the figure's order, after checking that
    each is readable (at least 11 CSS px tall) and sits on the node it names."""
    names = page.evaluate(NAMES)
    for name, height, under in names:
        assert height >= 11 and under == name, (name, height, under)
    return [name for name, *_ in names]


CONTOURS = """async () => {
  const { traced } = await import('/static/contours.js');
  const n = 100, canvas = document.createElement('canvas');
  canvas.width = n;  // one pixel a cell
  const mask = Array.from({ length: n * n }, (_, k) => (3 * Math.floor(k / n) < k % n ? 1 : 0));
  const lines = traced([mask], n, canvas);
  const inner = lines[0].filter(([x]) => x > 15 && x < 85);
  const mean = (f) => inner.reduce((a, p) => a + f(p), 0) / inner.length;
  const [mx, my] = [mean(([x]) => x), mean(([, y]) => y)];
  const slope = mean(([x, y]) => (x - mx) * (y - my)) / mean(([x]) => (x - mx) ** 2);
  return [lines.length, slope,
    Math.max(...inner.map(([x, y]) => Math.abs(y - my - slope * (x - mx))))];
}"""
"""One polyline for the border of a class mask that is 1 above the line y = x / 3 (cells);
its slope, and the largest distance (in cells, along y) of its inner points from the
straight line that fits them best: a staircase of whole cells is about 0.3 off it."""


def test_boundaries_are_smooth_and_the_engines_are_drawn(page, server):
    page.goto(server.url)
    page.wait_for_selector("#status[data-state=ready]")
    lines, slope, worst = page.evaluate(CONTOURS)
    assert lines == 1 and abs(slope - 1 / 3) < 0.01 and worst < 0.1, (slope, worst)
    drawn = page.evaluate("""async () => {
      const options = await (await fetch('/api/options')).json();
      (await import('/static/palette.js')).setPalette(options);
      const { drawPlane } = await import('/static/plane.js');
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 400;
      const heatmap = { size: 2, values: [0.9, 0.9, 0.9, 0.9] };  // no contour of its own
      const dark = (view) => {
        drawPlane(canvas, view);
        const row = canvas.getContext('2d').getImageData(0, 300, 400, 1).data;
        return Array.from({ length: 400 }, (_, x) => row[4 * x]).filter((r) => r < 90).length;
      };
      const view = { heatmap, points: [], selected: null, test_points: [] };
      return [dark(view), dark({ ...view, boundaries: [[[-1, -0.5], [0, -0.5], [1, -0.5]]] })];
    }""")
    assert drawn[0] == 0 and drawn[1] > 390  # the engine's line y = -0.5, across the plane
