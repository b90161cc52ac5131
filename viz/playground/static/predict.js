// Predict, then check: with "predict first" on, the explain panel hides each step's result
// (and the diagram's numbers) until the learner types one; the engine grades it
// (POST /api/sessions/ID/check), a wrong answer earns the next hint (the formula in
// symbols, then with its numbers, then the answer), "give up" shows the answer, and the
// pass's score is kept in view.  "exercise" draws a question of the chosen kind (a hidden
// perceptron's delta, a dE/dw two layers back, one weight's update), graded the same way.

import { texElement } from "./tex.js";

const $ = (id) => document.getElementById(id);
const state = { pass: "", solved: new Set(), asked: null, done: false, onReveal: () => {} };
let call = null;  // (action, body) => Promise of the answer

/** Wire the controls; ``request(action, body)`` posts to the session, ``reveal()`` shows
 *  the panel again once a step is solved (or predict first is switched). */
export function setUpPredict(request, reveal) {
  call = request;
  state.onReveal = reveal;
  $("predict-first").addEventListener("change", () => {
    state.asked = null;
    veil();
    $("predict").hidden = true;
    reveal();
  });
  $("predict-check").addEventListener("click", () => answer(false));
  $("predict-give-up").addEventListener("click", () => answer(true));
  $("predict-answer").addEventListener("keydown", (event) => {
    if (event.key === "Enter") answer(false);
  });
  $("exercise-new").addEventListener("click", exercise);
}

/** The pass shown now (``data``: the explain answer): a new one clears the solved steps. */
function follow(data) {
  const pass = data ? `${data.index}-${data.version}` : "";
  if (pass === state.pass) return;
  state.pass = pass;
  state.solved = new Set();
  state.asked = null;
  veil();
  $("predict").hidden = true;
  $("predict-score").textContent = "";
}

/** Whether step ``k`` of the pass ``data`` is to be predicted first: then it is asked
 *  in the box (its formulas stay hidden until it is solved).  An input's step, whose
 *  value is the point's own, is not asked. */
export function hides(data, k) {
  follow(data);
  const given = data?.steps?.[k]?.formulas.every((f) => f.symbols === f.lhs);
  if (!data || data.mode !== "reverse" || !$("predict-first").checked || given
    || state.solved.has(k)) {
    if (state.asked?.body.step !== undefined) {
      state.asked = null;
      $("predict").hidden = true;
    }
    return false;
  }
  if (state.asked?.body.step !== k) pose({ step: k });
  return true;
}

/** Draw a question of the kind chosen and pose it. */
async function exercise() {
  await pose({ question: $("exercise-kind").value });
}

/** Ask the engine for the question ``body`` and show it, empty answer and no hints. */
async function pose(body) {
  state.asked = { body };
  finished(false);
  $("predict").hidden = false;
  $("predict-hints").replaceChildren();
  $("predict-answer").value = "";
  $("predict-question").textContent = "…";
  try {
    const posed = await call("check", body);
    if (state.asked?.body !== body) return;  // another question was asked meanwhile
    const name = posed.node ?? posed.weight;
    state.asked.body = posed.question === "step" ? body
      : { question: posed.question, [posed.node ? "node" : "weight"]: name };
    const head = document.createElement("span");
    head.textContent = posed.question === "step" ? "predict first: "
      : `exercise: ${posed.text} `;
    const symbol = texElement(`${posed.symbol} = \\;?`);
    symbol.classList.add("asked");
    $("predict-question").replaceChildren(head, symbol);
    $("predict-question").dataset.question = posed.question;
    score(posed.score);
  } catch (error) {
    $("predict-question").textContent = error.message.replace(/^check: /, "");
  }
}

/** Send the answer typed (or give up) and show the verdict, the hint and the score. */
async function answer(giveUp) {
  if (!state.asked || state.done) return;
  const text = $("predict-answer").value.trim();
  if (!giveUp && (text === "" || !Number.isFinite(Number(text)))) {
    hint(`type a number, like -0.05 (got "${text}")`, "plain");
    return;
  }
  const body = { ...state.asked.body, ...(giveUp ? { give_up: true } : { answer: Number(text) }) };
  try {
    const verdict = await call("check", body);
    score(verdict.score);
    const over = verdict.correct || giveUp;
    hint(verdict.hint, verdict.correct ? "right" : giveUp ? "shown" : "wrong", verdict);
    if (!over) return;
    finished(true);
    if (body.step !== undefined) {
      state.solved.add(body.step);
      state.onReveal();
    }
  } catch (error) {
    hint(error.message.replace(/^check: /, ""), "plain");
  }
}

/** The pass's numbers (the diagram's, the trace's tables, the tips) hidden while the
 *  learner predicts: with "predict first" on, or while an exercise is open. */
function veil() {
  const exercise = state.asked?.body.question !== undefined && !state.done;
  document.body.classList.toggle("predicting", $("predict-first").checked || exercise);
}

/** Whether the question shown is over (right or given up): its buttons then rest. */
function finished(done) {
  state.done = done;
  veil();
  $("predict-check").disabled = done;
  $("predict-give-up").disabled = done;
}

/** One line under the question: the verdict's words and its hint, in KaTeX. */
function hint(latex, kind, verdict = null) {
  const line = document.createElement("div");
  line.className = `verdict ${kind}`;
  const words = { right: verdict?.tries ? `right, after ${verdict.tries} hint(s):` : "right:",
    wrong: `not yet (try ${verdict?.tries}); hint:`, shown: "the answer:", plain: "" }[kind];
  const said = document.createElement("span");
  said.textContent = kind === "plain" ? latex : words;
  line.append(said);
  if (kind !== "plain" && latex) line.append(texElement(latex));
  line.dataset.kind = kind;
  $("predict-hints").append(line);
}

/** The pass's score: right at the first try, right after hints, given up. */
function score(counts) {
  if (!counts) return;
  const box = $("predict-score");
  box.textContent = `score: ${counts.first_try} first try · ${counts.after_hints} after `
    + `hints · ${counts.given_up} given up`;
  box.dataset.firstTry = counts.first_try;
  box.dataset.afterHints = counts.after_hints;
  box.dataset.givenUp = counts.given_up;
}
