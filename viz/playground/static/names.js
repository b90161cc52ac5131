// The nodes' names while the diagram is too small for its texts.  zoom.js hides every
// text of a figure whose smallest text would be under 11 CSS px; a hidden perceptron then
// shows its map of z_j, but an input, an a_0 = 1 or an output would be an empty box.  Each
// node without a map gets its name (the first line of its text) in a label of readable
// size over it, placed again at every scale.

const $ = (id) => document.getElementById(id);

/** The layer of names over the diagram (made once, beside the maps). */
function layer() {
  let box = $("node-names");
  if (!box) {
    box = document.createElement("div");
    box.id = "node-names";
    box.setAttribute("aria-hidden", "true");  // the SVG's own texts say the same
    $("diagram-stage").append(box);
  }
  return box;
}

/** Name every input, a_0 = 1 and perceptron of ``svg`` that ``mapped(name)`` says has no
 *  map shown on it, while ``on`` (the figure is shrunk); otherwise show no names. */
export function placeNames(svg, on, mapped) {
  const box = layer();
  box.replaceChildren();
  if (!svg || !on) return;
  const stage = $("diagram-stage").getBoundingClientRect();
  for (const g of svg.querySelectorAll("g.node")) {
    const id = g.querySelector("title")?.textContent ?? "";
    const name = g.querySelector("text")?.textContent;
    const shape = g.querySelector("polygon, ellipse, path");
    if (!/^[ibu]\d+$/.test(id) || !name || !shape || mapped(name)) continue;
    const node = shape.getBoundingClientRect();
    const label = document.createElement("span");
    label.textContent = name;
    label.style.left = `${(node.left + node.right) / 2 - stage.left}px`;
    label.style.top = `${(node.top + node.bottom) / 2 - stage.top}px`;
    box.append(label);
  }
}
