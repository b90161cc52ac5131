// The classes of the data: the "classes" setting (2 to 5), the class picker (a swatch per
// class in the figures' colours, numbered as the labels 0-4; the keys 0-4 choose), the
// class a click adds, and the loss and preset controls as the classes allow them (K > 2:
// softmax cross-entropy only, and a note on the presets that draw two classes only).

import { classColour, setPalette } from "./palette.js";

const $ = (id) => document.getElementById(id);
let options = null;
let classes = 0;  // the number of swatches shown
let chosen = 0;  // the class a plain click adds

/** The class a click adds: the chosen one, or with shift the next (shift-click adds blue
 *  while red is chosen, as with two classes always). */
export const clickedClass = (shift) => (shift ? (chosen + 1) % classes : chosen);

function choose(k) {
  chosen = k;
  for (const swatch of $("class-picker").children) {
    swatch.setAttribute("aria-checked", String(Number(swatch.dataset.class) === k));
  }
  $("class-picker").dataset.chosen = k;
}

/** Fill the classes control, wire the swatches and the keys 0-4; take the palette. */
export function setUpClasses(given) {
  options = given;
  setPalette(options);
  const [low, high] = options.limits.classes;
  $("classes").replaceChildren(...Array.from({ length: high - low + 1 },
    (_, k) => new Option(String(low + k), String(low + k))));
  $("class-picker").addEventListener("click", (event) => {
    const swatch = event.target.closest("[data-class]");
    if (swatch) choose(Number(swatch.dataset.class));
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, select, textarea");
    const k = /^[0-9]$/.test(event.key) ? Number(event.key) : -1;
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !(k >= 0 && k < classes)) {
      return;
    }
    choose(k);
  });
  $("dataset").addEventListener("change", () => showPresetNote(classes));
}

function swatch(k) {
  const b = document.createElement("button");
  b.type = "button";
  b.id = `class-${k}`;
  b.className = "swatch";
  b.dataset.class = k;
  b.setAttribute("role", "radio");
  b.title = `class ${k}: a click adds a point labelled ${k} (key ${k})`;
  b.textContent = k;
  b.style.backgroundColor = `rgb(${classColour(k).join(",")})`;
  return b;
}

function showPresetNote(k) {
  const name = $("dataset").value;
  const two = k > 2 && !options.class_datasets.includes(name);
  $("preset-note").textContent = two ? `${name} draws 2 classes only `
    + `(${options.class_datasets.join(" and ")} draw ${k})` : "";
}

/** Show the settings' classes: a swatch each, the losses they allow, the presets' note. */
export function showClasses(settings) {
  const k = settings.classes;
  if (k !== classes) {
    classes = k;
    $("class-picker").replaceChildren(...Array.from({ length: k }, (_, c) => swatch(c)));
    choose(Math.min(chosen, k - 1));
  }
  for (const option of $("loss").options) {
    const scores = options.class_losses.includes(option.value);
    option.disabled = scores !== k > 2;
    option.title = !option.disabled ? ""
      : scores ? "for 3 or more classes (one score per class)"
        : `for 2 classes (one output); ${k} classes need one score per class`;
  }
  showPresetNote(k);
}
