// The plane of a K-class model (K > 2): the heatmap's two values a cell, read and coloured.
// A K-class heatmap holds each cell's class (``labels``, or ``label_bytes``: base64 of one
// byte a cell) and its top probability p_max in [1/K, 1] (``values``, or ``bytes`` as any
// map); see viz/playground/pictures/plane_maps.py.  Drawing only: the numbers are the server's.

import { regionColour } from "./palette.js";

/** The class of every cell of a K-class heatmap. */
export function labelsOf(map) {
  if (map.labels) return map.labels;
  return Uint8Array.from(atob(map.label_bytes), (c) => c.charCodeAt(0));
}

/** The colour of every cell ([r, g, b]: its class's, lighter the less sure), and one 0/1
 *  mask per class present (1 inside the class: its boundary is the mask's 0.5 contour). */
export function regions(map, top) {
  const labels = labelsOf(map);
  const colours = Array.from(labels, (k, cell) => regionColour(k, top[cell], map.classes));
  const present = [...new Set(labels)];
  const masks = present.length < 2 ? []
    : present.map((k) => Array.from(labels, (label) => (label === k ? 1 : 0)));
  return { colours, masks };
}
