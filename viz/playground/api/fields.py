"""The checks every request body is built from: JSON parsed safely, and typed fields.

Each check either returns the cleaned value or raises :class:`BadRequest`, whose
message names the field (``settings.lr``, ``points[3][2]``, ...), what was expected
and what came; :mod:`viz.playground.api.request_bodies` checks each request with them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from nn import reading


class BadRequest(ValueError):
    """A request the server refuses with status 400; the message says what is wrong."""


def parse(text: str, what: str = "request body") -> Any:
    """JSON text as Python values, read by :func:`nn.reading.parse_json` with every reader's
    limits (size, depth; NaN, infinities, huge integers and repeated keys refused)."""
    try:
        return reading.parse_json(text, what, lambda source, problem: BadRequest(
            f"{source} {problem}"))
    except json.JSONDecodeError as error:
        raise BadRequest(f"{what} is not valid JSON: {error.msg} at line {error.lineno}, "
                         f"column {error.colno}") from None


def kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def fields(body: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
           ) -> dict[str, Any]:
    """``body`` as a JSON object holding all of ``required`` and nothing unknown."""
    if not isinstance(body, Mapping):
        raise BadRequest(f"{where} must be a JSON object, got {kind(body)}")
    unknown = sorted(set(body) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join(required + optional) or "nothing"
        raise BadRequest(f"unknown field(s) {', '.join(unknown)} in {where}; allowed: {allowed}")
    missing = [name for name in required if name not in body]
    if missing:
        raise BadRequest(f"{where} is missing the field(s) {', '.join(missing)}")
    return dict(body)


def number(value: Any, where: str, low: float, high: float) -> float:
    """A finite number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"{where} must be a number, got {kind(value)}")
    if not math.isfinite(value) or not low <= value <= high:
        raise BadRequest(f"{where} must be between {low:g} and {high:g}, got {value!r}")
    return float(value)


def integer(value: Any, where: str, low: int, high: int) -> int:
    """A whole number in [low, high] (a float such as 3.0 is refused: JSON says 3)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{where} must be a whole number, got {kind(value)} {value!r}")
    if not low <= value <= high:
        raise BadRequest(f"{where} must be between {low:,} and {high:,}, got {value:,}")
    return value


def choice(value: Any, where: str, options: tuple[str, ...]) -> str:
    """One of the strings ``options``."""
    if value not in options or not isinstance(value, str):
        shown = value if isinstance(value, str) else kind(value)
        raise BadRequest(f"{where} must be one of {', '.join(options)}; got {shown!r}")
    return value
