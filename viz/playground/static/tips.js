// What the diagram says on hover: a weight's value (and with a point selected its dE/dw),
// and a perceptron's s_j, z_j and delta_j, which the nodes show only when the zoom lets
// them be read (see zoom.js).

import { fmt } from "./number.js";

/** dE/dw of the selected point (``trace``: the view's) for the weight ``name``, or null. */
function gradientOf(name, trace) {
  if (!trace) return null;
  const bias = /^w\[0->(.*)\]$/.exec(name);  // w_{0->j}, the bias of j
  if (bias) return trace.units.find((u) => u.name === bias[1])?.bias_grad ?? null;
  const edge = trace.edges.find((e) => `w[${e.from}->${e.to}]` === name);
  return edge ? edge.grad : null;
}

/** The tooltip of the weight ``name`` of value ``w``. */
export function weightTip(name, w, trace) {
  const grad = gradientOf(name, trace);
  return `${name} = ${fmt(w)}`
    + (grad === null ? "" : `\n∂E/∂${name} = ${fmt(grad)} (selected point)`)
    + "\nclick to change";
}

/** The tooltip of the diagram's node ``g`` (perceptron k is "u<k>", input k "i<k>"), or
 *  null for the others. */
export function nodeTip(g, view) {
  const [, kind, k] = /^([iu])(\d+)$/.exec(g.querySelector("title")?.textContent ?? "")
    ?? [];  // an opened perceptron's operations ("u2p0", "u2s") say theirs in their text
  const name = g.querySelector("text")?.textContent;
  if (kind === "i") {
    return `input ${name}` + (view.trace && k < 2 ? ` = ${fmt(view.trace.input[k])}` : "");
  }
  if (kind !== "u") return null;
  const unit = view.trace?.units[Number(k)];
  if (!unit) return `perceptron ${name}`;
  return `perceptron ${name}\ns_${name} = ${fmt(unit.s)}\nz_${name} = ${fmt(unit.z)}`
    + `\nδ_${name} = ${fmt(unit.delta)}`;
}
