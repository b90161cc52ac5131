// The plane [-1, 1]^2: heatmap of the network's output h(x) sent by the server,
// its 0.5 contour, and the points (red = label 0, blue = label 1, then the other classes'
// colours; a ring for a point of the test set).  A K-class model's heatmap is painted in
// the K colours instead, with the boundaries between classes (regions.js).  The
// boundaries are smooth curves: the engine's ``boundaries`` when the view has them, else
// traced here (contours.js).  Drawing only: every number comes from the server's engine.

import { strokeSmooth, traced } from "./contours.js";
import { classColour, shade } from "./palette.js";
import { regions } from "./regions.js";

export { shade };

/** Canvas pixel of a plane point (x to the right, y up). */
export function toPixel(canvas, x, y) {
  return [(x + 1) / 2 * canvas.width, (1 - y) / 2 * canvas.height];
}

/** Plane point of a mouse event on the canvas. */
export function fromEvent(canvas, event) {
  const box = canvas.getBoundingClientRect();
  const px = (event.clientX - box.left) * canvas.width / box.width;
  const py = (event.clientY - box.top) * canvas.height / box.height;
  const clamp = (v) => Math.max(-1, Math.min(1, v));
  return [clamp(px / canvas.width * 2 - 1), clamp(1 - py / canvas.height * 2)];
}

/** Index of the point nearest to (x, y), or -1 when there are none. */
export function nearest(points, x, y) {
  let best = -1;
  let bestDistance = Infinity;
  points.forEach(([a, b], i) => {
    const d = (a - x) ** 2 + (b - y) ** 2;
    if (d < bestDistance) { best = i; bestDistance = d; }
  });
  return best;
}

/** The cells of a map as numbers: its ``values``, or its ``bytes`` (base64, one byte a
 *  cell) read as low + byte / 255 (high - low). */
export function cells(map) {
  if (map.values) return map.values;
  const bytes = Uint8Array.from(atob(map.bytes), (c) => c.charCodeAt(0));
  const span = (map.high - map.low) / 255;
  return Array.from(bytes, (b) => map.low + b * span);
}

/** Paint ``values`` (size x size cells, row by row from the top) over the whole canvas,
 *  each through ``colour`` (a value to [r, g, b]). */
export function paint(ctx, size, values, colour) {
  const small = document.createElement("canvas");
  small.width = size;
  small.height = size;
  const sctx = small.getContext("2d");
  const image = sctx.createImageData(size, size);
  const data = image.data;
  values.forEach((v, k) => {
    const rgb = colour(v);
    data[4 * k] = rgb[0];
    data[4 * k + 1] = rgb[1];
    data[4 * k + 2] = rgb[2];
    data[4 * k + 3] = 255;
  });
  sctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

function drawPoints(ctx, points, selected, test) {
  const testing = new Set(test);
  points.forEach(([x, y, label], i) => {
    const [px, py] = toPixel(ctx.canvas, x, y);
    const colour = `rgb(${classColour(label).join(",")})`;
    ctx.beginPath();
    ctx.arc(px, py, 5, 0, 2 * Math.PI);
    if (testing.has(i)) {  // a test point: a ring of its colour, white inside
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = colour;
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#fff";
    }
    ctx.stroke();
    if (i === selected) {
      ctx.beginPath();
      ctx.arc(px, py, 10, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = "#111";
      ctx.stroke();
    }
  });
}

/** Draw the whole plane for a session view. */
export function drawPlane(canvas, view) {
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const values = cells(view.heatmap);
  let fields = [values];  // whose 0.5 contours are the boundaries
  if (view.heatmap.classes) {  // K classes: each cell its class's colour, lighter if unsure
    const { colours, masks } = regions(view.heatmap, values);
    paint(ctx, view.heatmap.size, colours, (rgb) => rgb);
    fields = masks;
  } else {
    paint(ctx, view.heatmap.size, values, shade);
  }
  strokeSmooth(ctx, view.boundaries
    ? view.boundaries.map((line) => line.map(([x, y]) => toPixel(canvas, x, y)))
    : traced(fields, view.heatmap.size, canvas));
  ctx.strokeStyle = "rgba(0,0,0,0.15)";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(canvas.width / 2, 0);
  ctx.lineTo(canvas.width / 2, canvas.height);
  ctx.moveTo(0, canvas.height / 2);
  ctx.lineTo(canvas.width, canvas.height / 2);
  ctx.stroke();
  drawPoints(ctx, view.points, view.selected, view.test_points);
}
