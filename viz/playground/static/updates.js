// The last single update ("step"): which point(s) it used and how every weight moved,
// w_{t+1} = w_t - eta dE/dw, with dE/dw the sum over the batch's points in batch mode.

import { fmt } from "./number.js";
import { texElement } from "./tex.js";

const $ = (id) => document.getElementById(id);
const TEX_NUMBER = (x) => fmt(x).replace(/e([+-]\d+)$/, (_, e) => ` \\times 10^{${Number(e)}}`);

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = text;
}

/** The rule of this update in LaTeX. */
function rule(update) {
  const i = update.mode === "sequential" ? `_{${update.points[0]}}` : "";
  let gradient = `\\frac{\\partial E${i}}{\\partial w}`;
  if (update.mode !== "sequential") {
    const c = update.factor === 1 ? "" : `${TEX_NUMBER(update.factor)}`;
    gradient = `${c}\\sum_{i} \\frac{\\partial E_i}{\\partial w}`;
    if (update.l2) gradient += ` + 2\\lambda w`;
  }
  return `w_{t+1} = w_t - \\eta\\, ${gradient},\\quad \\eta = ${TEX_NUMBER(update.eta)}`;
}

/** Show ``update`` (the ``update`` field of a single step's answer). */
export function showUpdate(update) {
  const box = $("update-explained");
  const head = document.createElement("p");
  const which = update.mode === "sequential" ? `point ${update.points[0]}`
    : `${update.points.length} points (${update.points.slice(0, 12).join(", ")}`
      + `${update.points.length > 12 ? ", …" : ""})`;
  head.textContent = `last step: a ${update.mode} update on ${which}`
    + (update.plain ? "" : "; the optimiser (momentum or Adam) moves each weight by its own "
      + "rule, so w_{t+1} is not exactly the line below");
  const law = texElement(rule(update));
  const table = document.createElement("table");
  table.id = "update-weights";
  const hr = table.insertRow();
  const sum = update.mode === "sequential" ? "∂E_i/∂w" : `Σ_i ∂E_i/∂w (${update.listed} listed)`;
  for (const h of ["weight", "w_t", sum, "∂E/∂w (engine)", "w_{t+1}"]) {
    const th = document.createElement("th");
    th.textContent = h;
    hr.appendChild(th);
  }
  for (const w of update.weights) {
    const row = table.insertRow();
    cell(row, w.name);
    cell(row, fmt(w.before));
    cell(row, fmt(w.terms.reduce((a, b) => a + b, 0)));
    cell(row, fmt(w.gradient));
    cell(row, fmt(w.after));
  }
  const scroll = document.createElement("div");
  scroll.className = "scroll";
  scroll.appendChild(table);
  box.replaceChildren(head, law, scroll);
}
