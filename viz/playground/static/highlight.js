// The explain panel's marks on the diagram: the current step's node and edges, the
// topological order as numbers beside the nodes, and forward mode's tangents.
// Graphviz names the nodes by position: input k is "i<k>", perceptron k is "u<k>".

const SVG = "http://www.w3.org/2000/svg";

/** The diagram's node element of ``name`` (``order``: names in topological order). */
function nodeOf(box, name, inputs, order) {
  const k = order.indexOf(name);
  const id = k < inputs ? `i${k}` : `u${k - inputs}`;
  return Array.from(box.querySelectorAll("g.node")).find(
    (g) => g.querySelector("title")?.textContent === id) ?? null;
}

/** Remove every mark of the panel. */
export function clearMarks(box) {
  box.querySelectorAll(".current, .lit").forEach((el) => el.classList.remove("current", "lit"));
  box.querySelectorAll("text.badge").forEach((el) => el.remove());
}

/** Mark the step's node (its operation ``op``, the diagram's ``data-op``, when the
 *  perceptron is opened) and edges. */
export function markStep(box, step, inputs, order, op = undefined) {
  const node = op ? box.querySelector(`g[data-op="${CSS.escape(op)}"]`)
    : step.node !== "E" ? nodeOf(box, step.node, inputs, order) : null;
  node?.classList.add("current");
  for (const name of step.edges) {
    box.querySelectorAll(`a[data-param="${CSS.escape(name)}"] path:not(.hit)`)
      .forEach((path) => path.classList.add("lit"));
  }
}

/** Write ``text(name)`` beside each node that has one (above it, or below with ``below``). */
export function badges(box, inputs, order, text, below = false) {
  order.forEach((name) => {
    const label = text(name);
    const g = nodeOf(box, name, inputs, order);
    const shape = g?.querySelector("ellipse, polygon, path");
    if (!label || !shape) return;
    const bounds = shape.getBBox();
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("class", "badge");
    t.setAttribute("x", bounds.x + bounds.width / 2);
    t.setAttribute("y", below ? bounds.y + bounds.height + 10 : bounds.y - 3);
    t.setAttribute("text-anchor", "middle");
    t.textContent = label;
    g.appendChild(t);
  });
}
