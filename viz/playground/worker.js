// The static site's engine: a module Web Worker that runs Pyodide (CPython in
// WebAssembly), unpacks this project's packages (python.zip, made by `make site`) and
// answers each request of the page with viz.playground.browser.handle, the server's own
// Python.  The diagram's DOT text is drawn by Viz.js (Graphviz in WebAssembly).  Every
// file comes from the site itself.  Messages: the page sends {id, method, url, body};
// the worker answers {id, status, type, text}, and {progress} while it starts (or
// {failed} when it cannot).

import { loadPyodide } from "./pyodide/pyodide.mjs";
import { instance } from "./viz.js";

const here = (name) => new URL(name, import.meta.url).href;
const progress = (stage, line) => postMessage({ progress: line, stage });

async function boot() {
  progress(0, "loading the Python runtime (Pyodide)…");
  const pyodide = await loadPyodide({ indexURL: here("./pyodide/") });
  progress(1, "loading the packages (Graphviz in WebAssembly)…");
  const [viz, response] = await Promise.all([instance(), fetch(here("./python.zip"))]);
  if (!response.ok) throw new Error(`python.zip: HTTP ${response.status}`);
  progress(2, "loading the project (autograd, nn, viz)…");
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/engine" });
  pyodide.runPython("import sys; sys.path.insert(0, '/engine')");
  const browser = pyodide.pyimport("viz.playground.browser");
  browser.start((source, engine) => viz.renderString(source, { engine, format: "svg" }));
  progress(3, "drawing the first view…");
  return browser;
}

const ready = boot();
ready.catch((error) => postMessage({ failed: String(error.message || error) }));

addEventListener("message", async ({ data }) => {
  const browser = await ready.catch(() => null);
  if (browser === null) return;  // the page was told why (failed)
  try {
    const answer = browser.handle(data.method, data.url, data.body);
    const [status, text, type] = answer.toJs();
    answer.destroy();
    postMessage({ id: data.id, status, type, text });
  } catch (error) {  // handle answers every error itself; this is Pyodide failing
    const text = JSON.stringify({ error: `the engine failed: ${error.message || error}` });
    postMessage({ id: data.id, status: 500, type: "application/json", text });
  }
});
