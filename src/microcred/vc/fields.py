"""Reading a credential's commonest fields the same way everywhere, whatever its shape.

A credential is untrusted input: ``issuer`` may be a string, an object with an ``id``, or
anything else. Every reader of these fields (the verifier, the issuer's checks, the
platform's caches and pages) goes through here so that none of them disagrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["as_list", "issuer_id"]


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer's identifier (``issuer`` or ``issuer.id``), or None if it has none."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def as_list(value: Any) -> list[Any]:
    """A JSON-LD value as a list: ``[]`` for None, ``[x]`` for a single value."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
