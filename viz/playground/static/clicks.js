// Clicks on the plane: add a point of the chosen class (shift: the next class), remove the
// nearest (right-click, or the "remove" mode), or select the nearest to trace it.

import { clickedClass } from "./classes.js";
import { fromEvent, nearest } from "./plane.js";

/** Wire the plane's clicks: ``send(action, body)`` queues a request whose body, a function,
 *  is made when its turn comes from ``current()``, the view current then (clicks may be
 *  queued), or is null to send nothing. */
export function setUpPlane(plane, send, current) {
  const editPoints = (change) => send("points", () => {
    const points = current().points.map((p) => p.slice());
    return change(points) === false ? null : { points };
  });
  const removeNearest = (x, y) => editPoints((points) => {
    const index = nearest(points, x, y);
    return index >= 0 && points.splice(index, 1).length > 0;
  });
  plane.addEventListener("click", (event) => {
    const [x, y] = fromEvent(plane, event);
    const mode = document.querySelector("input[name=click-mode]:checked").value;
    if (mode === "select") {
      send("select", () => {
        const index = nearest(current().points, x, y);
        return index >= 0 ? { index } : null;
      });
    } else if (mode === "remove") {
      removeNearest(x, y);
    } else {
      const round = (v) => Math.round(v * 1e4) / 1e4;
      const label = clickedClass(event.shiftKey);  // the class chosen now, not at the turn
      const fitting = current().settings.task === "regression";  // a point (x, y)
      editPoints((points) => points.push(fitting ? [round(x), round(y)]
        : [round(x), round(y), label]));
    }
  });
  plane.addEventListener("contextmenu", (event) => {
    event.preventDefault();
    removeNearest(...fromEvent(plane, event));
  });
}
