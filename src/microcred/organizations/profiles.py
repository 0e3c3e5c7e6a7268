"""An organisation as an OB 3.0 ``Profile``: the one shape every document it signs carries.

A credential's ``issuer``, an endorsement's issuer (a quality-assurance body) and the
public profile document must describe the organisation identically, or a verifier
comparing them would see two issuers where there is one.
"""

from __future__ import annotations

from typing import Any

from microcred.organizations.deployment import profile_url
from microcred.organizations.models import Organization

__all__ = ["profile_for"]


def profile_for(org: Organization, did: str) -> dict[str, Any]:
    """``org`` as a ``Profile`` under ``did`` (who signs); ``url`` is its public profile
    (a page for people, JSON for machines), its country an OB 3.0 ``Address``."""
    profile: dict[str, Any] = {
        "id": did,
        "type": ["Profile"],
        "name": org.name,
        "url": profile_url(org),
    }
    if org.country:
        profile["address"] = {"type": ["Address"], "addressCountryCode": org.country}
    return profile
