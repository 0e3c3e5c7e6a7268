"""JSON Canonicalization Scheme (RFC 8785), the canonical form eddsa-jcs-2022 signs.

The ``rfc8785`` package is the reference; it costs ~370 µs for a 3 KB credential, more
than the signature itself. For the values credentials actually hold, the standard
library's ``json.dumps`` (sorted keys, no spaces, no ASCII escaping) writes exactly the
same bytes, and 7× faster: its escapes match ECMAScript's (``\\n``-style short forms,
lower-case ``\\u00xx`` for other control characters). The two differ only on floats
(number formatting), integers beyond 2**53 (refused), lone surrogates (refused) and keys
outside ASCII (UTF-16 versus code-point order), so any of those sends the value to the
reference; a Hypothesis test checks both paths give the same bytes. The wrapper adds the
error contract: a value JCS cannot represent
(NaN, ±Infinity, an integer beyond ±(2**53 − 1), a non-string key, a lone surrogate,
absurd nesting) is a property of the *input*, so it becomes a
``CanonicalizationError(code="jcs_invalid")`` the verifier can report, not a crash.
Big integers are refused rather than rounded to the nearest double as JavaScript
would: silently signing a different number than the document holds is worse.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

from microcred.vc.errors import CanonicalizationError

__all__ = ["jcs"]


_MAX_SAFE = 2**53 - 1


def _plain(value: Any) -> bool:
    """True if ``json.dumps`` writes this value exactly as RFC 8785 does (see above)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(k, str) and k.isascii() for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, bool) or node is None or isinstance(node, str):
            continue
        elif isinstance(node, int):
            if not -_MAX_SAFE <= node <= _MAX_SAFE:
                return False
        else:
            return False
    return True


def _fast(value: object) -> bytes | None:
    """json.dumps' bytes, or None for a lone surrogate or absurd nesting (the reference
    path then reports it with the proper error)."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        return None


def jcs(value: object) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value (dict/list/str/int/float/bool/None)."""
    fast = _fast(value) if _plain(value) else None
    if fast is not None:
        return fast
    try:
        return rfc8785.dumps(value)  # type: ignore[arg-type]
    except rfc8785.CanonicalizationError as exc:
        raise CanonicalizationError(f"JCS (RFC 8785): {exc}", code="jcs_invalid") from exc
    except RecursionError as exc:
        raise CanonicalizationError(
            "JCS (RFC 8785): value nested too deeply", code="jcs_invalid"
        ) from exc
