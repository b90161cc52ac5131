"""The page's static files (``static/``, KaTeX's folder included), read once by URL path."""

from __future__ import annotations

from importlib import resources

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
         ".woff2": "font/woff2", "LICENSE": "text/plain; charset=utf-8"}
"""Content types of the static files, by suffix (KaTeX's fonts and licence included)."""


def static_files() -> dict[str, tuple[bytes, str]]:
    """The page's files (packaged under ``static/``, its folders included) by URL path,
    read once."""
    files: dict[str, tuple[bytes, str]] = {}
    folders = [(resources.files("viz.playground") / "static", "/static/")]
    while folders:
        folder, prefix = folders.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                folders.append((entry, f"{prefix}{entry.name}/"))
                continue
            suffix = entry.name[entry.name.rfind("."):] if "." in entry.name else entry.name
            if suffix in TYPES:
                files[prefix + entry.name] = (entry.read_bytes(), TYPES[suffix])
    files["/"] = files["/static/index.html"]
    return files
