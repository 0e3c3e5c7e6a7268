"""Turn untrusted input into a credential object, or say precisely why not.

Runs before anything else touches the input, so its limits protect every later step. Text
goes through the one strict reader (:mod:`microcred.vc.jsontext`: size, then depth in one
linear pass, then duplicate keys, NaN/Infinity and lone surrogates refused); a compact
vc+jwt's payload goes through the same reader; an object the caller already parsed is
held to the same depth and surrogate rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred.vc.errors import JsonInputError, ProofError
from microcred.vc.jsontext import MAX_BYTES, MAX_DEPTH, any_string, has_lone_surrogate, read_json
from microcred.vc.proofs.jose import JwtParts, decode_jwt
from microcred.vc.verify.report import Check, CheckStatus

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Parsed", "contains_nul", "is_compact_jwt", "parse_input"]

_JWT = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)+")


@dataclass(frozen=True, slots=True)
class Parsed:
    credential: dict[str, Any]
    jwt: JwtParts | None = None


def is_compact_jwt(text: str) -> bool:
    """Whether ``text`` has the shape of a compact JWS (what a vc+jwt travels as)."""
    return len(text) <= MAX_BYTES and _JWT.fullmatch(text.strip()) is not None


def _fail(code: str, **params: str) -> Check:
    return Check("structure", code, CheckStatus.FAILED, params)


def _refused(exc: JsonInputError) -> Check:
    return _fail(exc.code, **exc.params)


def parse_input(data: bytes | str | Mapping[str, Any] | Parsed) -> Parsed | Check:
    """A :class:`Parsed` credential, or the failing ``structure`` check.

    A :class:`Parsed` is returned as it is, so a caller that parsed once (to read the
    issuer, say) never makes the pipeline parse again.
    """
    if isinstance(data, Parsed):
        return data
    if isinstance(data, Mapping):
        return _parsed_mapping(data)
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"cannot verify a {type(data).__name__}")
    text = data if isinstance(data, str) else None
    if isinstance(data, bytes) and len(data) <= MAX_BYTES and data.isascii():
        text = data.decode("ascii")
    if text is not None and len(text) <= MAX_BYTES and _JWT.fullmatch(text.strip()):
        return _parse_jwt(text.strip())
    try:
        value = read_json(data)
    except JsonInputError as exc:
        return _refused(exc)
    if not isinstance(value, dict):
        return _fail("json_not_object")
    return Parsed(credential=value)


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
    return any_string(value, lambda text: "\x00" in text)


def _parsed_mapping(data: Mapping[str, Any]) -> Parsed | Check:
    """An object the caller already parsed: the depth and surrogate rules still apply."""
    if _value_depth(data, MAX_DEPTH) > MAX_DEPTH:
        return _fail("json_too_deep", limit=str(MAX_DEPTH))
    if has_lone_surrogate(data):
        return _fail("json_lone_surrogate")
    return Parsed(credential=dict(data))


def _parse_jwt(token: str) -> Parsed | Check:
    try:
        parts = decode_jwt(token)
    except JsonInputError as exc:
        return _refused(exc)
    except ProofError as exc:
        return _fail("jwt_malformed", detail=str(exc))
    return Parsed(credential=dict(parts.payload), jwt=parts)
