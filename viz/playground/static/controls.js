// The model panel's controls: the settings form (only the controls that apply to the
// network shown, the network menu naming the network that runs, an optimiser's usual
// learning rate), the input features' checkboxes, the train/test split slider, the +/-
// buttons of the MLP's hidden layers, and the engine's messages in the form's words.

const $ = (id) => document.getElementById(id);

/** An optimiser's usual learning rate eta on a kind of network: plain gradient descent
 *  takes the tutorial's 0.5 on its own networks (the perceptron, the 2-5-1; section 2.1)
 *  and 0.05 on an MLP or a network of your own, whose many units 0.5 saturates (the
 *  3-class spiral on an MLP 16,16: 36% accuracy after 300 epochs at 0.5, 94% at 0.05);
 *  Adam takes its customary 0.01 on any. */
export function usualLr(optimizer, model) {
  if (optimizer === "adam") return 0.01;
  return model === "mlp" || model === "network" ? 0.05 : 0.5;
}

const OPTIMISER_NAMES = { sgd: "gradient descent", adam: "Adam" };

/** The element id of a feature's checkbox: "x^2" -> "feature-x2", "sin(x)" -> "feature-sinx". */
export const featureId = (name) => `feature-${name.replace(/[^a-z0-9]/g, "")}`;

/** One checkbox per input feature, in ``box``. */
export function makeFeatures(names) {
  $("features").replaceChildren(...names.map((name) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = featureId(name);
    box.dataset.feature = name;
    label.append(box, ` ${name}`);
    return label;
  }));
}

/** The features checked now, in the order of their boxes. */
export function checkedFeatures() {
  return Array.from(document.querySelectorAll("[data-feature]:checked"),
    (box) => box.dataset.feature);
}

let shown = "";  // the settings last shown, as JSON

/** Show the settings in the form; the field being edited is left alone unless ``all``. */
export function syncControls(settings, all = false) {
  const text = JSON.stringify(settings);
  if (text === shown && !all) return;
  shown = text;
  for (const el of document.querySelectorAll("[data-setting]")) {
    if (!all && el === document.activeElement) continue;
    const value = settings[el.dataset.setting];
    el.value = Array.isArray(value) ? value.join(",") : (value ?? "");
  }
  for (const box of document.querySelectorAll("[data-feature]")) {
    box.checked = settings.features.includes(box.dataset.feature);
  }
  $("split-value").textContent = `${Math.round(100 * settings.split)}%`;
  const mlp = settings.model === "mlp";
  for (const [id, on] of [["hidden", mlp], ["activation", mlp],
    ["momentum", settings.optimizer === "sgd"], ["batch-size", settings.mode === "batch"]]) {
    $(id).disabled = !on;  // hidden, not greyed: a value that does not apply is not shown
    $(id).parentElement.hidden = !on;
  }
  nameNetworks(settings);
  showLayers(settings);
}

/** The network menu's entries named by the network each would run now, inputs to
 *  outputs: "2-5-1 network", "2-5-3 network", "MLP 2-16-16-3", "perceptron 2-1". */
function nameNetworks(settings) {
  const inputs = settings.task === "regression" ? 1 : 2 + settings.features.length;
  const outputs = settings.classes > 2 ? settings.classes : 1;
  const shape = (hidden) => [inputs, ...hidden, outputs].join("-");
  const names = {
    perceptron: outputs === 1 ? `single perceptron ${shape([])}`
      : `${outputs} perceptrons ${shape([])}`,
    tutorial: `${shape([5])} network (the tutorial's)`,
    mlp: `MLP ${shape(settings.model === "mlp" ? settings.hidden : ["…"])}`,
    network: "your own network",
  };
  for (const option of $("model").options) option.textContent = names[option.value];
}

/** The fields of the engine's requests that the page fills from a control of its own. */
const FIELDS = { "weight.value": "The weight typed", "dataset.n": "Points",
  "dataset.noise": "Noise" };

/** The field a message of the engine speaks of ("settings.lr"), in the form's words
 *  ("Learning rate η"): the label of the control of that setting. */
export function inFormWords(message) {
  const said = message.replace(/^(?:state\.)?settings\.([a-z_0-9]+)/, (whole, key) => {
    const label = document.querySelector(`[data-setting="${key}"]`)?.parentElement;
    const words = label?.firstChild?.textContent.trim();
    return words ? words[0].toUpperCase() + words.slice(1) : whole;
  });
  return said.replace(/^(weight\.value|dataset\.n|dataset\.noise)\b/, (key) => FIELDS[key]);
}

/** The request body of a changed control, and a note to show (or "").  Choosing an
 *  optimiser, or a kind of network, also puts the usual learning rate in the field. */
export function changeOf(el) {
  const key = el.dataset.setting;
  const value = settingValue(el);
  const plain = { body: { [key]: value }, note: "" };
  const optimizer = key === "optimizer" ? value : $("optimizer").value;
  const model = key === "model" ? value : $("model").value;
  if ((key !== "optimizer" && key !== "model") || !(optimizer in OPTIMISER_NAMES)) return plain;
  const lr = usualLr(optimizer, model);
  if (key === "model" && Number($("lr").value) === lr) return plain;
  const on = optimizer === "sgd" ? (lr === 0.5 ? " on the tutorial's networks" : " on an MLP") : "";
  return { body: { [key]: value, lr },
    note: `learning rate η set to ${lr}, the usual one for ${OPTIMISER_NAMES[optimizer]}${on} `
      + "(change it if you like)" };
}

/** The hidden layers' sizes typed as "4,4", or an Error in the learner's words. */
export function hiddenSizes(text) {
  const widths = text.split(",").map((w) => w.trim());
  const bad = widths.find((w) => !/^\d+$/.test(w) || Number(w) < 1 || Number(w) > 32);
  if (bad !== undefined || widths.length > 6) {
    throw new Error(bad === undefined
      ? `Hidden layers: at most 6 layers (got ${widths.length}: "${text}")`
      : `Hidden layers: write sizes from 1 to 32 separated by commas, like 4,4 (got "${text}")`);
  }
  return widths.map(Number);
}

/** A control's value as the API wants it; unparsable text goes as is (the engine says
 *  why), but hidden layers are checked here (an Error in the learner's words). */
export function settingValue(el) {
  const text = el.value.trim();
  if (el.dataset.setting === "hidden") return hiddenSizes(text);
  if (el.dataset.setting === "batch_size" && text === "") return null;  // the whole set
  if (el.type === "number" || el.type === "range" || "number" in el.dataset) {
    return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return text;
}

function button(id, text, title) {
  const b = document.createElement("button");
  b.id = id;
  b.textContent = text;
  b.title = title;
  b.type = "button";
  return b;
}

/** The +/- buttons: of the number of hidden layers, and of each layer's perceptrons. */
function showLayers(settings) {
  const mlp = settings.model === "mlp";
  const hidden = settings.hidden;
  $("layer-count").textContent = mlp ? `${hidden.length} hidden layer(s)` : "";
  for (const id of ["layer-count", "add-layer", "remove-layer"]) $(id).hidden = !mlp;
  $("add-layer").disabled = !mlp || hidden.length >= 6;  // shown for an MLP only
  $("remove-layer").disabled = !mlp || hidden.length <= 1;
  $("layers").replaceChildren(...(mlp ? hidden : []).map((width, k) => {
    const span = document.createElement("span");
    span.className = "layer-width";
    const less = button(`remove-unit-${k + 1}`, "−", `one perceptron fewer in layer ${k + 1}`);
    const more = button(`add-unit-${k + 1}`, "+", `one perceptron more in layer ${k + 1}`);
    less.disabled = width <= 1;
    more.disabled = width >= 32;
    less.dataset.layer = k;
    less.dataset.change = -1;
    more.dataset.layer = k;
    more.dataset.change = 1;
    span.append(less, ` ${width} `, more);
    return span;
  }));
}

/** Wire the +/- buttons; ``change(hidden)`` sends the new widths. */
export function setUpLayers(current, change) {
  $("add-layer").addEventListener("click", () => {
    const hidden = current().hidden;
    change([...hidden, hidden[hidden.length - 1]]);
  });
  $("remove-layer").addEventListener("click", () => change(current().hidden.slice(0, -1)));
  $("layers").addEventListener("click", (event) => {
    const b = event.target.closest("button[data-layer]");
    if (!b) return;
    const hidden = current().hidden.slice();
    hidden[Number(b.dataset.layer)] += Number(b.dataset.change);
    change(hidden);
  });
}
