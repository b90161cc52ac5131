// The page's session on the engine (see engine.js): JSON requests on it, and bringing
// it back when the engine no longer has it (it expired, or the server restarted: a 404
// with code "no_session") from what the page holds: points, settings and the model file.
// Views are asked for compactly (``?view=compact``: the heatmap as bytes).

import { inBrowser, send } from "./engine.js";
import { download } from "./panels.js";

/** An answer with status 400 or more as an Error with the engine's message, code and
 *  status. */
function refusal(answer) {
  let said = {};
  try {
    said = JSON.parse(answer.text);
  } catch {  // not JSON: the status says it
  }
  const error = new Error(said.error || `HTTP ${answer.status}`);
  error.code = said.code;
  error.status = answer.status;
  return error;
}

/** One JSON request; a refusal throws an Error with the engine's message and code. */
export async function request(method, url, body) {
  const answer = await send(method, url,
    body === undefined || typeof body === "string" ? body : JSON.stringify(body));
  if (answer.status >= 400) throw refusal(answer);
  return JSON.parse(answer.text);
}

/** One of the session's files: its ``text`` and ``type``; a refusal throws as above. */
export async function file(url) {
  const answer = await send("GET", url);
  if (answer.status >= 400) throw refusal(answer);
  return answer;
}

/** In the browser's engine a file link (``links``) cannot be followed: a click on one
 *  saves the file the engine answers instead (``onError(message)`` when it cannot). */
export function saveOnClick(links, onError) {
  if (!inBrowser) return;
  for (const link of links) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      file(new URL(link.href).pathname)
        .then((answer) => download(answer.text, link.download, answer.type))
        .catch((error) => onError(error.message));
    });
  }
}

/** The path that makes a new session (answered with a compact view). */
export const NEW = "/api/sessions?view=compact";

const network = (s) => JSON.stringify([s.model, s.hidden, s.activation, s.features, s.seed,
  s.classes]);

export class Session {
  /** ``render(view)`` draws a view and sets ``this.view`` to it. */
  constructor(render) {
    this.render = render;
    this.view = null;
    this.kept = null;  // the model file last fetched, and the view it came with
  }

  /** A request on the session (action "" for its view); if the server no longer has it,
   *  make it again from what the page holds, draw that, and send the request once more. */
  async call(method, action, body) {
    const url = () => `/api/sessions/${this.view.id}${action ? `/${action}` : ""}?view=compact`;
    try {
      return await request(method, url(), body);
    } catch (error) {
      if (error.code !== "no_session") throw error;
      console.warn(`${error.message}: bringing the session back`);
      this.render(await request("POST", NEW, this.held()));
      return request(method, url(), body);
    }
  }

  /** Points and settings, and the kept weights and epochs if their network is still the
   *  one in the settings (else the seed gives the weights again). */
  held() {
    const state = { settings: this.view.settings, points: this.view.points };
    if (this.kept !== null && network(this.kept.settings) === network(this.view.settings)) {
      state.model = this.kept.model;
      state.epochs = this.kept.epochs;
    }
    return state;
  }

  /** Whether the kept model is out of date: after any change, or every 2 s while playing. */
  wantsModel(playing) {
    const kept = this.kept;
    return kept === null || (kept.version !== this.view.version
      && (!playing || Date.now() - kept.time >= 2000));
  }

  /** Fetch the model file and keep it with the view it belongs to. */
  async keepModel() {
    if (!this.wantsModel(false)) return;  // another fetch came first
    try {
      const model = await this.call("GET", "model.json");
      const { settings, epochs, version } = this.view;
      this.kept = { model, settings, epochs, version, time: Date.now() };
      document.body.dataset.kept = version;  // what is kept, for whoever waits on it
    } catch (error) {
      console.warn(`keeping the model: ${error.message}`);
    }
  }
}
