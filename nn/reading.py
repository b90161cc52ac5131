"""What every reader of a model file or a point set accepts: one size limit, one depth limit.

:func:`nn.load`, :func:`nn.loads`, :func:`nn.datasets.loads_csv` and ``read_csv``, the
``backprop`` command and the playground's uploads all read through here, so a file or a
text is refused, with one clear message and before any work, when it is

- longer than :data:`MAX_BYTES` (16 MiB; a file is never read past it, so ``/dev/zero``
  costs 16 MiB, not all memory), or
- nested deeper than :data:`MAX_DEPTH` (64) arrays and objects, for JSON (a document
  nested 10^5 deep would exhaust Python's stack), or holds an object with a key twice, or
  an integer beyond the largest float (about 1.8e308), or NaN or an infinity.

Each function takes ``error(source, problem)``, the exception a caller raises (a
:class:`nn.saving.ModelFileError`, the playground's BadRequest): the message names the
source and the fault, and the caller's own type is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from typing import Any

MAX_BYTES = 16 * 2**20
"""The most bytes (of a file) or characters (of a text) any reader takes: 16 MiB."""

MAX_DEPTH = 64
"""The deepest nesting of JSON arrays and objects any reader takes (a model file has 5)."""

Error = Callable[[str, str], Exception]
"""``error(source, problem)``: the exception to raise for ``source``."""


def _value_error(source: str, problem: str) -> Exception:
    return ValueError(f"{source}: {problem}")


def read_text(path: str | os.PathLike[str], kind: str, what: str,
              error: Error = _value_error) -> str:
    """The UTF-8 text of the file at ``path``, read up to :data:`MAX_BYTES`; ``kind`` and
    ``what`` name it in messages ("model file", "a saved model").

    A missing file raises FileNotFoundError, a folder IsADirectoryError, another file
    that cannot be opened the OSError, each said in words; text over the limit or not
    UTF-8 raises ``error``.
    """
    where = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise FileNotFoundError(f"{where}: no such {kind}") from None
    except IsADirectoryError:
        raise IsADirectoryError(f"{where}: is a folder, not a {kind}") from None
    except OSError as failure:
        raise type(failure)(f"{where}: cannot be read ({failure.strerror or failure})") from None
    check_size(len(data), where, error)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(where, f"is not UTF-8 text, so not {what}") from None


def check_size(size: int, source: str, error: Error = _value_error) -> None:
    """Refuse a file of ``size`` bytes or a text of ``size`` characters over :data:`MAX_BYTES`."""
    if size > MAX_BYTES:
        raise error(source, f"is larger than {MAX_BYTES:,} bytes ({MAX_BYTES / 2**20:g} MiB), "
                            "the most any reader takes")


def parse_json(text: str, source: str, error: Error = _value_error) -> Any:
    """The JSON value of ``text``, within :data:`MAX_BYTES` and :data:`MAX_DEPTH`, every
    key once, every number a finite float; ``error`` otherwise (json's own
    :class:`json.JSONDecodeError` for text that is not JSON)."""
    check_size(len(text), source, error)

    def refuse(problem: str) -> Exception:
        return error(source, problem)

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise refuse(f"holds the key {key!r} twice in one object; each key must be "
                             "given once")
            seen.add(key)
        return dict(pairs)

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) <= 309:  # 10^309 is past the largest float already
            n = int(digits)
            with contextlib.suppress(OverflowError):
                float(n)
                return n
        raise refuse(f"holds a {len(digits.lstrip('-')):,}-digit integer, beyond the largest "
                     "float (about 1.8e308)")

    def constant(name: str) -> None:
        raise refuse(f"holds {name}, which is not a JSON number")

    too_deep = f"is nested too deeply: deeper than {MAX_DEPTH} levels of arrays and objects"
    try:
        value = json.loads(text, object_pairs_hook=unique, parse_int=integer,
                           parse_constant=constant)
    except RecursionError:
        raise refuse(too_deep) from None
    if depth(value) > MAX_DEPTH:
        raise refuse(too_deep)
    return value


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and dicts (0 for a number or a string), counted
    with an explicit stack."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest
