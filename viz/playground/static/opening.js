// One perceptron, two views: clicking a perceptron in the diagram opens it in place into
// its operations (each w_{i->j} z_i, s_j, z_j and on an output E, with their values and
// gradients: GET .../diagram.svg?open=3,5); clicking it again (its outline or one of its
// operations) closes it.  Several can be open at once.  The explain panel then steps
// through an open perceptron operation by operation (see opsteps.js).

const $ = (id) => document.getElementById(id);
const open = new Set();  // the names of the perceptrons drawn opened
let redraw = () => {};

/** The perceptrons open now, in the order they were opened. */
export const opened = () => Array.from(open);

/** The query of diagram.svg for them ("" when none is open). */
export const openQuery = () => (open.size
  ? `?open=${Array.from(open, encodeURIComponent).join(",")}` : "");

/** The perceptron a click on ``target`` (in the diagram) names, or null: a closed one's
 *  node (graphviz titles perceptron k "u<k>", its name its first text), an open one's
 *  outline or operation. */
export function perceptronAt(target) {
  const outline = target.closest("g[data-open]");
  if (outline) return outline.dataset.open;
  const operation = target.closest("g[data-op]");
  if (operation) return operation.dataset.op.replace(/:[^:]*$/, "");
  const node = target.closest("g.node");
  if (!node || !/^u\d+$/.test(node.querySelector("title")?.textContent ?? "")) return null;
  return node.querySelector("text")?.textContent ?? null;
}

/** Open ``name`` if it is closed, close it if it is open; then draw the diagram again. */
export function toggle(name) {
  if (open.has(name)) open.delete(name);
  else open.add(name);
  $("diagram").dataset.open = opened().join(",");
  redraw();
}

/** Keep only the perceptrons the view still has (a new network closes the others): each
 *  perceptron reads from something, so it is the j of some weight w[i->j]. */
export function keep(view) {
  const names = new Set(view.parameters.map(([name]) => /->(.*)\]$/.exec(name)?.[1]));
  for (const name of Array.from(open)) if (!names.has(name)) open.delete(name);
  $("diagram").dataset.open = opened().join(",");
}

/** Wire the clicks; ``draw()`` draws the diagram again, ``busy(target)`` says whether
 *  another job (the network editor) takes this click. */
export function setUpOpening(draw, busy) {
  redraw = draw;
  $("diagram").addEventListener("click", (event) => {
    if (event.target.closest("a[data-param], a[data-label]") || busy(event.target)) return;
    const name = perceptronAt(event.target);
    if (name !== null) toggle(name);
  });
}
