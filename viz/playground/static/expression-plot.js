// The expression lab's plot: the expression and its derivatives over one variable, as the
// engine sampled them (POST /api/expression with "plot"; null where it has no value), one
// SVG polyline each, with the current point marked on every curve.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 400;
const HEIGHT = 210;
const PAD = { left: 34, right: 8, top: 8, bottom: 20 };
/** Curve k's colour: the expression, then its derivatives of orders 1..4. */
export const COLOURS = ["#23395d", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

function element(name, attributes, text) {
  const el = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The y range: every finite sample, clipped to ±50 so a pole does not flatten the rest. */
function range(curves) {
  const ys = curves.flat().filter((y) => y !== null).map((y) => Math.max(-50, Math.min(50, y)));
  if (ys.length === 0) return [-1, 1];
  let low = Math.min(...ys);
  let high = Math.max(...ys);
  if (high - low < 1e-9) { low -= 1; high += 1; }
  const margin = 0.05 * (high - low);
  return [low - margin, high + margin];
}

/** Draw ``plot`` ({var, x, curves}) into the SVG element ``box``; ``point`` is the current
 *  [x, values by order], ``names`` the curves' names for the legend. */
export function drawPlot(box, plot, point, names) {
  box.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  const [low, high] = range(plot.curves);
  const x0 = plot.x[0];
  const x1 = plot.x[plot.x.length - 1];
  const px = (x) => PAD.left + (x - x0) / (x1 - x0) * (WIDTH - PAD.left - PAD.right);
  const py = (y) => PAD.top + (high - y) / (high - low) * (HEIGHT - PAD.top - PAD.bottom);
  const parts = [element("rect", { x: PAD.left, y: PAD.top, class: "frame",
    width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom })];
  if (low < 0 && high > 0) {
    parts.push(element("line", { class: "axis", x1: px(x0), x2: px(x1), y1: py(0), y2: py(0) }));
  }
  if (x0 < 0 && x1 > 0) {
    parts.push(element("line", { class: "axis", x1: px(0), x2: px(0), y1: py(low), y2: py(high) }));
  }
  for (const [y, anchor] of [[high, PAD.top + 8], [low, HEIGHT - PAD.bottom]]) {
    parts.push(element("text", { x: PAD.left - 3, y: anchor, "text-anchor": "end" },
      y.toPrecision(2)));
  }
  parts.push(element("text", { x: px(x0), y: HEIGHT - 5 }, String(x0)));
  parts.push(element("text", { x: px(x1), y: HEIGHT - 5, "text-anchor": "end" }, String(x1)));
  parts.push(element("text", { x: (px(x0) + px(x1)) / 2, y: HEIGHT - 5, "text-anchor": "middle" },
    plot.var));
  const clip = (y) => Math.max(low, Math.min(high, y));
  plot.curves.forEach((curve, k) => {
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        parts.push(element("polyline", { points: run.join(" "), stroke: COLOURS[k],
          class: `curve order-${k}`, fill: "none" }));
      }
      run = [];
    };
    curve.forEach((y, i) => {
      if (y === null || y < low || y > high) flush();
      else run.push(`${px(plot.x[i]).toFixed(1)},${py(y).toFixed(1)}`);
    });
    flush();
  });
  const [x, values] = point;
  if (x >= x0 && x <= x1) {
    parts.push(element("line", { class: "marker", x1: px(x), x2: px(x), y1: py(low), y2: py(high) }));
    values.forEach((y, k) => {
      if (y === null || y < low || y > high) return;
      parts.push(element("circle", { class: "point", cx: px(x), cy: py(clip(y)), r: 3.5,
        fill: COLOURS[k] }));
    });
  }
  names.forEach((name, k) => {
    parts.push(element("text", { x: PAD.left + 6 + 64 * k, y: PAD.top + 12, fill: COLOURS[k],
      class: "legend" }, name));
  });
  box.replaceChildren(...parts);
}
