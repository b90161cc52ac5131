// The expression lab's stepper: the forward pass and then the reverse pass (or the forward
// -mode sweep) of the graph shown, one node a step, each step's formulas with the engine's
// numbers (KaTeX), its node and edges marked on the graph, and the node it came from marked
// on the graph below (the answer's "sources").  Graphviz titles a graph's record "n<k>",
// its op "n<k>op" and an edge "n<a>->n<k>op".

import { fmt } from "./number.js";
import { formulaElement } from "./tex.js";

const $ = (id) => document.getElementById(id);

/** The steps of graph ``k``: its forward pass, then its reverse pass or forward mode. */
export function stepsOf(answer, k) {
  const then = answer.mode === "forward" ? answer.forward_mode[k] : answer.steps[k];
  return [...answer.forward[k], ...then];
}

function nodes(box, id) {
  return Array.from(box.querySelectorAll("g.node, g.edge")).filter((g) => {
    const title = g.querySelector("title")?.textContent ?? "";
    return title === id || title === `${id}op` || title.endsWith(`->${id}op`)
      || title === `${id}op->${id}`;
  });
}

function clear(box, mark) {
  box.querySelectorAll(`.${mark}`).forEach((el) => el.classList.remove(mark));
}

/** Scroll ``box`` (a graph wider or taller than its place) to show the ``marked`` nodes. */
function scrollTo(box, marked) {
  const shapes = marked.filter((g) => g.classList.contains("node"));
  if (shapes.length === 0) return;
  const frame = box.getBoundingClientRect();
  const at = shapes[0].getBoundingClientRect();
  box.scrollLeft += at.left + at.width / 2 - (frame.left + frame.width / 2);
  box.scrollTop += at.top + at.height / 2 - (frame.top + frame.height / 2);
}

/** Mark the node ``id`` of graph ``k`` and, on the graph below, the node it came from. */
function markNode(answer, k, id, mark) {
  clear($("expr-graph"), mark);
  clear($("expr-below"), "source");
  const found = nodes($("expr-graph"), id);
  found.forEach((g) => g.classList.add(mark));
  if (mark === "current") scrollTo($("expr-graph"), found);
  const source = k > 0 ? answer.sources[k][id] : undefined;
  if (source === undefined) return "";
  const below = Array.from($("expr-below").querySelectorAll("g.node"))
    .filter((g) => g.querySelector("title")?.textContent === source);
  below.forEach((g) => g.classList.add("source"));
  if (mark === "current") scrollTo($("expr-below"), below);
  const from = answer.forward[k - 1].find((s) => s.id === source);
  return from ? from.node : "";
}

/** Pointing at a node of the graph shown marks the node it came from below. */
export function markGraph(answer, k) {
  $("expr-graph").querySelectorAll("g.node").forEach((g) => {
    const id = g.querySelector("title")?.textContent.replace(/op$/, "");
    g.addEventListener("mouseenter", () => markNode(answer, k, id, "pointed"));
    g.addEventListener("mouseleave", () => showStep(answer, k, Number($("expr-position")
      .dataset.step)));
  });
}

/** Show step ``at`` of graph ``k``: where it is, why, its formulas and its marks. */
export function showStep(answer, k, at) {
  const steps = stepsOf(answer, k);
  const step = steps[at];
  clear($("expr-graph"), "pointed");
  const from = markNode(answer, k, step.id, "current");
  const position = $("expr-position");
  position.textContent = `step ${at + 1} of ${steps.length}: ${step.pass}${
    step.pass === "backward" ? " (reverse)" : ""} pass, node ${step.node}`;
  position.dataset.step = at;
  position.dataset.node = step.node;
  position.dataset.pass = step.pass;
  $("expr-why").textContent = step.why + (from && from !== step.node
    ? `. ${step.node} came from node ${from} of the graph below (marked)` : "");
  $("expr-formulas").replaceChildren(...step.formulas.map((f) => formulaElement(f)));
  showCounts(answer, k);
}

function showCounts(answer, k) {
  const box = $("expr-counts");
  if (answer.mode !== "forward") {
    box.replaceChildren();
    return;
  }
  const { forward, reverse } = answer.counts[k];
  const n = answer.variables.length;
  const line = (text) => Object.assign(document.createElement("p"), { textContent: text });
  box.replaceChildren(
    line(`forward mode: ${forward.sweeps} sweep${forward.sweeps === 1 ? "" : "s"} (one per `
      + `variable, ${n}), ${forward.rule_evaluations} rule evaluations`),
    line(`reverse mode: ${reverse.sweeps} pass (one per output) for all ${n} variables, `
      + `${reverse.rule_evaluations} rule evaluations`),
    line(`this sweep's result: d/d${answer.sweep} = ${fmt(answer.tangents[k] ?? NaN)}`),
  );
}
