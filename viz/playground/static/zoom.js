// The diagram's zoom: the SVG is drawn at a scale (CSS px per unit of its viewBox) inside a
// box that scrolls.  A new figure is shown whole if it can be read so (every text at least
// 11 CSS px tall), larger when the box has room; a figure too big to read whole is shown
// whole too, but without its texts (its numbers are read on hover, in the explain panel
// and the tables), until the learner zooms in ("readable", the buttons, ctrl + wheel).
// The maps beside the nodes are placed again at every scale, and the explain panel's
// node is scrolled into the box (reveal).

const $ = (id) => document.getElementById(id);
const READABLE_PX = 11.6;  // the smallest text's height at the readable scale (>= 11, text
  // heights do not grow exactly in proportion to the scale)
const STEP = 1.25;
const state = { svg: null, width: 0, height: 0, scale: 1, readable: 1, chosen: false };
let onScale = () => {};

/** The scale at which the whole figure fits the box. */
function fitScale() {
  const box = $("diagram-box");
  return Math.min((box.clientWidth - 4) / state.width, (box.clientHeight - 4) / state.height);
}

function apply(scale) {
  state.scale = Math.max(0.2, Math.min(4, scale));
  const [w, h] = [state.width * state.scale, state.height * state.scale];
  state.svg.setAttribute("width", `${w}px`);
  state.svg.setAttribute("height", `${h}px`);
  $("diagram-stage").style.width = `${w}px`;
  $("diagram-stage").style.height = `${h}px`;
  $("zoom-value").textContent = `${Math.round(100 * state.scale)}%`;
  state.svg.classList.toggle("shrunk", shrunk());  // texts hidden
  onScale();
}

/** The smallest text's rendered height at scale 1 (0 when the figure has no text). */
function smallestText(svg) {
  const heights = Array.from(svg.querySelectorAll("text"),
    (t) => t.getBoundingClientRect().height).filter((h) => h > 0);
  return heights.length ? Math.min(...heights) : 0;
}

/** Take a new figure (the SVG element just put in #diagram): keep the zoom the learner
 *  chose, or show it at the readable scale, larger if the box holds it whole. */
export function take(svg) {
  const box = svg.viewBox.baseVal;
  state.svg = svg;
  state.width = box.width;
  state.height = box.height;
  state.readable = 0;  // every text shown while they are measured
  apply(1);
  const smallest = smallestText(svg);
  state.readable = smallest > 0 ? READABLE_PX / smallest : 1;
  const fit = fitScale();
  apply(state.chosen ? state.scale : fit < state.readable ? fit : Math.min(fit, 1.6));
}

/** The current scale (CSS px per unit of the figure). */
export const scale = () => state.scale;

/** Whether the figure is shown without its texts (too small to read them). */
export const shrunk = () => state.scale < state.readable * 0.999;

/** Show the figure at the readable scale with ``element`` in view (a perceptron just
 *  opened: its operations are read, not only seen). */
export function readAt(element) {
  if (!state.svg || !shrunk()) return;
  state.chosen = true;
  apply(state.readable);
  reveal(element);
}

/** Scroll the box so that ``element`` (in the figure) is inside it, if it is not. */
export function reveal(element) {
  const box = $("diagram-box");
  const outer = box.getBoundingClientRect();
  const inner = element.getBoundingClientRect();
  if (inner.left < outer.left || inner.right > outer.right) {
    box.scrollLeft += (inner.left + inner.right - outer.left - outer.right) / 2;
  }
  if (inner.top < outer.top || inner.bottom > outer.bottom) {
    box.scrollTop += (inner.top + inner.bottom - outer.top - outer.bottom) / 2;
  }
  const moved = element.getBoundingClientRect();  // and the node into the window
  if (moved.top < 0 || moved.bottom > window.innerHeight) {
    element.scrollIntoView({ block: "nearest" });
  }
}

/** Wire the buttons and ctrl + wheel; ``placed()`` is called after every change of scale. */
export function setUpZoom(placed) {
  onScale = placed;
  const zoomBy = (factor) => {
    if (!state.svg) return;
    state.chosen = true;
    apply(state.scale * factor);
  };
  $("zoom-in").addEventListener("click", () => zoomBy(STEP));
  $("zoom-out").addEventListener("click", () => zoomBy(1 / STEP));
  $("zoom-fit").addEventListener("click", () => { state.chosen = true; apply(fitScale()); });
  $("zoom-read").addEventListener("click", () => {
    if (state.svg) { state.chosen = true; apply(state.readable); }
  });
  $("diagram-box").addEventListener("wheel", (event) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1);
  }, { passive: false });
}
