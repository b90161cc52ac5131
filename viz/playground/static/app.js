// The page: wires the controls to the JSON API and draws each view the server sends.
// Requests go out one at a time, in order (a queue), so clicks and training never race.
// The page keeps what it needs to bring its session back if the server loses it
// (see session.js).

import { drawPlane, fromEvent, nearest } from "./plane.js";
import {
  decodeState, download, drawCurve, encodeState, fmt, readFile, showTrace,
} from "./panels.js";
import { Session, request } from "./session.js";

const $ = (id) => document.getElementById(id);
const plane = $("plane");
let view = null;
let queue = Promise.resolve();
let playing = false;
let diagramLoading = false;
let dataSeed = 1;
const session = new Session(render);

function showError(message) {
  $("error").textContent = message;
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
      render(action === null ? await request("POST", "/api/sessions", payload)
        : await session.call(method, action, payload));
      showError("");
      return view;
    } catch (error) {
      showError(error.message);
      setPlaying(false);
      if (view !== null) syncControls(view.settings, true);  // undo the refused edit
      return null;
    }
  };
  queue = queue.then(run);
  return queue;
}

function render(next) {
  view = next;
  session.view = next;
  document.body.dataset.version = view.version;
  drawPlane(plane, view);
  drawCurve($("curve"), view.curve);
  $("point-count").textContent = view.points.length;
  $("epoch").textContent = Number.isInteger(view.epoch) ? view.epoch : view.epoch.toFixed(2);
  $("loss-value").textContent = fmt(view.loss);
  $("accuracy").textContent = view.accuracy === null ? "–" : `${(100 * view.accuracy).toFixed(1)}%`;
  showTrace($("trace"), view.trace, view.settings.loss);
  syncControls(view.settings);
  for (const [id, name] of [["export-model", "model.json"], ["export-data", "data.csv"],
    ["export-diagram", "diagram.svg"]]) {
    $(id).href = `/api/sessions/${view.id}/${name}`;
  }
  refreshDiagram();
  if (session.wantsModel(playing)) queue = queue.then(() => session.keepModel());
}

async function refreshDiagram() {
  const box = $("diagram");
  if (diagramLoading || Number(box.dataset.version) === view.version) return;
  diagramLoading = true;
  const version = view.version;
  let retry = false;
  try {
    const response = await fetch(`/api/sessions/${view.id}/diagram.svg`);
    if (response.ok) {
      box.innerHTML = await response.text();
      box.dataset.version = version;
    } else {
      const answer = await response.json();
      if (answer.code === "no_session") send("", undefined, "GET");  // brings it back
      else showError(answer.error);
    }
  } catch (error) {  // the connection failed: try again shortly
    console.warn(`diagram: ${error}`);
    retry = true;
  } finally {
    diagramLoading = false;
  }
  if (retry) setTimeout(refreshDiagram, 250);
  else if (view.version !== version) refreshDiagram();
}

/** Show the settings in the form; the field being edited is left alone unless ``all``. */
function syncControls(settings, all = false) {
  for (const el of document.querySelectorAll("[data-setting]")) {
    if (!all && el === document.activeElement) continue;
    const value = settings[el.dataset.setting];
    el.value = Array.isArray(value) ? value.join(",") : value;
  }
  const mlp = settings.model === "mlp";
  for (const [id, on] of [["hidden", mlp], ["activation", mlp],
    ["momentum", settings.optimizer === "sgd"]]) {
    $(id).disabled = !on;
    $(id).parentElement.classList.toggle("disabled", !on);
  }
}

/** A control's value as the API wants it; unparsable text goes as is (the server says why). */
function settingValue(el) {
  const text = el.value.trim();
  if (el.dataset.setting === "hidden") {
    const widths = text.split(",").map((w) => Number(w.trim()));
    return widths.every((w) => Number.isInteger(w)) ? widths : text;
  }
  if (el.type === "number") {
    return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return text;
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
  while (playing) {
    const next = await send("train", { epochs: 100000, max_seconds: 0.15 });
    if (next === null) break;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Change the points of the view current when the request goes out (clicks may be queued). */
function editPoints(change) {
  send("points", () => {
    const points = view.points.map((p) => p.slice());
    return change(points) === false ? null : { points };
  });
}

function removeNearest(x, y) {
  editPoints((points) => {
    const index = nearest(points, x, y);
    return index >= 0 && points.splice(index, 1).length > 0;
  });
}

function onPlaneClick(event) {
  const [x, y] = fromEvent(plane, event);
  const mode = document.querySelector("input[name=click-mode]:checked").value;
  if (mode === "select") {
    send("select", () => {
      const index = nearest(view.points, x, y);
      return index >= 0 ? { index } : null;
    });
  } else if (mode === "remove") {
    removeNearest(x, y);
  } else {
    const round = (v) => Math.round(v * 1e4) / 1e4;
    editPoints((points) => points.push([round(x), round(y), event.shiftKey ? 1 : 0]));
  }
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
  const options = await request("GET", "/api/options");
  fillSelect("dataset", options.datasets);
  fillSelect("activation", options.activations);
  fillSelect("loss", options.losses);
  fillSelect("mode", options.modes);
  fillSelect("optimizer", options.optimizers);
  $("dataset").value = "xor";
  plane.addEventListener("click", onPlaneClick);
  plane.addEventListener("contextmenu", (event) => {
    event.preventDefault();
    removeNearest(...fromEvent(plane, event));
  });
  for (const el of document.querySelectorAll("[data-setting]")) {
    el.addEventListener("change", () => send("settings", { [el.dataset.setting]: settingValue(el) }));
  }
  $("play").addEventListener("click", play);
  $("step").addEventListener("click", () => send("train", { updates: 1 }));
  $("reset").addEventListener("click", () => send("reset", {}));
  $("regenerate").addEventListener("click", () => { dataSeed += 1; regenerate(); });
  $("dataset").addEventListener("change", regenerate);
  $("count").addEventListener("change", regenerate);
  $("noise").addEventListener("input", showNoise);
  $("noise").addEventListener("change", regenerate);
  $("clear").addEventListener("click", () => send("points", { points: [] }));
  $("save-state").addEventListener("click", async () => {
    download(JSON.stringify(await session.call("GET", "state"), null, 1), "playground-state.json");
  });
  $("make-link").addEventListener("click", async () => {
    const state = await session.call("GET", "state");
    history.replaceState(null, "", `#state=${encodeState(state)}`);
    $("link").value = location.href;
  });
  $("import-model").addEventListener("change", () => readFile($("import-model"),
    (text) => send("model", text)));
  $("load-state").addEventListener("change", () => readFile($("load-state"),
    (text) => send(null, text)));
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
  await queue;
  setPlaying(false);
  if (hash && restored === null) showError(`the link's state was not restored (${why}); `
    + "this is a new session with a preset");
}

start();
