// The model panel's controls: the settings form, the input features' checkboxes, the
// train/test split slider, and the +/- buttons of the MLP's hidden layers.

const $ = (id) => document.getElementById(id);

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
    $(id).disabled = !on;
    $(id).parentElement.classList.toggle("disabled", !on);
  }
  showLayers(settings);
}

/** A control's value as the API wants it; unparsable text goes as is (the server says why). */
export function settingValue(el) {
  const text = el.value.trim();
  if (el.dataset.setting === "hidden") {
    const widths = text.split(",").map((w) => Number(w.trim()));
    return widths.every((w) => Number.isInteger(w)) ? widths : text;
  }
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
  $("layer-count").textContent = mlp ? `${hidden.length} hidden layer(s)` : "(choose MLP)";
  $("add-layer").disabled = !mlp || hidden.length >= 6;
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
