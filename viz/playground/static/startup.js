// The page's start, as an application's: a progress bar through the engine's stages (on
// the static site: the Python runtime, the packages, this project, then the first view;
// on the server: the first view only), the page inert until the engine answers, and the
// glossary of the symbols ("? symbols" in the header).

import { inBrowser, onProgress } from "./engine.js";

const $ = (id) => document.getElementById(id);
const STAGES = 4;  // runtime, packages, project (the worker's), first view (the page's)

function show(stage, text) {
  $("progress-bar").value = stage;
  if ($("status").textContent === text) return;  // said already
  $("progress-text").textContent = text;
  $("progress-stage").textContent = `stage ${stage + 1} of ${STAGES}`;
  $("status").textContent = text;
}

/** Show the progress bar and make the page inert until ``finished`` is called. */
export function starting() {
  document.body.classList.add("starting");
  document.querySelector("main").inert = true;
  $("progress").hidden = false;
  show(inBrowser ? 0 : STAGES - 1, inBrowser ? "starting…" : "drawing the first view…");
  onProgress((text, stage) => show(Math.min(stage, STAGES - 1), text));
}

/** The engine answered: the first view is being drawn. */
export function drawingFirstView() {
  show(STAGES - 1, "drawing the first view…");
}

/** The first view is drawn: the page is usable. */
export function finished() {
  document.body.classList.remove("starting");
  document.querySelector("main").inert = false;
  $("progress").hidden = true;
}

/** The engine cannot start: the card says so (and ``why``), and the page stays inert. */
export function failed(why) {
  document.querySelector("#progress h2").textContent = "The engine did not start";
  $("progress-text").textContent = why;
  $("progress-stage").textContent = "reload the page to try again";
}

/** The "? symbols" button opens and closes the glossary (Escape closes it too). */
export function setUpGlossary() {
  const toggle = (open) => {
    $("glossary").hidden = !open;
    $("glossary-open").setAttribute("aria-expanded", String(open));
  };
  $("glossary-open").addEventListener("click", () => toggle($("glossary").hidden));
  $("glossary-close").addEventListener("click", () => toggle(false));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("glossary").hidden) toggle(false);
  });
}
