// The expression lab's answer drawn: a tab per graph (the expression's and each
// derivative's, whose reverse pass recorded the next), their values, the graph chosen and
// the one it was recorded from below it, the explain step and the plot of the expression
// and its derivatives over the chosen variable.

import { drawPlot } from "./expression-plot.js";
import { markGraph, showStep, stepsOf } from "./expression-steps.js";
import { fmt } from "./number.js";

const $ = (id) => document.getElementById(id);
const SMALLEST = 0.7;  // the least scale of a graph: its labels stay readable
const PX_PER_PT = 4 / 3;

/** A graph wider than its box drawn smaller, down to SMALLEST of its size (then it scrolls). */
function fit(box) {
  const svg = box.querySelector("svg");
  if (!svg) return;
  const [width, height] = ["width", "height"].map((name) => parseFloat(svg.getAttribute(name)));
  const scale = Math.max(SMALLEST, Math.min(1, box.clientWidth / (width * PX_PER_PT)));
  svg.setAttribute("width", `${width * scale}pt`);
  svg.setAttribute("height", `${height * scale}pt`);
}

/** A tab per graph, ``shownNow`` selected; ``pick(k)`` when tab k is clicked. */
function tabs(names, shownNow, pick) {
  return names.map((name, k) => {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.textContent = k === 0 ? `graph of ${name}` : name;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", String(k === shownNow));
    tab.dataset.order = k;
    tab.addEventListener("click", () => pick(k));
    return tab;
  });
}

/** Draw the answer ``data`` with graph ``shownNow`` and step ``at`` (kept inside the
 *  graph's pass: the step shown is returned); ``x`` is the plotted variable's value. */
export function drawAnswer(data, shownNow, at, x, pick) {
  const names = data.steps.map((steps) => steps[0].node);
  $("expr-tabs").replaceChildren(...tabs(names, shownNow, pick));
  const values = [data.value, ...data.derivatives];
  $("expr-values").replaceChildren(...names.map((name, k) => {
    const span = document.createElement("span");
    span.className = `value order-${k}`;
    span.textContent = `${name} = ${values[k] === null ? "–" : fmt(values[k])}`;
    return span;
  }));
  $("expr-graph").innerHTML = data.graphs[shownNow];
  const below = shownNow > 0;
  $("expr-below").innerHTML = below ? data.graphs[shownNow - 1] : "";
  fit($("expr-graph"));
  fit($("expr-below"));
  $("expr-below-note").textContent = below ? `below: the graph of ${names[shownNow - 1]}, `
    + `whose reverse pass recorded ${names[shownNow]}; the node each node came from is `
    + "marked as you step or point" : "";
  $("expr-sweep-label").hidden = $("expr-mode").value !== "forward";
  const step = Math.min(at, stepsOf(data, shownNow).length - 1);
  markGraph(data, shownNow);
  showStep(data, shownNow, step);
  if (data.plot) drawPlot($("expr-plot"), data.plot, [x, values], names);
  else $("expr-plot").replaceChildren();
  return step;
}
