// Copy KaTeX (installed by `npm ci` at the pinned version of package-lock.json) into the
// playground's static files: its script, its stylesheet, the WOFF2 fonts that stylesheet
// loads first (every browser the page supports reads WOFF2) and its licence.  The page
// then needs nothing from the internet.  Run with `npm run vendor` after `npm ci`.

import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..", "..", "node_modules", "katex");
const target = join(here, "static", "katex");

rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, "fonts"), { recursive: true });
for (const name of ["katex.min.js", "katex.min.css"]) {
  copyFileSync(join(source, "dist", name), join(target, name));
}
copyFileSync(join(source, "LICENSE"), join(target, "LICENSE"));
const css = readFileSync(join(source, "dist", "katex.min.css"), "utf8");
const fonts = new Set(Array.from(css.matchAll(/url\(fonts\/([^)]+\.woff2)\)/g), (m) => m[1]));
for (const font of fonts) copyFileSync(join(source, "dist", "fonts", font), join(target, "fonts", font));
const version = JSON.parse(readFileSync(join(source, "package.json"), "utf8")).version;
const copied = readdirSync(join(target, "fonts")).length;
console.log(`KaTeX ${version}: script, stylesheet, licence and ${copied} fonts in ${target}`);
