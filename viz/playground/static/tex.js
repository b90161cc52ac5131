// Formulas on the page: KaTeX (vendored in katex/, loaded by index.html) renders LaTeX
// into DOM nodes with katex.render, whose styles are set through the CSSOM, which the
// page's Content-Security-Policy allows (renderToString's style="" attributes it would not).
// A long formula breaks only between its terms: each term ("= ...", "+ ...") is rendered
// as its own piece that never breaks inside.

/** Render ``latex`` into ``el``; plain text if KaTeX did not load. */
export function renderTex(el, latex) {
  if (window.katex) window.katex.render(latex, el, { throwOnError: false });
  else el.textContent = latex;
}

/** ``latex`` cut before every "=", " + " and " - " outside braces, brackets and
 *  parentheses (\left( and \right) too): the pieces of a formula between which a line
 *  may break. */
export function terms(latex) {
  const pieces = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < latex.length; k++) {
    const c = latex[k];
    if ("{([".includes(c) || latex.startsWith("\\left", k)) depth += 1;
    else if ("})]".includes(c) || latex.startsWith("\\right", k)) depth -= 1;
    else if (depth === 0 && k > start && (c === "="
      || ((c === "+" || c === "-") && latex[k - 1] === " " && latex[k + 1] === " "))) {
      pieces.push(latex.slice(start, k).trim());
      start = k;
    }
  }
  pieces.push(latex.slice(start).trim());
  return pieces.filter((piece) => piece !== "");
}

/** ``latex`` as a new element of class ``formula``, one unbreakable piece per term. */
export function texElement(latex) {
  const el = document.createElement("div");
  el.className = "formula";
  el.dataset.tex = latex;
  for (const piece of terms(latex)) {
    const span = document.createElement("span");
    span.className = "term";
    renderTex(span, piece);
    el.append(span, " ");
  }
  return el;
}

/** One formula of the API, ``lhs = symbols = numbers = result``, repeats left out
 *  (an input's ``in_x = 0.3000``), as a new element. */
export function formulaElement(f) {
  const parts = [f.lhs];
  for (const part of [f.symbols, f.numbers, f.shown]) {
    if (part !== parts[parts.length - 1]) parts.push(part);
  }
  return texElement(parts.join(" = "));
}
