// The network panel: the diagram (SVG drawn by the server once per structure, its edges
// recoloured, rewidened and relabelled here as the weights move, zoomed by zoom.js),
// reading a weight (and with a point selected its dE/dw) by hovering its edge, typing a
// new one by clicking it, and the map of z_j over the plane beside every hidden node.

import { drawUnitCurve } from "./curve-plot.js";
import { placeNames } from "./names.js";
import { fmt } from "./number.js";
import { classColour } from "./palette.js";
import { paint, shade } from "./plane.js";
import { openQuery, opened } from "./opening.js";
import { nodeTip, weightTip } from "./tips.js";
import { readAt, scale, setUpZoom, shrunk, take } from "./zoom.js";

const POSITIVE = "#1f5fbf";  // the colours of a label's text, as viz.network writes them
const NEGATIVE = "#d62728";

const $ = (id) => document.getElementById(id);
let weights = new Map();  // parameter name -> its value in the view drawn last
let edges = [];  // the diagram's edges: [parameter name, its path and arrowhead]
let labels = [];  // the diagram's edge labels: [parameter name, its text element]
let latest = null;  // the view last given to showDiagram
let nodes = new Map();  // a perceptron's name -> its node in the diagram

/** Each weight's edge as viz.network draws it, from the view's ``edge_styles`` (the one
 *  rule, in Python: colour by sign, width by size). */
function restyle() {
  const styles = latest.edge_styles || {};
  for (const [name, path, head] of edges) {
    const [colour, width] = styles[name] || [];
    if (colour === undefined) continue;
    for (const shape of [path, head]) {
      shape.setAttribute("stroke", colour);
      shape.setAttribute("stroke-width", width);
    }
    head.setAttribute("fill", colour);
  }
  for (const [name, text] of labels) {
    const w = weights.get(name);
    text.textContent = fmt(w);
    text.setAttribute("fill", w >= 0 ? POSITIVE : NEGATIVE);
  }
}

/** Find the edges and labels of a new SVG, and give each edge a wide invisible copy, so
 *  that a thin edge is easy to point at. */
function index(box) {
  edges = Array.from(box.querySelectorAll("a[data-param]"), (a) => {
    const path = a.querySelector("path");
    const hit = path.cloneNode();
    hit.setAttribute("class", "hit");
    hit.setAttribute("stroke", "transparent");
    hit.setAttribute("stroke-width", "9");
    path.after(hit);
    return [a.dataset.param, path, a.querySelector("polygon")];
  });
  labels = Array.from(box.querySelectorAll("a[data-label]"),
    (a) => [a.dataset.label, a.querySelector("text")]);
  nodes = new Map();
  for (const g of box.querySelectorAll("g.node")) {  // perceptron k is "u<k>", its name first
    if (/^u\d+$/.test(g.querySelector("title")?.textContent)) {
      nodes.set(g.querySelector("text")?.textContent, g);
    }
  }
}

function nameOf(target) {
  const a = target.closest("a[data-param], a[data-label]");
  return a ? a.dataset.param ?? a.dataset.label : null;
}

/** The view whose pass the tips may tell: none while the learner predicts (predict.js). */
const told = () => (document.body.classList.contains("predicting")
  ? { ...latest, trace: null } : latest);

const tipText = (name) => weightTip(name, weights.get(name), told().trace);

function showTip(event) {
  const name = nameOf(event.target);
  const node = event.target.closest("g.node")  // or its map, when the map is the node
    ?? nodes.get(event.target.closest("#unit-maps figure")?.dataset.unit);
  const said = name !== null ? tipText(name) : node && nodeTip(node, told());
  const tip = $("edge-tip");
  tip.hidden = !said;
  if (!said) return;
  tip.dataset.param = name ?? "";
  tip.textContent = said;
  tip.style.left = `${event.pageX + 12}px`;
  tip.style.top = `${event.pageY + 12}px`;
}

/** Wire hovering and clicking on the diagram; ``edit(name, value)`` sends a new weight,
 *  ``pick(name)`` is told which weight was clicked, ``refuse(message)`` what is wrong
 *  with a weight typed. */
export function setUpDiagram(edit, pick, refuse) {
  setUpZoom(placeMaps);
  const box = $("diagram");
  $("diagram-stage").addEventListener("mousemove", showTip);
  $("diagram-stage").addEventListener("mouseleave", () => { $("edge-tip").hidden = true; });
  box.addEventListener("click", (event) => {
    const name = nameOf(event.target);
    if (name === null) return;
    pick(name);
    const form = $("weight-editor");
    form.hidden = false;
    form.style.left = `${event.pageX}px`;
    form.style.top = `${event.pageY}px`;
    form.dataset.param = name;
    $("weight-name").textContent = name;
    $("weight-value").value = weights.get(name);
    $("weight-value").select();
  });
  $("weight-editor").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = $("weight-editor");
    form.hidden = true;
    const text = $("weight-value").value.trim();
    if (text !== "" && Number.isFinite(Number(text))) edit(form.dataset.param, Number(text));
    else refuse(`${form.dataset.param}: type a number, like -0.5 (got "${text}")`);
  });
  $("weight-value").addEventListener("keydown", (event) => {
    if (event.key === "Escape") $("weight-editor").hidden = true;
  });
}

/** Show the view's weights on the diagram; fetch the SVG first when its key (or the
 *  perceptrons opened) changed.
 *  ``fetchSvg()`` resolves to the SVG text (or null when it could not be had). */
export async function showDiagram(view, fetchSvg) {
  const box = $("diagram");
  latest = view;
  weights = new Map(view.parameters);
  if (box.dataset.key !== view.diagram + openQuery()) {
    if (box.dataset.loading) return;  // the fetch under way shows the latest view
    box.dataset.loading = "yes";
    const opening = openQuery();
    const svg = await fetchSvg(opening);
    delete box.dataset.loading;
    if (svg === null) return;
    box.innerHTML = svg;
    box.dataset.key = view.diagram + opening;
    index(box);
    take(box.querySelector("svg"));
    const last = opened().pop();  // the perceptron opened last, read at once
    const outline = last && box.querySelector(`g[data-open="${CSS.escape(last)}"]`);
    if (outline) readAt(outline);
    else if (latest.settings.model === "network") readAt(box.querySelector("svg"));  // wired
      // by name: the names are read, not only seen
    if (latest.diagram !== view.diagram || openQuery() !== opening) {
      showDiagram(latest, fetchSvg);
      return;
    }
  }
  restyle();
  box.dataset.version = latest.version;
  const tip = $("edge-tip");
  if (!tip.hidden && weights.has(tip.dataset.param)) {
    tip.textContent = tipText(tip.dataset.param);
  }
}

/** The colour of z_j: a sigmoid's 0..1 as the plane's h, any other activation's value
 *  against the largest |z_j| on its map (red negative, white 0, blue positive). */
function colourOf(map) {
  if (map.class !== undefined) {  // an output's p_k: white at 0, its class's colour at 1
    return (p) => classColour(map.class).map((v) => Math.round(255 - (255 - v) * 0.8 * p));
  }
  if (map.activation === "sigmoid") return shade;
  const top = Math.max(Math.abs(map.low), Math.abs(map.high)) || 1;
  return (z) => shade(0.5 + 0.5 * z / top);
}

/** Put each map beside its node: a square of 30 units of the figure (as tall as the node
 *  at most) just left of it, where its edges run in; or, while the figure is too small
 *  for its texts, as the node itself (a square as tall as it, on it), and the name of
 *  every node without a map over it (names.js). */
function placeMaps() {
  const stage = $("diagram-stage").getBoundingClientRect();
  const on = shrunk();
  for (const figure of $("unit-maps").children) {
    const shape = nodes.get(figure.dataset.unit)?.querySelector("polygon, ellipse, path");
    figure.hidden = !shape;
    if (!shape) continue;
    const node = shape.getBoundingClientRect();
    const side = on ? node.height : Math.min(node.height, 30 * scale());
    const left = on ? (node.left + node.right - side) / 2 : node.left - side - 2;
    figure.style.width = `${side}px`;
    figure.style.height = `${side}px`;
    figure.style.left = `${left - stage.left}px`;
    figure.style.top = `${(node.top + node.bottom) / 2 - stage.top - side / 2}px`;
  }
  const shown = new Set(Array.from($("unit-maps").children)
    .filter((figure) => !figure.hidden).map((figure) => figure.dataset.unit));
  placeNames($("diagram").querySelector("svg"), on, (name) => shown.has(name));
}

/** The maps of the hidden perceptrons, each beside its node (hover one to enlarge it),
 *  and with K classes each output's probability p_k in its class's colour. */
export function showUnitMaps(maps, cells) {
  const box = $("unit-maps");
  if (maps === null) {
    box.replaceChildren();
    box.dataset.units = "";
    return;
  }
  const names = maps.map((m) => m.name).join(" ");
  if (box.dataset.units !== names) {  // a new structure: new canvases
    box.replaceChildren(...maps.map((map) => {
      const figure = document.createElement("figure");
      const canvas = document.createElement("canvas");
      canvas.width = map.size ?? 60;  // no size: a curve z_j(x) (regression)
      canvas.height = map.size ?? 60;
      canvas.dataset.unit = map.name;
      figure.dataset.unit = map.name;
      figure.title = map.size === undefined ? `z_${map.name}(x) over x in [-1, 1]`
        : map.class === undefined ? `z_${map.name} over the plane`
        : `p_${map.name}: the probability of class ${map.class} over the plane`;
      figure.append(canvas);
      return figure;
    }));
    box.dataset.units = names;
  }
  placeMaps();
  const canvases = box.querySelectorAll("canvas");
  maps.forEach((map, k) => {
    if (map.size === undefined) drawUnitCurve(canvases[k], map);
    else paint(canvases[k].getContext("2d"), map.size, cells(map), colourOf(map));
  });
}
