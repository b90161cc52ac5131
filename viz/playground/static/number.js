// The one rule for numbers on screen, autograd.display.format_number, on the page:
// 4 significant digits, scientific notation below 1e-3 and from 1e5 up, "0", "nan",
// "inf" and "-inf" as they are.  Tested against the Python rule on a table of values.

/** ``v.toFixed(digits)`` or ``v.toExponential(digits)`` as Python formats them: an exact
 *  tie goes to the even digit (JavaScript rounds it away from zero). */
function rounded(v, digits, method) {
  const text = v[method](digits);
  const [mantissa, exponent] = Math.abs(v)[method](100).split("e");  // exact digits
  const cut = mantissa.indexOf(".") + 1 + digits;
  if (!/^50*$/.test(mantissa.slice(cut))) return text;
  const kept = mantissa.slice(0, digits ? cut : cut - 1);
  if (Number(kept[kept.length - 1]) % 2 === 1) return text;
  return (v < 0 ? "-" : "") + kept + (exponent === undefined ? "" : `e${exponent}`);
}

/** Python's ``f"{v:.3e}"``: at least two digits of exponent (2.712e-05). */
function scientific(v) {
  return rounded(v, 3, "toExponential").replace(/e([+-])(\d)$/, "e$10$2");
}

/** ``x`` as format_number writes it; "–" for a missing value (null or undefined). */
export function fmt(x) {
  if (x === null || x === undefined) return "–";
  const v = Number(x);
  if (v === 0) return "0";
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const sci = scientific(v);
  const size = Math.abs(Number(sci));
  if (size < 1e-3 || size >= 1e5) return sci;
  return rounded(v, Math.max(0, 3 - Math.floor(Math.log10(size))), "toFixed");
}
