"""How every secret token the platform hands out is kept: as its SHA-256, never itself.

API tokens, invitation links, claim links and share links are random (or keyed) strings of
at least 128 bits, shown once; the database keeps only this digest, so a leaked table opens
nothing. No salt and no slow hash are needed for secrets that cannot be guessed (a slow hash
protects guessable passwords), and a plain digest lets a token be looked up by its hash.
"""

from __future__ import annotations

import hashlib

__all__ = ["token_digest"]


def token_digest(token: str) -> str:
    """The hex SHA-256 of ``token`` (UTF-8): what is stored and looked up in its place."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
