// Formulas on the page: KaTeX (vendored in katex/, loaded by index.html) renders LaTeX
// into DOM nodes with katex.render, whose styles are set through the CSSOM, which the
// page's Content-Security-Policy allows (renderToString's style="" attributes it would not).

/** Render ``latex`` into ``el``; plain text if KaTeX did not load. */
export function renderTex(el, latex) {
  if (window.katex) window.katex.render(latex, el, { throwOnError: false });
  else el.textContent = latex;
}

/** One formula of the API, ``lhs = symbols = numbers = result``, repeats left out
 *  (an input's ``in_x = 0.3000``), as a new element. */
export function formulaElement(f, extra = "") {
  const parts = [f.lhs];
  for (const part of [f.symbols, f.numbers, f.shown]) {
    if (part !== parts[parts.length - 1]) parts.push(part);
  }
  const el = document.createElement("div");
  el.className = "formula";
  renderTex(el, parts.join(" = ") + extra);
  return el;
}
