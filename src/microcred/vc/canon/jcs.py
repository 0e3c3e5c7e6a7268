"""JSON Canonicalization Scheme (RFC 8785), the canonical form eddsa-jcs-2022 signs.

Delegates to the ``rfc8785`` package (measured at ~90 µs for a 1.3 kB credential, a
small share of a sign or verify, so a home-grown faster version would not pay for its
risk). What this wrapper adds is the error contract: a value JCS cannot represent
(NaN, ±Infinity, an integer beyond ±(2**53 − 1), a non-string key, a lone surrogate,
absurd nesting) is a property of the *input*, so it becomes a
``CanonicalizationError(code="jcs_invalid")`` the verifier can report, not a crash.
Big integers are refused rather than rounded to the nearest double as JavaScript
would: silently signing a different number than the document holds is worse.
"""

from __future__ import annotations

import rfc8785

from microcred.vc.errors import CanonicalizationError

__all__ = ["jcs"]


def jcs(value: object) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value (dict/list/str/int/float/bool/None)."""
    try:
        return rfc8785.dumps(value)  # type: ignore[arg-type]
    except rfc8785.CanonicalizationError as exc:
        raise CanonicalizationError(f"JCS (RFC 8785): {exc}", code="jcs_invalid") from exc
    except RecursionError as exc:
        raise CanonicalizationError(
            "JCS (RFC 8785): value nested too deeply", code="jcs_invalid"
        ) from exc
