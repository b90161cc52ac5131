// Fitting a function (task "regression"): the plot of the points (x, y), filled when they
// train and a ring when they test, with the network's fitted curve h(x) over them (the
// view's ``fitted``: h sampled on the plot's grid of x by the engine), and each hidden
// perceptron's curve z_j(x), drawn small beside its node.  Drawing only: every number
// comes from the engine.  Also the page's side of the task switch: the presets, the
// losses and the controls each task offers.

import { classColour } from "./palette.js";
import { toPixel } from "./plane.js";

const $ = (id) => document.getElementById(id);
const CURVE = "#e8710a";  // the fitted h(x): orange, as the diagram's highlighted step

/** The grid lines at x, y = -0.5, 0, 0.5 (the axes darker) and the axes' names. */
function grid(ctx) {
  const { width, height } = ctx.canvas;
  for (const v of [-0.5, 0, 0.5]) {
    const [px, py] = toPixel(ctx.canvas, v, v);
    ctx.strokeStyle = v === 0 ? "rgba(0,0,0,0.35)" : "rgba(0,0,0,0.1)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(px, 0);
    ctx.lineTo(px, height);
    ctx.moveTo(0, py);
    ctx.lineTo(width, py);
    ctx.stroke();
  }
  ctx.fillStyle = "#555";
  ctx.font = `${Math.round(width / 25)}px sans-serif`;
  ctx.fillText("x", width - width / 22, height / 2 - 6);
  ctx.fillText("y", width / 2 + 6, width / 22 + 4);
}

/** A polyline through the canvas pixels of (xs[i], ys[i]). */
function polyline(ctx, xs, ys) {
  ctx.beginPath();
  xs.forEach((x, i) => {
    const [px, py] = toPixel(ctx.canvas, x, Math.max(-1.2, Math.min(1.2, ys[i])));
    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
  });
  ctx.stroke();
}

/** Draw the plot of a regression view: grid, points, the fitted curve h(x). */
export function drawFit(canvas, view) {
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  grid(ctx);
  const testing = new Set(view.test_points);
  const colour = `rgb(${classColour(1).join(",")})`;
  view.points.forEach(([x, y], i) => {
    const [px, py] = toPixel(canvas, x, y);
    ctx.beginPath();
    ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = testing.has(i) ? "#fff" : colour;
    ctx.fill();
    ctx.lineWidth = testing.has(i) ? 2 : 1;
    ctx.strokeStyle = testing.has(i) ? colour : "#fff";
    ctx.stroke();
    if (i === view.selected) {
      ctx.beginPath();
      ctx.arc(px, py, 9, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = "#111";
      ctx.stroke();
    }
  });
  ctx.strokeStyle = CURVE;
  ctx.lineWidth = 3;
  ctx.lineJoin = "round";
  polyline(ctx, view.fitted.x, view.fitted.h);
}

/** A hidden perceptron's curve z_j(x) on its small canvas: a sigmoid's or tanh's on
 *  [-1, 1], any other activation's between its least and largest value (0 included). */
export function drawUnitCurve(canvas, map) {
  const ctx = canvas.getContext("2d");
  const { width, height } = canvas;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  const bounded = map.activation === "sigmoid" || map.activation === "tanh";
  const low = bounded ? -1 : Math.min(map.low, 0);
  const high = bounded ? 1 : Math.max(map.high, 0) || 1;
  const py = (z) => height - 3 - (z - low) / (high - low || 1) * (height - 6);
  ctx.strokeStyle = "rgba(0,0,0,0.3)";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, py(0));
  ctx.lineTo(width, py(0));
  ctx.stroke();
  ctx.strokeStyle = CURVE;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  map.values.forEach((z, i) => {
    const px = (i + 0.5) / map.values.length * width;
    if (i === 0) ctx.moveTo(px, py(z)); else ctx.lineTo(px, py(z));
  });
  ctx.stroke();
}

let task = "";

/** Show the task of ``settings``: the page's ``data-task`` (which hides what belongs to
 *  the other task), its presets in the preset menu and its losses in the loss menu. */
export function showTask(settings, options) {
  document.body.dataset.task = settings.task;
  const fitting = settings.task === "regression";
  for (const option of $("loss").options) {
    if (fitting && !options.curve_losses.includes(option.value)) {
      option.disabled = true;
      option.title = "for classification (a probability against a class)";
    }
  }
  if (settings.task === task) return;
  task = settings.task;
  const names = fitting ? options.curve_datasets : options.datasets;
  $("dataset").replaceChildren(...names.map((name) => new Option(name, name)));
  $("dataset").value = fitting ? "sine" : "xor";
}
