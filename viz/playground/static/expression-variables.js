// The expression lab's variables: a box and a slider for each variable the engine found in
// the text, and the pickers of a variable (to differentiate by, to sweep in forward mode).

/** One label per name of ``names``: the box and the slider of its value in ``values`` (a
 *  Map, updated in place); ``changed()`` is called after every change. */
export function variableControls(names, values, changed) {
  return names.map((name) => {
    const label = document.createElement("label");
    label.className = "variable";
    const slider = Object.assign(document.createElement("input"), { type: "range", min: -3,
      max: 3, step: 0.01, value: values.get(name) });
    const number = Object.assign(document.createElement("input"), { type: "number",
      step: "any", value: values.get(name) });
    slider.dataset.variable = name;
    number.dataset.variable = name;
    const take = (value, other) => {
      if (!Number.isFinite(value)) return;
      values.set(name, value);
      other.value = value;
      changed();
    };
    slider.addEventListener("input", () => take(Number(slider.value), number));
    number.addEventListener("change", () => take(Number(number.value), slider));
    label.append(`${name} = `, number, slider);
    return label;
  });
}

/** Offer ``names`` in ``select``, keeping its choice if it is still there (else x, else
 *  the first). */
export function offer(select, names) {
  const before = select.value;
  select.replaceChildren(...names.map((name) => new Option(name, name)));
  select.value = names.includes(before) ? before : (names.includes("x") ? "x" : names[0] ?? "");
}
