// Your own network (the model kind "network"): the learner wires a DAG of perceptrons on
// the diagram.  Drag from any node to a later one to link them (skip links included);
// click a link, then "delete link"; "+ perceptron" adds one reading every input and feeding
// the output; click a perceptron to choose its activation, remove it or open it.  Every
// edit sends the settings' ``edges`` / ``activations``; a link that would close a loop is
// refused by the engine (400 naming the loop), said here in the page's words.

import { perceptronAt, toggle } from "./opening.js";

const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);
const state = { view: null, link: null, node: null, drag: null };
let send = null;  // (settings) => Promise of the view, or null when refused
let most = Infinity;  // the engine's limit of perceptrons (GET /api/options)

const on = () => state.view?.settings.model === "network";
const edges = () => state.view.settings.edges;

/** The node a pointer is on: an input's or a perceptron's name, or null. */
function nodeAt(target) {
  const node = target.closest("g.node");
  const title = node?.querySelector("title")?.textContent ?? "";
  if (/^i\d+$/.test(title)) return node.querySelector("text")?.textContent ?? null;
  return perceptronAt(target);
}

/** The perceptrons nothing reads from: the outputs. */
function outputs(links) {
  const read = new Set(links.map(([source]) => source));
  return [...new Set(links.map(([, target]) => target))].filter((name) => !read.has(name));
}

/** Send new links (and activations); a refusal is said in the editor too. */
async function change(body, what) {
  $("wire-message").textContent = "";
  const view = await send(body);
  if (view === null) {
    const said = $("error").textContent.replace(/^settings\.(edges|activations)(\[\d+\])?:?\s*/, "")
      .replace(/ -> /g, " → ");
    $("wire-message").textContent = `${what[0].toUpperCase()}${what.slice(1)} is refused: ${said}`;
    $("error").hidden = true;  // said here, beside the diagram, in the page's words
  }
  return view;
}

function link(source, target) {
  if (edges().some(([a, b]) => a === source && b === target)) return;
  change({ edges: [...edges(), [source, target]] }, `the link ${source} → ${target}`);
}

function addPerceptron() {
  const names = new Set(edges().flat());
  let k = 1;
  while (names.has(`h${k}`)) k += 1;
  const name = `h${k}`;
  const out = outputs(edges())[0];
  change({ edges: [...edges(), ...state.view.inputs.map((i) => [i, name]), [name, out]] },
    `a new perceptron ${name}`);
}

/** Remove perceptron ``j`` and its links; a perceptron left reading nothing reads what
 *  ``j`` read instead. */
function removePerceptron(j) {
  const sources = edges().filter(([, b]) => b === j).map(([a]) => a);
  const kept = edges().filter(([a, b]) => a !== j && b !== j);
  for (const [, reader] of edges().filter(([a]) => a === j)) {
    if (!kept.some(([, b]) => b === reader)) kept.push(...sources.map((s) => [s, reader]));
  }
  hideNode();
  change({ edges: kept }, `removing perceptron ${j}`);
}

function deleteLink() {
  if (!state.link) return;
  const [source, target] = state.link;
  state.link = null;
  change({ edges: edges().filter(([a, b]) => a !== source || b !== target) },
    `deleting the link ${source} → ${target}`);
}

function hideNode() {
  state.node = null;
  $("wire-node").hidden = true;
}

/** The small box on a clicked perceptron: its activation, remove, open. */
function showNode(name, event) {
  state.node = name;
  const box = $("wire-node");
  box.hidden = false;
  box.style.left = `${event.pageX + 8}px`;
  box.style.top = `${event.pageY + 8}px`;
  $("wire-node-name").textContent = `perceptron ${name}`;
  const own = state.view.settings.activations[name]
    ?? state.view.unit_maps?.find((m) => m.name === name)?.activation ?? "sigmoid";
  $("wire-activation").value = own;
}

/** A line from the dragged node to the pointer, in the figure's coordinates. */
function dragLine(event) {
  const group = $("diagram").querySelector("svg > g");
  if (!group) return;
  const point = new DOMPoint(event.clientX, event.clientY)
    .matrixTransform(group.getScreenCTM().inverse());
  if (!state.drag.line) {
    state.drag.line = document.createElementNS(SVG, "line");
    state.drag.line.setAttribute("class", "wire-drag");
    const start = new DOMPoint(state.drag.x, state.drag.y)
      .matrixTransform(group.getScreenCTM().inverse());
    state.drag.line.setAttribute("x1", start.x);
    state.drag.line.setAttribute("y1", start.y);
    group.append(state.drag.line);
  }
  state.drag.line.setAttribute("x2", point.x);
  state.drag.line.setAttribute("y2", point.y);
}

/** Whether a click on ``target`` is the editor's (a perceptron: its box, not opening). */
export function wiringTakes(target) {
  return on() && !target.closest("g[data-open], g[data-op]") && perceptronAt(target) !== null;
}

/** Show the editor for the view (only for the kind "network"). */
export function showWiring(view) {
  state.view = view;
  $("wiring").hidden = !on();
  if (!on()) hideNode();
  const shown = state.link && edges().some(([a, b]) => a === state.link[0] && b === state.link[1]);
  if (!shown) state.link = null;
  $("wire-delete-link").disabled = !state.link;
  $("wire-delete-link").textContent = state.link
    ? `delete link ${state.link[0]} → ${state.link[1]}` : "delete link";
  const perceptrons = new Set(edges().flat().filter((name) => !view.inputs.includes(name)));
  $("wire-add").disabled = perceptrons.size >= most;
}

/** Wire the editor; ``post(settings)`` sends settings and resolves to the view or null;
 *  ``activations`` and ``limit`` (of perceptrons) are the engine's. */
export function setUpWiring(post, activations, limit) {
  send = post;
  most = limit;
  $("wire-activation").replaceChildren(...activations.map((a) => new Option(a, a)));
  $("wire-add").addEventListener("click", addPerceptron);
  $("wire-delete-link").addEventListener("click", deleteLink);
  $("wire-remove").addEventListener("click", () => removePerceptron(state.node));
  $("wire-open").addEventListener("click", () => { toggle(state.node); hideNode(); });
  $("wire-node-close").addEventListener("click", hideNode);
  $("wire-activation").addEventListener("change", () => {
    const name = state.node;
    hideNode();
    change({ activations: { ...state.view.settings.activations,
      [name]: $("wire-activation").value } }, `the activation of ${name}`);
  });
  const box = $("diagram");
  box.addEventListener("mousedown", (event) => {
    const name = on() && event.button === 0 ? nodeAt(event.target) : null;
    if (name === null) return;
    event.preventDefault();
    hideNode();
    state.drag = { source: name, x: event.clientX, y: event.clientY, line: null };
  });
  window.addEventListener("mousemove", (event) => { if (state.drag) dragLine(event); });
  window.addEventListener("mouseup", (event) => {
    const drag = state.drag;
    state.drag = null;
    if (!drag) return;
    drag.line?.remove();
    const target = nodeAt(event.target);
    const moved = Math.hypot(event.clientX - drag.x, event.clientY - drag.y) > 4;
    if (moved && target !== null && target !== drag.source) link(drag.source, target);
  });
  box.addEventListener("click", (event) => {
    if (!on()) return;
    const a = event.target.closest("a[data-param], a[data-label]");
    const ends = a && /^w\[(.*)->(.*)\]$/.exec(a.dataset.param ?? a.dataset.label);
    if (ends && edges().some(([s, t]) => s === ends[1] && t === ends[2])) {
      state.link = [ends[1], ends[2]];
      showWiring(state.view);
    } else if (wiringTakes(event.target)) {
      showNode(perceptronAt(event.target), event);
    }
  });
}
