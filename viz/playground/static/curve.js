// The loss curve: E on the training points and on the test points against the epoch,
// with labelled axes, their scales, and the current values in a legend.

import { fmt } from "./number.js";

const TRAIN = "#23395d";
const TEST = "#e6862e";
const PAD = { left: 44, right: 10, top: 22, bottom: 30 };

function line(ctx, curve, column, x, y, colour, dash) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(dash);
  ctx.beginPath();
  let drawing = false;
  for (const point of curve) {
    if (point[column] === null || point[column] === undefined) continue;
    const [px, py] = [x(point[0]), y(point[column])];
    if (drawing) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    drawing = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Draw ``curve`` (entries [epoch, loss, test loss or null]) on the canvas. */
export function drawCurve(canvas, curve) {
  const ctx = canvas.getContext("2d");
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#666";
  ctx.font = "11px Helvetica";
  if (curve.length === 0) {
    ctx.fillText("loss curve: press play", 10, 20);
    return;
  }
  const top = Math.max(...curve.flatMap((p) => [p[1], p[2] ?? 0])) || 1;
  const first = curve[0][0];
  const last = curve[curve.length - 1][0];
  const span = Math.max(last - first, 1e-9);
  const x = (e) => PAD.left + (e - first) / span * (w - PAD.left - PAD.right);
  const y = (l) => h - PAD.bottom - l / top * (h - PAD.top - PAD.bottom);
  ctx.strokeStyle = "#bbb";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(PAD.left, PAD.top);
  ctx.lineTo(PAD.left, h - PAD.bottom);
  ctx.lineTo(w - PAD.right, h - PAD.bottom);
  ctx.stroke();
  ctx.textAlign = "right";
  ctx.fillText(fmt(top), PAD.left - 4, PAD.top + 4);
  ctx.fillText("0", PAD.left - 4, h - PAD.bottom + 4);
  ctx.textAlign = "center";
  ctx.fillText(fmt(first), PAD.left, h - PAD.bottom + 13);
  ctx.fillText(fmt(last), w - PAD.right - 12, h - PAD.bottom + 13);
  ctx.fillText("epoch", (PAD.left + w - PAD.right) / 2, h - 4);
  ctx.save();
  ctx.translate(11, (PAD.top + h - PAD.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText("loss E", 0, 0);
  ctx.restore();
  line(ctx, curve, 1, x, y, TRAIN, []);
  line(ctx, curve, 2, x, y, TEST, [5, 3]);
  const now = curve[curve.length - 1];
  ctx.textAlign = "left";
  ctx.fillStyle = TRAIN;
  ctx.fillText(`training ${fmt(now[1])}`, PAD.left + 6, 13);
  if (now[2] !== null && now[2] !== undefined) {
    ctx.fillStyle = TEST;
    ctx.fillText(`- - test ${fmt(now[2])}`, PAD.left + 130, 13);
  }
}
