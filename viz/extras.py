"""Which extra of the project installs each optional package, and the hint that says so."""

from __future__ import annotations

EXTRAS = {"graphviz": "viz", "matplotlib": "viz", "PIL": "viz", "numpy": "fast"}
"""The optional packages ``viz`` imports, by the extra that installs each."""


def install_hint(error: ModuleNotFoundError) -> str:
    """``needs the 'viz' extra (graphviz is not installed): pip install 'autograd-dag[viz]'``
    for ``error``, a missing optional package; ``error`` is raised again if it is not one."""
    package = (error.name or "").partition(".")[0]
    if package not in EXTRAS:
        raise error
    extra = EXTRAS[package]
    return (f"needs the '{extra}' extra ({package} is not installed): "
            f"pip install 'autograd-dag[{extra}]'")
