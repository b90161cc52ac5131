"""The model file: one JSON document with a format marker and a version, read back with checks.

A saved model is

    {"format": "autograd-dag model", "version": 1, "class": "MLP",
     "config": {...structure...}, "parameters": {"b[1.1]": 0.25, "w[x1->1.1]": -0.5, ...}}

:func:`write_document` writes it atomically (a temporary file renamed into place, so a
crash never leaves half a file behind); :func:`read_document` refuses anything that
is not such a document, with a :class:`ModelFileError` naming the file and the fault.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FORMAT = "autograd-dag model"
"""The value of the ``"format"`` field of every model file."""

VERSION = 1
"""The file format version this code writes and reads."""

FIELDS = ("class", "config", "parameters")
"""The fields every model file holds besides ``format`` and ``version``."""

SIZE_FIELDS = ("n_inputs", "n_outputs", "sizes")
"""Config fields of the layered models (Perceptron, Layer, MLP) that count inputs and
perceptrons: widths n_inputs, then n_outputs (1 if absent) or each of ``sizes``.
Layer k of width r_k after one of width r_{k-1} holds (r_{k-1} + 1) r_k weights (001's
w_{ij}^k with the bias w_{0j}^k), so the widths imply a number of parameters.  When it
exceeds twice what the file holds (plus 100), the file is refused before any model is
built (so a corrupt width cannot make :func:`nn.load` allocate without bound); a
smaller mismatch costs little to build and is then reported weight by weight."""


class ModelFileError(ValueError):
    """A model file that cannot be used: corrupt, truncated, or not matching the model.

    The message starts with the file's path; ``path`` holds it too.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        super().__init__(f"{os.fspath(path)}: {problem}")
        self.path = os.fspath(path)


def write_document(path: str | os.PathLike[str], document: dict[str, Any]) -> None:
    """Write ``document`` as strict JSON (no NaN or infinity) to ``path``, atomically."""
    target = Path(path)
    text = json.dumps(document, indent=1, allow_nan=False) + "\n"
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target}: cannot save, the folder {target.parent} does not exist")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def read_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked document of a model file: format, version and the fields of :data:`FIELDS`.

    Raises FileNotFoundError for a missing file and :class:`ModelFileError` for a file
    that is empty, not UTF-8, not JSON (e.g. truncated), not a model document, or whose
    config widths imply far more parameters than it holds (:data:`SIZE_FIELDS`).
    """
    where = Path(path)
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{where}: no such model file") from None
    except UnicodeDecodeError:
        raise ModelFileError(where, "is not UTF-8 text, so not a saved model") from None
    if not text.strip():
        raise ModelFileError(where, "is empty; expected a model saved with model.save(path)")
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ModelFileError(
            where, f"is not valid JSON (truncated or corrupt?): {error.msg} at line "
            f"{error.lineno}, column {error.colno}"
        ) from None
    except ValueError as error:
        raise ModelFileError(where, str(error)) from None
    if not isinstance(document, dict):
        raise ModelFileError(
            where, f"holds a JSON {type(document).__name__}, expected an object written by "
            "model.save(path)"
        )
    if document.get("format") != FORMAT:
        raise ModelFileError(where, f"is not a saved model (its 'format' field is not {FORMAT!r})")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ModelFileError(where, f"has no integer 'version' field (got {version!r})")
    if version != VERSION:
        raise ModelFileError(
            where, f"has format version {version}; this code reads version {VERSION} only"
        )
    for field in FIELDS:
        if field not in document:
            raise ModelFileError(where, f"is missing the field {field!r}")
    for field, kind in (("class", str), ("config", dict), ("parameters", dict)):
        if not isinstance(document[field], kind):
            raise ModelFileError(
                where, f"field {field!r} must be a JSON {'string' if kind is str else 'object'}, "
                f"got {type(document[field]).__name__}"
            )
    _check_sizes(where, document["config"], len(document["parameters"]))
    return document


def _check_sizes(where: Path, config: dict[str, Any], n: int) -> None:
    sizes = config.get("sizes", [config.get("n_outputs", 1)])
    widths = [config.get("n_inputs"), *(sizes if isinstance(sizes, list) else [sizes])]
    if all(isinstance(r, int) and not isinstance(r, bool) and r >= 0 for r in widths):
        implied = sum((a + 1) * b for a, b in zip(widths, widths[1:], strict=False))
        if implied > 2 * n + 100:
            raise ModelFileError(
                where, f"config widths {widths} imply {implied} parameters, but the file "
                f"holds only {n} (corrupt or edited by hand?)"
            )


def _refuse_constant(name: str) -> None:
    raise ValueError(f"holds {name}, which is not a number a model can load")
