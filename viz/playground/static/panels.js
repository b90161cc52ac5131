// The selected point's trace table, the state link, and files.

import { fmt } from "./number.js";

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
  if (!trace && box.dataset.traced === "no") return;
  box.dataset.traced = trace ? "yes" : "no";
  box.replaceChildren();
  if (!trace) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = "Choose “select” and click a point to see each node's sⱼ, zⱼ and δⱼ.";
    box.appendChild(p);
    return;
  }
  const title = document.createElement("p");
  const list = (values) => `(${values.map(fmt).join(", ")})`;
  const output = trace.probabilities === null ? `output h = ${fmt(trace.output)}`
    : `scores s = ${list(trace.outputs)}, softmax p = ${list(trace.probabilities)}`;
  title.textContent = `point ${trace.index}: ${list(trace.input)}, `
    + `target ${trace.target}, ${output}, E (${loss.replace(/_/g, " ")}) = ${fmt(trace.loss)}`;
  box.appendChild(title);
  box.appendChild(table("trace-units", ["node", "s_j", "z_j", "δ_j = ∂E/∂s_j", "∂E/∂w_0→j"],
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
export function download(text, name, type = "application/json") {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** Read the file chosen in ``input`` and pass its text and name to ``use``. */
export function readFile(input, use) {
  const file = input.files[0];
  if (!file) return;
  file.text().then((text) => use(text, file.name)).finally(() => { input.value = ""; });
}
