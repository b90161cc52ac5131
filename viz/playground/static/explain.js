// The explain panel: the selected point's forward pass and then its backward pass, one
// node a step (previous / next / play, or the arrow keys), each step's formulas with the
// engine's numbers (POST /api/sessions/ID/explain), the node and its edges marked on the
// diagram; the topological order on the nodes; a clicked weight's own formula; and
// forward mode's sweep of that weight with both modes' counts.  The panel sits beside the
// diagram, and the node of each step is scrolled into the diagram's box.  An opened
// perceptron is stepped through operation by operation (opsteps.js); with "predict first"
// each step's result waits for the learner's number (predict.js).

import { badges, clearMarks, markStep } from "./highlight.js";
import { opened } from "./opening.js";
import { expand } from "./opsteps.js";
import { hides, setUpPredict } from "./predict.js";
import { fmt } from "./number.js";
import { formulaElement } from "./tex.js";
import { reveal } from "./zoom.js";

const PLAY_MS = 900;
const $ = (id) => document.getElementById(id);
const state = { data: null, list: [], open: "", at: 0, key: "", timer: null, picked: null,
  view: null };
let call = null;  // (action, body) => Promise of the answer

/** Wire the panel's controls; ``request(action, body)`` posts to the session. */
export function setUpExplain(request) {
  call = request;
  $("explain-next").addEventListener("click", () => go(1));
  $("explain-prev").addEventListener("click", () => go(-1));
  $("explain-play").addEventListener("click", togglePlay);
  $("explain-order").addEventListener("change", show);
  $("explain-mode").addEventListener("change", () => { state.key = ""; refresh(state.view); });
  setUpPredict(request, show);
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea") || !state.data) return;
    if (event.key === "ArrowRight") go(1);
    else if (event.key === "ArrowLeft") go(-1);
    else return;
    event.preventDefault();
  });
}

function mode() { return $("explain-mode").value; }

/** Fetch the panel's steps when the selected point, the weights or the mode changed. */
export async function refresh(view) {
  state.view = view;
  if (!view || view.selected === null) {
    state.data = null;
    state.list = [];
    state.key = "";
    $("explain").dataset.state = "none";
    show();
    return;
  }
  const wrt = state.picked ?? view.parameters[Math.min(1, view.parameters.length - 1)][0];
  const key = `${view.id}-${view.selected}-${view.version}-${mode()}-${mode() === "forward" ? wrt : ""}`;
  if (key === state.key) return;
  state.key = key;
  try {
    const body = mode() === "forward" ? { mode: "forward", wrt } : {};
    const data = await call("explain", body);
    if (state.key !== key) return;  // a newer request went out
    const same = state.data && state.data.mode === data.mode && state.data.index === data.index;
    state.data = data;
    state.list = expand(data, opened());
    state.open = opened().join(",");
    state.at = same ? Math.min(state.at, state.list.length - 1) : 0;
    $("explain").dataset.state = data.mode;
  } catch (error) {
    if (state.key !== key) return;  // the selection changed meanwhile: the answer is stale
    state.data = null;
    $("explain").dataset.state = "none";
    $("explain-why").textContent = error.message.replace(/^explain: /, "");
  }
  show();
}

function go(by) {
  if (!state.data) return;
  state.at = Math.max(0, Math.min(state.list.length - 1, state.at + by));
  show();
}

function togglePlay() {
  if (state.timer !== null) {
    clearInterval(state.timer);
    state.timer = null;
  } else {
    if (state.data && state.at === state.list.length - 1) state.at = 0;
    state.timer = setInterval(() => {
      if (!state.data || state.at >= state.list.length - 1) togglePlay();
      else go(1);
    }, PLAY_MS);
  }
  $("explain-play").textContent = state.timer === null ? "play" : "pause";
}

/** Show the current step: its formulas and why, and its marks on the diagram. */
export function show() {
  const box = $("diagram");
  clearMarks(box);
  const data = state.data;
  const formulas = $("explain-formulas");
  if (!data) {
    hides(null, 0);
    formulas.replaceChildren();
    $("explain-position").textContent = "";
    $("explain-counters").replaceChildren();
    if (!state.view || state.view.selected === null) {
      $("explain-why").textContent = "Choose “select” and click a point to step through its pass.";
    }
    return;
  }
  follow(data);
  const { step, k, op, opKind } = state.list[state.at];
  const order = Object.keys(data.order).sort((a, b) => data.order[a] - data.order[b]);
  const inputs = state.view.inputs.length;
  markStep(box, step, inputs, order, op);
  const marked = box.querySelector("g.current");
  if (marked) reveal(marked);
  if ($("explain-order").checked) badges(box, inputs, order, (name) => `#${data.order[name]}`);
  if (data.mode === "forward") {
    badges(box, inputs, order, (name) => (data.tangents[name]
      ? `ż ${fmt(data.tangents[name].z)}` : ""), true);
  }
  $("explain-position").textContent = `step ${state.at + 1} of ${state.list.length}: `
    + `${step.pass} pass, node ${step.node}${op ? `, operation ${opKind}` : ""}`;
  Object.assign($("explain-position").dataset, { node: step.node, step: state.at, pass: k,
    op: op ?? "" });
  const hidden = hides(data, k);
  $("explain-why").textContent = hidden ? "predict first: type your number below (the "
    + "formulas follow once it is right or you give up)" : step.why;
  formulas.replaceChildren(...(hidden ? [] : step.formulas.map((f) => formulaElement(f))));
  showCounters(data);
  showWeight();
}

/** The steps again when the perceptrons opened changed: the same step of the pass stays. */
function follow(data) {
  const open = opened().join(",");
  if (open === state.open) return;
  state.open = open;
  const k = state.list[state.at]?.k ?? 0;
  state.list = expand(data, opened());
  state.at = Math.max(0, state.list.findIndex((entry) => entry.k === k));
}

function showCounters(data) {
  const box = $("explain-counters");
  if (data.mode !== "forward") {
    box.replaceChildren();
    return;
  }
  const line = (id, text) => {
    const p = document.createElement("p");
    p.id = id;
    p.textContent = text;
    return p;
  };
  const { forward, reverse } = data.counts;
  box.replaceChildren(
    line("count-forward", `forward mode: ${forward.sweeps} sweeps (one per weight), `
      + `${forward.rule_evaluations} rule evaluations`),
    line("count-reverse", `reverse mode: ${reverse.sweeps} sweep for all weights, `
      + `${reverse.rule_evaluations} rule evaluations`),
    line("count-gradient", `∂E/∂${data.wrt}: forward sweep ${fmt(data.gradient)}, `
      + `jvp ${fmt(data.jvp)}, reverse pass ${fmt(data.reverse)}`),
  );
}

/** The picked weight: its partial derivative's formula beside the engine's value. */
export function pickWeight(name) {
  state.picked = name;
  if (mode() === "forward") {
    state.key = "";
    refresh(state.view);
  } else {
    showWeight();
  }
}

function showWeight() {
  const box = $("weight-formula");
  const found = state.data?.weights?.find((w) => w.name === state.picked);
  if (!found) {
    box.replaceChildren();
    return;
  }
  const head = document.createElement("p");
  head.textContent = `${found.name} (${found.form === "closed"
    ? "the tutorial's closed formula, section 3.2" : "the delta form δ_j z_i"}); `
    + `the engine's value: ${fmt(found.engine)}`;
  head.dataset.engine = fmt(found.engine);
  box.replaceChildren(head, formulaElement(found.formula));
}
