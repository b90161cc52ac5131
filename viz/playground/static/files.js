// The Files panel: the session's downloads (model, points, diagram, state), its state link,
// and the imports (a model file, a state file, a CSV of points).  On the static site the
// download links save what the worker answers (see session.js).

import { download, encodeState, readFile } from "./panels.js";
import { saveOnClick } from "./session.js";

const $ = (id) => document.getElementById(id);

const LINKS = new Map([["export-model", "model.json"], ["export-data", "data.csv"],
  ["export-diagram", "diagram.svg"]]);

/** Point the download links at the files of session ``id``. */
export function linkFiles(id) {
  for (const [link, name] of LINKS) $(link).href = `/api/sessions/${id}/${name}`;
}

/** Wire the panel: ``send(action, body)`` queues a request whose answer is a view
 *  (action null: a new session from a state), ``showError`` says what went wrong. */
export function setUpFiles(session, send, showError) {
  saveOnClick(Array.from(LINKS.keys(), $), showError);
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
  $("import-data").addEventListener("change", () => readFile($("import-data"),
    (text, name) => send("csv", { text, name })));
}
