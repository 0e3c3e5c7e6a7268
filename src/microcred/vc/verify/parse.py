"""Turn untrusted input into a credential object, or say precisely why not.

Runs before anything else touches the input, so its limits protect every later step:
size is checked on the raw bytes, nesting depth by a linear scan *before* ``json.loads``
(whose recursion would otherwise blow the stack on ``[[[[…``), duplicate keys are refused
(two parsers could pick different values for the same key), and so are NaN/Infinity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred.vc.errors import ProofError
from microcred.vc.proofs.jose import JwtParts, decode_jwt
from microcred.vc.verify.report import Check, CheckStatus

MAX_BYTES = 1 << 20  # 1 MiB: a credential with an embedded image stays well below
MAX_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JWT = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+")


@dataclass(frozen=True, slots=True)
class Parsed:
    credential: dict[str, Any]
    jwt: JwtParts | None = None


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def json_depth(text: str) -> int:
    """Maximum nesting of arrays/objects, ignoring brackets inside strings."""
    depth = deepest = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _fail(code: str, **params: str) -> Check:
    return Check("structure", code, CheckStatus.FAILED, params)


def parse_input(data: bytes | str | Mapping[str, Any]) -> Parsed | Check:
    """A :class:`Parsed` credential, or the failing ``structure`` check."""
    if isinstance(data, Mapping):
        return _parsed_mapping(data)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            return _fail("json_too_large", limit=str(MAX_BYTES))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _fail("json_malformed", detail=f"not UTF-8 ({exc.reason} at byte {exc.start})")
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"cannot verify a {type(data).__name__}")
    if len(text.encode("utf-8")) > MAX_BYTES:
        return _fail("json_too_large", limit=str(MAX_BYTES))
    stripped = text.strip()
    if _JWT.fullmatch(stripped):
        return _parse_jwt(stripped)
    return _parse_json(text)


def _value_depth(value: Any, limit: int) -> int:
    """Nesting depth of an already-parsed value, giving up once past ``limit``.

    Walks one level at a time (a list comprehension per level, no per-node tuples): about
    2.5 times faster than a stack of (node, depth) pairs, and every credential goes through it.
    """
    level, depth = [dict(value) if isinstance(value, Mapping) else value], 1
    while True:
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return depth
        depth += 1
        if depth > limit:
            return depth


def contains_nul(value: Any) -> bool:
    """True if any key or string anywhere in a parsed JSON value contains U+0000.

    Valid JSON may carry it (escaped, as backslash-u0000), but no credential text has a use
    for it and PostgreSQL stores it in neither text nor jsonb: callers that store refuse it.
    """
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                return True
        elif isinstance(node, Mapping):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _parsed_mapping(data: Mapping[str, Any]) -> Parsed | Check:
    """An object the caller already parsed: only the depth limit still applies."""
    if _value_depth(data, MAX_DEPTH) > MAX_DEPTH:
        return _fail("json_too_deep", limit=str(MAX_DEPTH))
    return Parsed(credential=dict(data))


def _parse_jwt(token: str) -> Parsed | Check:
    try:
        parts = decode_jwt(token)
    except ProofError as exc:
        return _fail("jwt_malformed", detail=str(exc))
    if _value_depth(parts.payload, MAX_DEPTH) > MAX_DEPTH:
        return _fail("json_too_deep", limit=str(MAX_DEPTH))
    return Parsed(credential=dict(parts.payload), jwt=parts)


def _parse_json(text: str) -> Parsed | Check:
    if json_depth(text) > MAX_DEPTH:
        return _fail("json_too_deep", limit=str(MAX_DEPTH))
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return _fail("json_malformed", detail=f"{exc.msg} at line {exc.lineno} column {exc.colno}")
    except ValueError as exc:  # duplicates and NaN/Infinity
        return _fail("json_malformed", detail=str(exc))
    if not isinstance(value, dict):
        return _fail("json_not_object")
    return Parsed(credential=value)
