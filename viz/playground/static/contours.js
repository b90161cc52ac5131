// The boundaries on the plane as smooth curves.  The engine may send them (``boundaries``:
// polylines in the plane's coordinates, traced at the plane's resolution); otherwise the
// page traces them itself by marching squares over the heatmap's cells (the 0.5 contour
// of h, or of each class's 0/1 mask), joins the pieces into polylines and smooths them,
// so that neither the 8-bit heatmap of an untrained network nor a class mask draws as a
// staircase.

const SIDES = [[0, 0, 1, 0], [1, 0, 1, 1], [1, 1, 0, 1], [0, 1, 0, 0]];  // corner k to k + 1

/** The key of the grid edge where side ``k`` of cell (i, j) lies (shared by its two cells). */
function edgeKey(i, j, k) {
  if (k === 0) return `h${i},${j}`;
  if (k === 2) return `h${i},${j + 1}`;
  return k === 1 ? `v${i + 1},${j}` : `v${i},${j}`;
}

/** The 0.5 contour of ``values`` (n x n cells, row by row from the top) by marching
 *  squares over the cell centres: segments [[key, x, y], [key, x, y]] in cell units. */
function segments(values, n) {
  const found = [];
  const c = [0, 0, 0, 0];
  for (let j = 0; j < n - 1; j++) {
    for (let i = 0; i < n - 1; i++) {
      c[0] = values[j * n + i] - 0.5;
      c[1] = values[j * n + i + 1] - 0.5;
      c[2] = values[(j + 1) * n + i + 1] - 0.5;
      c[3] = values[(j + 1) * n + i] - 0.5;
      const below = (c[0] < 0) + (c[1] < 0) + (c[2] < 0) + (c[3] < 0);
      if (below === 0 || below === 4) continue;
      let open = null;
      for (let k = 0; k < 4; k++) {
        const [a, b] = [c[k], c[(k + 1) % 4]];
        if ((a < 0) === (b < 0)) continue;
        const t = a / (a - b);
        const [x0, y0, x1, y1] = SIDES[k];
        const end = [edgeKey(i, j, k), i + 0.5 + x0 + t * (x1 - x0), j + 0.5 + y0 + t * (y1 - y0)];
        if (open === null) open = end;
        else { found.push([open, end]); open = null; }
      }
    }
  }
  return found;
}

/** The segments joined end to end into polylines (lists of [x, y]). */
function join(pieces) {
  const at = new Map();  // edge key -> the pieces ending there
  pieces.forEach((piece, k) => {
    for (const [key] of piece) at.set(key, [...(at.get(key) ?? []), k]);
  });
  const used = new Set();
  const lines = [];
  const extend = (line, key) => {  // follow the pieces from the end ``key`` of ``line``
    for (;;) {
      const next = (at.get(key) ?? []).find((k) => !used.has(k));
      if (next === undefined) return;
      used.add(next);
      const far = pieces[next][0][0] === key ? pieces[next][1] : pieces[next][0];
      line.push([far[1], far[2]]);
      key = far[0];
    }
  };
  pieces.forEach(([a, b], k) => {
    if (used.has(k)) return;
    used.add(k);
    const forward = [[a[1], a[2]], [b[1], b[2]]];
    extend(forward, b[0]);
    const backward = [];
    extend(backward, a[0]);
    lines.push([...backward.reverse(), ...forward]);
  });
  return lines;
}

/** ``line`` with each inner point moved to the mean of itself and its neighbours,
 *  ``times`` times (the ends stay). */
function relax(line, times) {
  let points = line;
  for (let t = 0; t < times; t++) {
    points = points.map((p, k) => (k === 0 || k === points.length - 1 ? p
      : [(points[k - 1][0] + 2 * p[0] + points[k + 1][0]) / 4,
        (points[k - 1][1] + 2 * p[1] + points[k + 1][1]) / 4]));
  }
  return points;
}

/** Stroke each polyline (canvas pixels) as a smooth curve through its points' midpoints. */
export function strokeSmooth(ctx, lines) {
  ctx.beginPath();
  for (const line of lines) {
    if (line.length < 2) continue;
    ctx.moveTo(...line[0]);
    for (let k = 1; k < line.length - 1; k++) {
      const [x, y] = line[k];
      ctx.quadraticCurveTo(x, y, (x + line[k + 1][0]) / 2, (y + line[k + 1][1]) / 2);
    }
    ctx.lineTo(...line[line.length - 1]);
  }
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** The 0.5 contours of the maps ``fields`` (n x n cells each) as smooth polylines in the
 *  canvas's pixels. */
export function traced(fields, n, canvas) {
  const cell = canvas.width / n;
  return fields.flatMap((values) => join(segments(values, n)).map(
    (line) => relax(line, 6).map(([x, y]) => [x * cell, y * cell])));
}
