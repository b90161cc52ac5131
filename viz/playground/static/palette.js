// The class colours of the figures, so that the page and viz.plot_decision_boundary agree:
// viz.plane.CLASS_COLOURS (class 0 red, 1 blue, then green, orange, purple) and the
// strengths of the K-class regions, as /api/options sends them (setPalette, once, before
// anything is drawn).  Two classes: the plane's h(x) from red (0) through white to blue (1).

const LEVELS = 1024;
let colours = [];  // [r, g, b] of each class
let regions = null;  // {alpha, faintest} of viz.plot_decision_boundary's regions
let shades = [];

const rgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));

/** Take the class colours and the regions' strengths from the options of the server. */
export function setPalette(options) {
  colours = options.class_colours.map(rgb);
  regions = options.regions;
  const [red, blue] = colours;
  shades = Array.from({ length: LEVELS + 1 }, (_, level) => {
    const t = level / LEVELS;
    const [c, k] = t < 0.5 ? [red, (0.5 - t) * 2] : [blue, (t - 0.5) * 2];
    return c.map((v) => Math.round(255 + (v - 255) * 0.55 * k));
  });
}

/** [r, g, b] of class ``k`` (0-based); the array is shared: read it only. */
export const classColour = (k) => colours[k];

/** How many classes have a colour. */
export const classCount = () => colours.length;

/** Colour of an output h: red at 0, white at 0.5, blue at 1 (pale, so points stand out);
 *  one of LEVELS + 1 shades, made once (the array returned is shared: read it only). */
export function shade(h) {
  return shades[Math.round(Math.max(0, Math.min(1, h)) * LEVELS)];
}

/** A region's colour in a K-class heatmap, as viz.plot_decision_boundary paints it: the
 *  class's colour over white, of strength alpha (faintest + (1 - faintest) (p - 1/K) /
 *  (1 - 1/K)), p the top probability: faint where all K tie, full where p = 1. */
export function regionColour(k, p, classes) {
  const sure = (p - 1 / classes) / (1 - 1 / classes);
  const strength = regions.alpha * (regions.faintest + (1 - regions.faintest) * sure);
  return colours[k].map((v) => Math.round(255 - (255 - v) * strength));
}
