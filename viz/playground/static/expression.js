// The expression lab (the "Expressions" tab): a typed expression, its variables' values
// (sliders and boxes, made for the variables the engine finds), its graph and the graphs
// of its derivatives (POST /api/expression), an explain stepper through the forward pass
// and the reverse pass (or forward mode) of the graph shown, "differentiate again", and a
// plot of the expression and its derivatives over the chosen variable.

import { send } from "./engine.js";
import { showStep, stepsOf } from "./expression-steps.js";
import { offer, variableControls } from "./expression-variables.js";
import { drawAnswer } from "./expression-view.js";

const $ = (id) => document.getElementById(id);
const PLOT = { from: -3, to: 3, points: 121 };
const START = { text: "tanh(w * x + b)", values: { w: 0.5, x: 1.0, b: 0.0 } };
const NEW_VALUE = 0.5;  // a variable's value when it first appears
const TYPING_MS = 300;
const state = {
  values: new Map(Object.entries(START.values)), variables: [], wrt: ["x"], order: 1,
  shown: 0, at: 0, answer: null, busy: false, again: false, probed: "", typing: null,
};

const TEMPLATE = `
<h2>Expression lab <span class="hint">any expression in the syntax of <code>backprop graph</code>,
differentiated to order 4 by the engine</span></h2>
<div class="row">
  <label class="grow">f = <input id="expr-text" spellcheck="false" autocomplete="off"></label>
  <label>with respect to <select id="expr-wrt"></select></label>
  <label>order <select id="expr-order"></select></label>
  <button id="expr-again" type="button">differentiate again</button>
</div>
<p id="expr-error" role="alert"></p>
<div id="expr-variables" class="row"></div>
<div class="expr-main">
  <div class="expr-graphs">
    <div class="row"><span id="expr-tabs" role="tablist"></span><span id="expr-values"></span></div>
    <div id="expr-graph" class="expr-graph"></div>
    <p id="expr-below-note" class="hint"></p>
    <div id="expr-below" class="expr-graph below"></div>
  </div>
  <div class="expr-side">
    <div class="row">
      <button id="expr-prev" type="button">◀ previous</button>
      <button id="expr-next" type="button">next ▶</button>
      <label>then <select id="expr-mode">
        <option value="reverse">reverse pass</option>
        <option value="forward">forward mode</option>
      </select></label>
      <label id="expr-sweep-label">for <select id="expr-sweep"></select></label>
    </div>
    <p id="expr-position"></p>
    <p id="expr-why" class="hint"></p>
    <div id="expr-formulas"></div>
    <div id="expr-counts"></div>
    <svg id="expr-plot" role="img" aria-label="the expression and its derivatives"></svg>
  </div>
</div>`;

/** Build the lab in #expression-lab and wire the "Expressions" tab (#expression-tab). */
export function setUpExpressionLab() {
  const lab = $("expression-lab");
  lab.innerHTML = TEMPLATE;
  $("expr-text").value = START.text;
  for (let k = 0; k <= 4; k += 1) $("expr-order").add(new Option(String(k), String(k)));
  $("expr-order").value = "1";
  $("expression-tab").addEventListener("click", () => {
    const opening = lab.hidden;
    lab.hidden = !opening;
    document.querySelector("main").hidden = opening;
    $("expression-tab").textContent = opening ? "Network" : "Expressions";
    $("expression-tab").setAttribute("aria-pressed", String(opening));
    if (opening && state.answer === null) update();
  });
  $("expr-text").addEventListener("input", () => {
    clearTimeout(state.typing);
    state.typing = setTimeout(update, TYPING_MS);
  });
  $("expr-order").addEventListener("change", () => setOrder(Number($("expr-order").value)));
  $("expr-wrt").addEventListener("change", () => {
    state.wrt = state.wrt.map(() => $("expr-wrt").value);
    update();
  });
  $("expr-again").addEventListener("click", () => {
    state.wrt = [...state.wrt.slice(0, state.order), $("expr-wrt").value];
    setOrder(state.order + 1, true);
  });
  $("expr-mode").addEventListener("change", () => { state.at = 0; update(); });
  $("expr-sweep").addEventListener("change", () => { state.at = 0; update(); });
  $("expr-next").addEventListener("click", () => go(1));
  $("expr-prev").addEventListener("click", () => go(-1));
  document.addEventListener("keydown", (event) => {
    if (lab.hidden || event.target.closest("input, select, textarea") || !state.answer) return;
    const by = { ArrowRight: 1, ArrowLeft: -1, End: Infinity, Home: -Infinity }[event.key];
    if (by === undefined) return;
    go(by);
    event.preventDefault();
  });
}

/** Ask for derivatives up to ``order``; ``again`` shows the new highest one. */
function setOrder(order, again = false) {
  state.order = Math.max(0, Math.min(4, order));
  $("expr-order").value = String(state.order);
  while (state.wrt.length < state.order) state.wrt.push($("expr-wrt").value || state.variables[0]);
  if (again) {
    state.shown = state.order;
    state.at = 0;
  }
  state.shown = Math.min(state.shown, state.order);
  update();
}

/** Send the lab's request (one at a time; the latest wins), then show the answer. */
async function update() {
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  do {
    state.again = false;
    await ask();
  } while (state.again);
  state.busy = false;
}

async function post(body) {
  const answer = await send("POST", "/api/expression", JSON.stringify(body));
  return { status: answer.status, data: JSON.parse(answer.text) };
}

/** The text's variables first (a changed text may have others), then the whole answer. */
async function ask() {
  const text = $("expr-text").value;
  const at = Object.fromEntries(state.values);
  if (state.probed !== text) {
    const probe = await post({ text, at, order: 0 });
    if (!takeVariables(probe, text)) return;
  }
  const vars = state.variables;
  const wrt = state.wrt.slice(0, state.order).map((v) => (vars.includes(v) ? v : vars[0]));
  const body = { text, at: Object.fromEntries(state.values), order: vars.length ? state.order : 0,
    mode: $("expr-mode").value };
  if (vars.length) {
    Object.assign(body, { wrt, sweep: $("expr-sweep").value || wrt[0] || vars[0],
      plot: plotFor($("expr-wrt").value || vars[0]) });
  }
  const { status, data } = await post(body);
  if (status !== 200) {
    $("expr-error").textContent = data.error;
    return;
  }
  $("expr-error").textContent = "";
  state.answer = data;
  show();
}

/** The plot's request: -3 to 3, or wider to hold the variable's value with 1 to spare. */
function plotFor(name) {
  const x = state.values.get(name);
  return { var: name, from: Math.min(PLOT.from, Math.floor(x) - 1),
    to: Math.max(PLOT.to, Math.ceil(x) + 1), points: PLOT.points };
}

/** Take the variables of an answer (or of a refusal for a missing value: a slider is made
 *  and the text asked again); false when the text itself was refused. */
function takeVariables(probe, text) {
  const vars = probe.data.variables;
  if (vars === undefined) {
    $("expr-error").textContent = probe.data.error;
    return false;
  }
  let added = false;
  for (const name of vars) {
    if (!state.values.has(name)) {
      state.values.set(name, NEW_VALUE);
      added = true;
    }
  }
  state.variables = vars;
  makeControls();
  if (probe.status !== 200 && !added) {  // a value the engine refuses (outside a domain)
    $("expr-error").textContent = probe.data.error;
    return false;
  }
  state.probed = text;
  if (added) state.again = true;
  return !added;
}

/** A slider and a box per variable; the pickers of the variable to differentiate by. */
function makeControls() {
  const vars = state.variables;
  $("expr-variables").replaceChildren(...variableControls(vars, state.values, update));
  offer($("expr-wrt"), vars);
  offer($("expr-sweep"), vars);
  $("expr-again").disabled = vars.length === 0;
}

/** The graph shown: the one chosen, or the highest the latest answer has (an answer to an
 *  earlier request may have fewer). */
function shown() {
  return Math.min(state.shown, state.answer.order);
}

/** Move ``by`` steps through the pass of the graph shown (to either end at most). */
function go(by) {
  const steps = stepsOf(state.answer, shown());
  state.at = Math.max(0, Math.min(steps.length - 1, state.at + by));
  showStep(state.answer, shown(), state.at);
}

/** The answer, with the graph chosen and its current step (expression-view.js). */
function show() {
  const data = state.answer;
  const x = data.plot ? state.values.get(data.plot.var) : 0;
  state.at = drawAnswer(data, shown(), state.at, x, (k) => {
    state.shown = k;
    state.at = 0;
    show();
  });
}
