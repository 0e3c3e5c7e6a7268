"""Binding other credentials into a credential by id and digest (VC 2.0 §5.3).

A stacked credential names each component credential it was issued for in
``relatedResource``: ``{"id": <the component's id>, "digestSRI": "sha384-…"}``. Whoever
holds the stack and the components can then check that these are exactly the credentials
that were counted (decision 0010).

The digest is over the component's *binding bytes*:

- a JSON credential (Data Integrity proof): its JCS form (RFC 8785), proof included — the
  same bytes from every faithful copy, however it was pretty-printed or re-ordered on the
  way (the passport, a download, a share link, a verifier's file);
- a ``vc+jwt``: the compact JWS itself, which has only one form.

Renewals bind the renewed credential the same way (``issuing/awards.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from microcred.vc.canon.jcs import jcs
from microcred.vc.contexts.integrity import content_pinned, declared_digests, sri_digest

if TYPE_CHECKING:  # the pipeline checks bindings itself (rules_components): no import cycle
    from microcred.vc.verify.parse import Parsed

__all__ = ["HAS_PART", "binding_bytes", "binding_for", "bound_ids", "credential_id"]

#: The OB 3.0 ``Alignment.targetType`` (an ``ext:`` term, as the standard allows) by which
#: a stacked credential's Achievement names each component achievement (decision 0010).
HAS_PART = "ext:hasPart"


def binding_bytes(parsed: Parsed) -> bytes:
    """The bytes a binding's digest is computed over (see the module docstring)."""
    if parsed.jwt is not None:
        return parsed.jwt.token.strip().encode("ascii")
    return jcs(parsed.credential)


def credential_id(parsed: Parsed) -> str | None:
    """The credential's ``id`` (a vc+jwt's payload is the credential), if it has one."""
    value = parsed.credential.get("id")
    return value if isinstance(value, str) and value else None


def binding_for(parsed: Parsed) -> dict[str, str]:
    """The ``relatedResource`` entry that binds ``parsed``; ValueError without an ``id``."""
    ident = credential_id(parsed)
    if ident is None:
        raise ValueError("a credential without an 'id' cannot be bound")
    return {"id": ident, "digestSRI": sri_digest(binding_bytes(parsed))}


def bound_ids(credential: Mapping[str, Any]) -> list[str]:
    """The ``relatedResource`` ids of ``credential`` that are not pinned contexts, in order:
    the credentials it binds (components of a stack, the credential a renewal renews)."""
    return [
        ident
        for ident, digests in declared_digests(credential).items()
        if digests and content_pinned(ident, credential) is None
    ]
