// The page: wires the controls to the JSON API and draws each view the engine sends
// (the server, or the static site's worker: see engine.js).
// Requests go out one at a time, in order (a queue), so clicks and training never race.
// Training asks for short slices, one request after another as soon as each is
// answered; the latest view is drawn at the next animation frame, so a tab in the
// background goes on training (it draws again when it is shown).  The page keeps what
// it needs to bring its session back if the server loses it (see session.js).

import {
  changeOf, checkedFeatures, inFormWords, makeFeatures, setUpLayers, syncControls,
} from "./controls.js";
import { setUpClasses, showClasses } from "./classes.js";
import { setUpPlane } from "./clicks.js";
import { drawCurve } from "./curve.js";
import { drawFit, showTask } from "./curve-plot.js";
import { setUpExpressionLab } from "./expression.js";
import {
  pickWeight, refresh as refreshExplain, setUpExplain, show as showExplain,
} from "./explain.js";
import { setUpDiagram, showDiagram, showUnitMaps } from "./network.js";
import { keep as keepOpened, setUpOpening } from "./opening.js";
import { fmt } from "./number.js";
import { linkFiles, setUpFiles } from "./files.js";
import { decodeState, showTrace } from "./panels.js";
import { cells, drawPlane } from "./plane.js";
import { SLICE_SECONDS } from "./engine.js";
import { NEW, Session, file, request } from "./session.js";
import {
  drawingFirstView, failed, finished, setUpGlossary, starting,
} from "./startup.js";
import { showUpdate } from "./updates.js";
import { setUpWiring, showWiring, wiringTakes } from "./wiring.js";

const $ = (id) => document.getElementById(id);
const plane = $("plane");
let view = null;
let queue = Promise.resolve();
let playing = false;
let drawPending = false;
let dataSeed = 1;
let options = null;  // what /api/options says the page may choose from
const session = new Session(render);

function showError(message) {
  $("error").textContent = inFormWords(message);
  $("error").hidden = !message;
}

/** Queue a request whose answer is a session view; draw it. Resolves to the view (or null).
 *  Action null makes a new session, "" (with GET) reads the view.  A function as body
 *  is called when the request's turn comes (to edit the latest view). */
function send(action, body, method = "POST") {
  const run = async () => {
    try {
      const payload = typeof body === "function" ? body() : body;
      if (payload === null) return view;
      render(action === null ? await request("POST", NEW, payload)
        : await session.call(method, action, payload));
      showError("");
      return view;
    } catch (error) {
      setPlaying(false);
      if (error.code === "diverged") {  // show where training stopped, the message's epoch
        render(await session.call("GET", "", undefined).catch(() => view));
      }
      showError(error.message);
      if (view !== null) syncControls(view.settings, true);  // undo the refused edit
      return null;
    }
  };
  queue = queue.then(run);
  return queue;
}

/** Take a new view: drawn at the next animation frame (the latest one, if several came). */
function render(next) {
  view = next;
  session.view = next;
  if (!drawPending) {
    drawPending = true;
    requestAnimationFrame(() => { drawPending = false; draw(); });
  }
  if (session.wantsModel(playing)) queue = queue.then(() => session.keepModel());
}

const percent = (share) => (share === null ? "–" : `${(100 * share).toFixed(1)}%`);

function draw() {
  document.body.dataset.version = view.version;
  if (view.fitted) drawFit(plane, view); else drawPlane(plane, view);
  drawCurve($("curve"), view.curve);
  $("point-count").textContent = view.points.length;
  $("test-count").textContent = view.test_points.length;
  $("epoch").textContent = Number.isInteger(view.epoch) ? view.epoch : view.epoch.toFixed(2);
  $("loss-value").textContent = fmt(view.loss);
  $("accuracy").textContent = percent(view.accuracy);
  $("test-loss-value").textContent = fmt(view.test_loss);
  $("test-accuracy").textContent = percent(view.test_accuracy);
  showTrace($("trace"), view.trace, view.settings.loss);
  syncControls(view.settings);
  showClasses(view.settings);
  showTask(view.settings, options);
  linkFiles(view.id);
  showUnitMaps(view.unit_maps, cells);
  if (view.update) showUpdate(view.update);
  keepOpened(view);
  showWiring(view);
  showDiagram(view, fetchDiagram).then(showExplain);
  if (!playing) refreshExplain(view);
}

/** A POST on the session answered with something other than a view (in the queue). */
function ask(action, body) {
  const answer = queue.then(() => session.call("POST", action, body));
  queue = answer.catch(() => null);
  return answer;
}

/** The diagram's SVG for the current view (``query``: the perceptrons opened, "?open=3"),
 *  or null (the error is shown). */
async function fetchDiagram(query = "") {
  try {
    return (await file(`/api/sessions/${view.id}/diagram.svg${query}`)).text;
  } catch (error) {
    if (error.code === "no_session") send("", undefined, "GET");  // brings it back
    else if (error.status) showError(error.message);
    else console.warn(`diagram: ${error}`);  // the connection failed: the next view tries again
  }
  return null;
}

function setPlaying(on) {
  playing = on;
  $("play").textContent = on ? "pause" : "play";
  $("play").classList.toggle("playing", on);
  $("status").textContent = on ? "training…" : "ready";
  $("status").dataset.state = on ? "training" : "ready";
}

async function play() {
  setPlaying(!playing);
  if (!playing) return;
  while (playing) {
    const next = await send("train", { epochs: 100000, max_seconds: SLICE_SECONDS });
    if (next === null) return;
  }
  send("", undefined, "GET");  // paused: the full view (while playing they are quick)
}

function showNoise() {
  $("noise-value").textContent = Number($("noise").value).toFixed(2);
}

function regenerate() {
  showNoise();
  send("dataset", { name: $("dataset").value, n: Number($("count").value),
    noise: Number($("noise").value), seed: dataSeed });
}

function fillSelect(id, names) {
  $(id).replaceChildren(...names.map((name) => new Option(name.replace(/_/g, " "), name)));
}

async function start() {
  starting();
  setUpGlossary();
  options = await request("GET", "/api/options");
  drawingFirstView();
  fillSelect("dataset", options.datasets);
  fillSelect("activation", options.activations);
  fillSelect("loss", options.losses);
  fillSelect("mode", options.modes);
  fillSelect("optimizer", options.optimizers);
  makeFeatures(options.features);
  setUpClasses(options);
  $("dataset").value = "xor";
  setUpPlane(plane, send, () => view);
  for (const el of document.querySelectorAll("[data-setting]")) {
    el.addEventListener("change", () => {
      try {
        const { body, note } = changeOf(el);
        $("settings-note").textContent = note;
        send("settings", body).then((next) => {  // a task without points: its preset
          if (!next || !("task" in body) || next.points.length > 0) return;
          showTask(next.settings, options);
          regenerate();
        });
      } catch (error) {  // refused in the page: said in the learner's words, nothing sent
        showError(error.message);
        if (view !== null) syncControls(view.settings, true);
      }
    });
  }
  for (const box of document.querySelectorAll("[data-feature]")) {
    box.addEventListener("change", () => send("settings", { features: checkedFeatures() }));
  }
  $("split").addEventListener("input", () => {
    $("split-value").textContent = `${Math.round(100 * Number($("split").value))}%`;
  });
  setUpLayers(() => view.settings, (hidden) => send("settings", { hidden }));
  setUpDiagram((name, value) => send("weight", { name, value }), pickWeight, showError);
  setUpExplain(ask);
  setUpOpening(() => showDiagram(view, fetchDiagram).then(showExplain), wiringTakes);
  setUpWiring((settings) => send("settings", settings), options.activations,
    options.limits.perceptrons);
  setUpExpressionLab();
  $("play").addEventListener("click", play);
  $("step").addEventListener("click", () => send("train", { updates: 1 }));
  $("reset").addEventListener("click", () => send("reset", {}));
  $("regenerate").addEventListener("click", () => { dataSeed += 1; regenerate(); });
  $("dataset").addEventListener("change", regenerate);
  $("count").addEventListener("change", regenerate);
  $("noise").addEventListener("input", showNoise);
  $("noise").addEventListener("change", regenerate);
  $("clear").addEventListener("click", () => send("points", { points: [] }));
  setUpFiles(session, send, showError);
  for (const type of ["focus", "visibilitychange"]) {  // back to the page: is it still there?
    window.addEventListener(type, () => {
      if (view !== null && !playing && document.visibilityState === "visible") {
        send("", undefined, "GET");
      }
    });
  }

  const hash = new URLSearchParams(location.hash.slice(1)).get("state");
  let restored = null;
  if (hash) {
    try {
      restored = await send(null, decodeState(hash));
    } catch {  // not base64url: nothing was sent
      showError("it is not base64url text");
    }
  }
  const why = $("error").textContent;
  if (restored === null && await send(null, {}) !== null) regenerate();
  finished();  // the first view is drawn: the page answers while the preset comes
  await queue;
  setPlaying(false);
  if (hash && restored === null) showError(`the link's state was not restored (${why}); `
    + "this is a new session with a preset");
}

start().catch((error) => {  // the engine cannot answer: say why
  showError(error.message);
  failed(error.message);
  $("status").textContent = "not started";
});
