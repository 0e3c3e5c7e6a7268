"""The one strict JSON reader for every text that comes from outside.

Credentials pasted, uploaded or posted to the API, vc+jwt payloads, remote DID documents
and status lists all pass through :func:`read_json`, so no path is laxer than another
(decision 0003). Its limits are checked in an order that keeps the work linear in the
input: size first, then nesting depth by one pass over the text (``json.loads`` recurses
per level and would raise ``RecursionError`` on ``[[[[…``), then the parse itself.

Refused, each with its own code: duplicate keys (two parsers could read different
values), ``NaN``/``Infinity`` and numbers that overflow to infinity, and lone UTF-16
surrogates (``"\\ud800"``: valid JSON text, but no UTF-8 encoder, database or template
can write them back out).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from microcred.vc.errors import JsonInputError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "any_string",
    "has_lone_surrogate",
    "nesting_depth",
    "read_json",
]

#: 1 MiB: a credential with an embedded image stays well below.
MAX_BYTES = 1 << 20
MAX_DEPTH = 32
#: A string (possibly unterminated) or a bracket. Possessive quantifiers and the optional
#: closing quote make every string match from its opening quote to its end in one go, so
#: no position is scanned twice (the old ``"(?:[^"\\]|\\.)*"`` was quadratic on ``"\"\"…``).
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def nesting_depth(text: str, limit: int) -> int:
    """Depth of arrays/objects in ``text`` (brackets in strings ignored), at most ``limit + 1``.

    Stops as soon as the limit is passed, so a hostile ``[[[[…`` costs ``limit`` steps.
    """
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        char = text[match.start()]
        if char == '"':
            continue
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def any_string(value: Any, test: Callable[[str], bool]) -> bool:
    """True if ``test`` holds for any key or string anywhere in a parsed JSON value."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if test(node):
                return True
        elif isinstance(node, Mapping):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def has_lone_surrogate(value: Any) -> bool:
    """True if a key or string anywhere in a parsed JSON value holds a lone surrogate."""
    return any_string(value, lambda text: _SURROGATE.search(text) is not None)


class _RefusedError(ValueError):
    def __init__(self, code: str, detail: str, **params: str) -> None:
        super().__init__(detail)
        self.code, self.params = code, params


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedError(
                "json_duplicate_key", f"the key {key!r} appears twice", key=key[:80]
            )
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _RefusedError("json_number_invalid", f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _RefusedError("json_number_invalid", f"{text[:40]} is too large for a number")
    return value


def _text_of(data: str | bytes, max_bytes: int) -> str:
    limit = str(max_bytes)
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise JsonInputError(f"larger than {limit} bytes", code="json_too_large", limit=limit)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            detail = f"not UTF-8 ({exc.reason} at byte {exc.start})"
            raise JsonInputError(detail, code="json_malformed", detail=detail) from exc
    if not isinstance(data, str):
        raise TypeError(f"JSON text is str or bytes, not {type(data).__name__}")
    if len(data) > max_bytes or len(data.encode("utf-8", "surrogatepass")) > max_bytes:
        raise JsonInputError(f"larger than {limit} bytes", code="json_too_large", limit=limit)
    return data


def read_json(data: str | bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``data``, or :class:`JsonInputError` saying precisely why not."""
    text = _text_of(data, max_bytes)
    if nesting_depth(text, max_depth) > max_depth:
        limit = str(max_depth)
        raise JsonInputError(f"nested deeper than {limit}", code="json_too_deep", limit=limit)
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        raise JsonInputError(detail, code="json_malformed", detail=detail) from exc
    except _RefusedError as exc:
        raise JsonInputError(str(exc), code=exc.code, detail=str(exc), **exc.params) from exc
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise JsonInputError(str(exc), code="json_number_invalid", detail=str(exc)) from exc
    if (_SURROGATE.search(text) or _SURROGATE_ESCAPE.search(text)) and has_lone_surrogate(value):
        raise JsonInputError("a lone UTF-16 surrogate", code="json_lone_surrogate")
    return value
