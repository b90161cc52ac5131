"""The model file: one JSON document with a format marker and a version, read back with checks.

``model.dumps()`` / :func:`loads` turn a model into that text and back (for a database,
a notebook, a web page); ``model.save(path)`` / :func:`load` write and read it as a file.

A saved model is

    {"format": "autograd-dag model", "version": 1, "class": "MLP",
     "config": {...structure...}, "parameters": {"w[0->1.1]": 0.25, "w[x1->1.1]": -0.5, ...}}

(``w[0->j]`` is the bias of j; files written before it had that name call it ``b[j]``
and still load.)

:func:`save` writes it atomically (:mod:`nn.files`: a temporary file renamed into place,
so a crash never leaves half a file behind); :func:`parse` refuses anything that is not
such a document, or is over the limits of :mod:`nn.reading`, with a
:class:`ModelFileError` naming the file (or the text) and the fault.
"""

from __future__ import annotations

import inspect
import json
import math
import os
from typing import TYPE_CHECKING, Any

from nn import arguments, files, reading

if TYPE_CHECKING:
    from nn.module import Module

TEXT = "<model text>"
"""What an error about a model given as text (not a file) names as its source."""

CLASSES: dict[str, type[Module]] = {}
"""Every Module subclass by class name: what :func:`load` can rebuild (see :func:`register`)."""

FORMAT = "autograd-dag model"
"""The value of the ``"format"`` field of every model file."""

VERSION = 1
"""The file format version this code writes and reads."""

FIELDS = ("class", "config", "parameters")
"""The fields every model file holds besides ``format`` and ``version``."""

SIZE_FIELDS = ("n_inputs", "n_outputs", "sizes")
"""Config fields of the layered models (Perceptron, Layer, MLP) that count inputs and
perceptrons: widths n_inputs, then n_outputs (1 if absent) or each of ``sizes``.
Layer k of width r_k after one of width r_{k-1} holds (r_{k-1} + 1) r_k weights (the tutorial's
w_{ij}^k of section 4, with the bias w_{0j}^k), so the widths imply a number of parameters.  When it
exceeds twice what the file holds (plus 100), the file is refused before any model is
built (so a corrupt width cannot make :func:`load` allocate without bound); a
smaller mismatch costs little to build and is then reported weight by weight."""


class ModelFileError(ValueError):
    """A model file that cannot be used: corrupt, truncated, or not matching the model.

    The message starts with the file's path; ``path`` holds it too.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        super().__init__(f"{os.fspath(path)}: {problem}")
        self.path = os.fspath(path)


def register(cls: type[Module]) -> None:
    """Make ``cls`` loadable by its name (every Module subclass registers itself)."""
    CLASSES[cls.__name__] = cls


def dumps(model: Module) -> str:
    """The model file's text: strict JSON (no NaN or infinity) of the document above."""
    state = model.state_dict()
    for name, w in state.items():
        if not math.isfinite(w):
            raise ValueError(f"save: parameter {name} is {w!r}; only finite weights are saved")
    document = {"format": FORMAT, "version": VERSION, "class": type(model).__name__,
                "config": model._config(), "parameters": state}
    return json.dumps(document, indent=1, allow_nan=False) + "\n"


def loads(text: str, source: str | os.PathLike[str] = TEXT) -> Module:
    """Rebuild the model of a model file's ``text``: its class, structure, activations and
    weights.

    Text that is not such a document, or whose parts do not fit together, raises
    :class:`ModelFileError` naming ``source`` (the file it came from, if any) and the fault.
    """
    document = parse(text, source)
    cls = CLASSES.get(document["class"])
    if cls is None:
        raise ModelFileError(
            source, f"holds unknown model class {document['class']!r}; "
            f"known: {', '.join(sorted(CLASSES))}"
        )
    try:
        model = cls._from_config(document["config"])
        model._assign(model._checked_state(document["parameters"]))
    except (TypeError, ValueError) as error:
        raise ModelFileError(source, f"is not a consistent {cls.__name__}: {error}") from None
    return model


def save(model: Module, path: str | os.PathLike[str]) -> None:
    """Write :func:`dumps` of ``model`` to ``path`` atomically (:func:`nn.files.write_text`:
    a temporary file renamed into place, the target's permissions and symlink kept)."""
    files.write_text(path, dumps(model))


def load(path: str | os.PathLike[str]) -> Module:
    """Rebuild the model saved at ``path`` (see :func:`loads`).

    A missing file raises FileNotFoundError; a file that is corrupt, truncated, or whose
    parts do not fit together raises :class:`ModelFileError` naming the file and the fault.
    """
    return loads(_read(path), path)


def load_weights(model: Module, path: str | os.PathLike[str]) -> None:
    """Set ``model``'s weights from the file at ``path``, saved by a model of the same
    structure; a mismatch raises :class:`ModelFileError` and changes nothing."""
    document = parse(_read(path), path)
    try:
        values = model._checked_state(document["parameters"])
    except (TypeError, ValueError) as error:
        raise ModelFileError(
            path, f"does not fit this {type(model).__name__}: {error}"
        ) from None
    model._assign(values)


def construct(cls: type[Module], config: dict[str, Any], skip: tuple[str, ...]) -> Module:
    """``cls(**config)`` once the config's fields are checked against the constructor's
    arguments (those in ``skip``, like the seed, are never saved)."""
    settings = inspect.signature(cls).parameters
    unknown = sorted(set(config) - set(settings) - set(skip))
    if unknown:
        raise ValueError(f"unknown {cls.__name__} setting(s) {unknown}")
    missing = [k for k, p in settings.items() if p.default is p.empty and k not in config]
    if missing:
        raise ValueError(f"{cls.__name__} setting(s) {missing} missing")
    return cls(**config)


def parse(text: str, source: str | os.PathLike[str] = TEXT) -> dict[str, Any]:
    """The checked document of a model file's text: format, version and :data:`FIELDS`.

    Raises :class:`ModelFileError` (naming ``source``) for text that is empty, not JSON
    (e.g. truncated), not a model document, or whose config widths imply far more
    parameters than it holds (:data:`SIZE_FIELDS`).
    """
    if not text.strip():
        raise ModelFileError(source, "is empty; expected a model saved with model.save(path)")
    try:
        document = reading.parse_json(text, os.fspath(source), ModelFileError)
    except json.JSONDecodeError as error:
        raise ModelFileError(
            source, f"is not valid JSON (truncated or corrupt?): {error.msg} at line "
            f"{error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(document, dict):
        raise ModelFileError(
            source, f"holds a JSON {type(document).__name__}, expected an object written by "
            "model.save(path)"
        )
    _check_header(source, document)
    _check_sizes(source, document["config"], len(document["parameters"]))
    return document


def _read(path: str | os.PathLike[str]) -> str:
    return reading.read_text(path, "model file", "a saved model", ModelFileError)


def _check_header(source: str | os.PathLike[str], document: dict[str, Any]) -> None:
    if document.get("format") != FORMAT:
        raise ModelFileError(source, f"is not a saved model (its 'format' field is not {FORMAT!r})")
    version = document.get("version")
    if not arguments.is_int(version):
        raise ModelFileError(source, f"has no integer 'version' field (got {version!r})")
    if version != VERSION:
        raise ModelFileError(
            source, f"has format version {version}; this code reads version {VERSION} only"
        )
    for field in FIELDS:
        if field not in document:
            raise ModelFileError(source, f"is missing the field {field!r}")
    for field, kind in (("class", str), ("config", dict), ("parameters", dict)):
        if not isinstance(document[field], kind):
            raise ModelFileError(
                source, f"field {field!r} must be a JSON "
                f"{'string' if kind is str else 'object'}, got {type(document[field]).__name__}"
            )


def _check_sizes(where: str | os.PathLike[str], config: dict[str, Any], n: int) -> None:
    sizes = config.get("sizes", [config.get("n_outputs", 1)])
    widths = [config.get("n_inputs"), *(sizes if isinstance(sizes, list) else [sizes])]
    if all(arguments.is_int(r) and r >= 0 for r in widths):
        implied = sum((a + 1) * b for a, b in zip(widths, widths[1:], strict=False))
        if implied > 2 * n + 100:
            raise ModelFileError(
                where, f"config widths {widths} imply {implied} parameters, but the file "
                f"holds only {n} (corrupt or edited by hand?)"
            )

