"""OB 3.0 IdentityObject hashing: recognise a learner by e-mail without publishing it.

The spec's IdentityHash is ``<algorithm>$<hex digest of UTF-8(identifier + salt)>`` with
``sha256`` (or legacy ``md5``), hex in either case. E-mail addresses are normalised
(surrounding space removed, Unicode NFC, lower-cased) before hashing so that
``Ada@Example.org `` and ``ada@example.org`` are one learner; matching also accepts a hash
of the address exactly as typed, for issuers that did not normalise.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

from microcred.vc.openbadges.subject import IdentityObject

EMAIL_IDENTITY_TYPE = "emailAddress"
_ALGORITHMS = {"sha256": hashlib.sha256, "md5": hashlib.md5}


def normalise_email(email: str) -> str:
    """The form we hash: trimmed, NFC, lower-case (domains are case-insensitive anyway)."""
    if not isinstance(email, str):
        raise TypeError(f"email must be a string, not {type(email).__name__}")
    return unicodedata.normalize("NFC", email.strip()).lower()


def identity_hash(email: str, salt: str) -> str:
    """``"sha256$" + hex(sha256(normalised email + salt))``."""
    return _digest("sha256", normalise_email(email), salt)


def identity_object(email: str, *, salt: str | None = None) -> IdentityObject:
    """A hashed ``emailAddress`` IdentityObject; a fresh 128-bit salt unless one is given."""
    salt = secrets.token_hex(16) if salt is None else salt
    return IdentityObject(
        hashed=True,
        identity_hash=identity_hash(email, salt),
        identity_type=EMAIL_IDENTITY_TYPE,
        salt=salt,
    )


def identity_matches(obj: IdentityObject, email: str) -> bool:
    """Whether ``obj`` identifies ``email`` (constant-time comparison of the digests)."""
    if obj.identity_type != EMAIL_IDENTITY_TYPE:
        return False
    if not obj.hashed:
        stored = normalise_email(obj.identity_hash).encode("utf-8")
        return hmac.compare_digest(stored, normalise_email(email).encode("utf-8"))
    candidates = {normalise_email(email), email.strip()}
    algorithm, sep, _ = obj.identity_hash.partition("$")
    if not sep or algorithm.lower() not in _ALGORITHMS:
        return False
    stored = obj.identity_hash.lower().encode("utf-8")
    found = False
    for candidate in candidates:  # no early exit: both candidates always cost the same
        computed = _digest(algorithm.lower(), candidate, obj.salt or "").encode("utf-8")
        found |= hmac.compare_digest(stored, computed)
    return found


def _digest(algorithm: str, identifier: str, salt: str) -> str:
    digest = _ALGORITHMS[algorithm]((identifier + salt).encode("utf-8"))
    return f"{algorithm}${digest.hexdigest()}"
