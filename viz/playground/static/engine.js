// The engine the page talks to, behind one small interface: ``send(method, url, body)``
// resolves to the answer ``{ status, type, text }`` of a request on the JSON API.
// Two transports carry it.  HTTP to the playground's server (``backprop playground``),
// or, on the static site (whose page names its worker in
// <meta name="playground-worker" content="...">), a Web Worker that runs the server's
// own Python, viz.playground.api.routes, under Pyodide: the same sessions, checks,
// training and files, without a server.

const meta = document.querySelector("meta[name=playground-worker]");
const waiting = new Map();  // request number -> its promise's resolve
const listeners = [];
let worker = null;
let numbered = 0;
let failed = null;  // why the worker cannot answer, once it says so

/** Whether the engine runs in this browser (the static site) rather than on a server. */
export const inBrowser = meta !== null;

/** The training asked for by each request while playing, in seconds.  A view costs the
 *  server a few milliseconds; in the browser, without NumPy, 5 to 40 ms under Pyodide (the
 *  plane replayed on plain floats, on the quick grid the model can afford while playing:
 *  viz.playground.pictures.plane_maps.quick_size), so there each request trains longer between views. */
export const SLICE_SECONDS = inBrowser ? 0.05 : 0.015;

/** Call ``listen(text, stage)`` with each stage (0, 1, 2, ...) of the engine's start. */
export function onProgress(listen) {
  listeners.push(listen);
}

function answerAll(text) {
  failed = text;
  for (const resolve of waiting.values()) resolve(refusedBy(text));
  waiting.clear();
}

function refusedBy(text) {
  return { status: 500, type: "application/json", text: JSON.stringify({ error: text }) };
}

function startWorker() {
  worker = new Worker(new URL(meta.content, document.baseURI), { type: "module" });
  worker.addEventListener("message", ({ data }) => {
    if (data.progress !== undefined) {
      listeners.forEach((listen) => listen(data.progress, data.stage));
    } else if (data.failed !== undefined) {
      answerAll(`the engine did not start: ${data.failed}`);
    } else {
      waiting.get(data.id)(data);
      waiting.delete(data.id);
    }
  });
  worker.addEventListener("error", (event) => answerAll(`the engine stopped: ${event.message}`));
}

async function overHttp(method, url, body) {
  const init = { method, headers: { "Content-Type": "application/json" } };
  if (body !== undefined) init.body = body;
  const response = await fetch(url, init);
  return { status: response.status, type: response.headers.get("Content-Type") || "",
    text: await response.text() };
}

function toWorker(method, url, body) {
  if (worker === null) startWorker();
  if (failed !== null) return Promise.resolve(refusedBy(failed));
  numbered += 1;
  const id = numbered;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ id, method, url, body: body ?? "" });
  });
}

/** One request (``body``: JSON text, or undefined): its answer's status, type and text. */
export function send(method, url, body) {
  return inBrowser ? toWorker(method, url, body) : overHttp(method, url, body);
}
