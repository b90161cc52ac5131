// The loss curve, the selected point's trace table, the state link, and files.

/** A number with 4 decimals (as the figures), or 3 significant digits when it is tiny. */
export function fmt(x) {
  if (x === null || x === undefined) return "–";
  const v = Number(x);
  return v !== 0 && Math.abs(v) < 5e-4 ? v.toExponential(2) : v.toFixed(4);
}

/** The loss curve: loss against epoch, scaled to the largest loss shown. */
export function drawCurve(canvas, curve) {
  const ctx = canvas.getContext("2d");
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#666";
  ctx.font = "11px Helvetica";
  if (curve.length === 0) {
    ctx.fillText("loss curve: press play", 10, 20);
    return;
  }
  const top = Math.max(...curve.map((p) => p[1])) || 1;
  const first = curve[0][0];
  const span = Math.max(curve[curve.length - 1][0] - first, 1e-9);
  const pad = 36;
  const x = (e) => pad + (e - first) / span * (w - pad - 8);
  const y = (l) => h - 16 - l / top * (h - 30);
  ctx.fillText(`${top.toPrecision(3)}`, 2, 14);
  ctx.fillText("0", 2, h - 14);
  ctx.fillText(`epoch ${curve[curve.length - 1][0].toFixed(0)}`, w - 80, h - 2);
  ctx.strokeStyle = "#ccc";
  ctx.beginPath();
  ctx.moveTo(pad, 8);
  ctx.lineTo(pad, h - 16);
  ctx.lineTo(w - 4, h - 16);
  ctx.stroke();
  ctx.strokeStyle = "#23395d";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  curve.forEach(([e, l], i) => (i ? ctx.lineTo(x(e), y(l)) : ctx.moveTo(x(e), y(l))));
  ctx.stroke();
}

function cell(row, text, tag = "td") {
  const el = document.createElement(tag);
  el.textContent = text;
  row.appendChild(el);
}

/** A table with a header row, in a box that scrolls when it is long (large networks). */
function table(id, head, rows) {
  const t = document.createElement("table");
  t.id = id;
  const hr = t.insertRow();
  head.forEach((h) => cell(hr, h, "th"));
  rows.forEach((r) => {
    const tr = t.insertRow();
    r.forEach((v) => cell(tr, v));
  });
  const box = document.createElement("div");
  box.className = "scroll";
  box.appendChild(t);
  return box;
}

/** The selected point's forward and backward pass: s_j, z_j, delta_j, and dE/dw per edge. */
export function showTrace(box, trace, loss) {
  box.replaceChildren();
  if (!trace) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = "Choose “select” and click a point to see each node's s_j, z_j and δ_j.";
    box.appendChild(p);
    return;
  }
  const title = document.createElement("p");
  title.textContent = `point ${trace.index}: (${fmt(trace.input[0])}, ${fmt(trace.input[1])}), `
    + `target ${trace.target}, output h = ${fmt(trace.output)}, `
    + `E (${loss.replace(/_/g, " ")}) = ${fmt(trace.loss)}`;
  box.appendChild(title);
  box.appendChild(table("trace-units", ["node", "s_j", "z_j", "δ_j = ∂E/∂s_j", "∂E/∂w_0"],
    trace.units.map((u) => [u.name, fmt(u.s), fmt(u.z), fmt(u.delta), fmt(u.bias_grad)])));
  box.appendChild(table("trace-edges", ["edge", "w", "∂E/∂w"],
    trace.edges.map((e) => [`${e.from} → ${e.to}`, fmt(e.weight), fmt(e.grad)])));
}

/** base64url of a JSON value (for the URL fragment) and back. */
export function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let text = "";
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeState(code) {
  const text = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Offer ``text`` as a file to download. */
export function download(text, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** Read the file chosen in ``input`` and pass its text to ``use``. */
export function readFile(input, use) {
  const file = input.files[0];
  if (!file) return;
  file.text().then(use).finally(() => { input.value = ""; });
}
