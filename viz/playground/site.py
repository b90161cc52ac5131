"""``make site``: the playground as a static site that runs the engine in the browser.

``python -m viz.playground.site [OUT]`` (after ``npm ci``) writes OUT (``site/`` by
default), which any static file server can serve:

- ``index.html`` and ``static/``: the server's page and its files, unchanged but for the
  page's links made relative (so the site works below any path), a
  Content-Security-Policy that lets it load only its own files, the line saying where
  the numbers are computed, and the ``playground-worker`` meta that makes the page talk
  to its worker (see ``static/engine.js``) instead of a server;
- ``engine/worker.js``: the Web Worker (``viz/playground/worker.js``);
- ``engine/pyodide/``: the files of npm's ``pyodide`` that start Python 3 in WebAssembly;
- ``engine/viz.js``: npm's ``@viz-js/viz`` (Graphviz in WebAssembly, one ES module);
- ``engine/python.zip``: this checkout's ``autograd``, ``nn`` and ``viz`` (source only,
  without the page) and the ``graphviz`` Python package (pure Python, MIT) they import.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MODULES = ROOT / "node_modules"

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
"""What Pyodide needs to start (no packages are loaded: the engine needs none)."""

PAGE_EDITS = (
    ('="/static/', '="static/'),
    ('<meta charset="utf-8">\n', '<meta charset="utf-8">\n<meta http-equiv="Content-Security-'
                                "Policy\" content=\"default-src 'self'\">\n<meta name=\"playground-"
                                'worker" content="engine/worker.js">\n'),
    ("computed by <code>autograd</code> on the server.",
     "computed by <code>autograd</code> in this browser (Python in WebAssembly, by Pyodide),"
     " with nothing to install."),
)
"""The changes to the server's index.html: (text, replacement), each found at least once."""


def page(html: str) -> str:
    """The site's index.html from the server's (see :data:`PAGE_EDITS`)."""
    for old, new in PAGE_EDITS:
        if old not in html:
            raise ValueError(f"index.html no longer holds {old!r}: update PAGE_EDITS")
        html = html.replace(old, new)
    return html


def python_zip(path: Path) -> int:
    """Write the packages the worker imports into the zip ``path``; returns their count of
    files."""
    import graphviz

    sources = [(ROOT / name, name) for name in ("autograd", "nn", "viz")]
    sources.append((Path(graphviz.__file__).parent, "graphviz"))
    count = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, name in sources:
            for file in sorted(folder.rglob("*.py")):
                if "static" not in file.relative_to(folder).parts:
                    archive.write(file, f"{name}/{file.relative_to(folder).as_posix()}")
                    count += 1
        licence = next(Path(graphviz.__file__).parent.parent.glob("graphviz-*.dist-info"))
        for file in licence.rglob("LICENSE*"):
            archive.write(file, "graphviz/LICENSE.txt")
    return count


def build(out: Path) -> None:
    """Write the static site into ``out`` (emptied first)."""
    needed = [MODULES / "pyodide" / name for name in PYODIDE_FILES]
    needed.append(MODULES / "@viz-js" / "viz" / "dist" / "viz.js")
    missing = [p.relative_to(MODULES.parent).as_posix() for p in needed if not p.exists()]
    if missing:
        raise FileNotFoundError(f"{', '.join(missing)} missing: run `npm ci` first (make site "
                                "does)")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(HERE / "static", out / "static", ignore=shutil.ignore_patterns("index.html"))
    (out / "index.html").write_text(page((HERE / "static" / "index.html").read_text()))
    engine = out / "engine"
    (engine / "pyodide").mkdir(parents=True)
    for file in needed[:-1]:
        shutil.copy2(file, engine / "pyodide" / file.name)
    shutil.copy2(needed[-1], engine / "viz.js")
    shutil.copy2(HERE / "worker.js", engine / "worker.js")
    count = python_zip(engine / "python.zip")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"site: {out} ({size / 1e6:.1f} MB; {count} Python files in engine/python.zip)")


def main(argv: list[str]) -> int:
    """Build the site into ``argv[0]`` (``site`` by default); errors are one line, status 2."""
    try:
        build(Path(argv[0] if argv else ROOT / "site"))
    except (FileNotFoundError, ValueError) as error:
        print(f"make site: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
