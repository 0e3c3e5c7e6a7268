"""Presentations verified as the platform verifies credentials: the same world, budget
and caches as :func:`~microcred.verification.services.verify_document`.

Used by the verify page, ``POST /presentations/verify`` and ``/api/verify``. The holder's
proof and every embedded credential are judged by the trust core
(:func:`microcred.vc.presentations.verify_presentation`); this module only supplies our
own DID documents and status lists from the database and others' through the SSRF-safe
fetcher, all under one deadline and one fetch budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone

from microcred.vc import Fetcher, JsonInputError, PresentationReport, read_json, verify_presentation
from microcred.vc.verify import Budget
from microcred.verification.resources import resource_loader
from microcred.verification.services import limits, platform_fetcher


def is_presentation(value: Any) -> bool:
    """Whether a parsed JSON value presents itself as a presentation (by its ``type``)."""
    if not isinstance(value, Mapping):
        return False
    types = value.get("type")
    return "VerifiablePresentation" in (types if isinstance(types, list) else [types])


def presentation_in(payload: bytes | str) -> dict[str, Any] | None:
    """The presentation a page upload or paste holds, or None (then it is a credential's
    to judge, with the credential pipeline's own precise refusals)."""
    try:
        value = read_json(payload)
    except JsonInputError:
        return None
    return value if isinstance(value, dict) and is_presentation(value) else None


def verify_presentation_document(
    vp: Any,
    *,
    challenge: str | None = None,
    domain: str | None = None,
    expected_proof_purpose: str = "authentication",
    now: datetime | None = None,
    remote: Fetcher | None = None,
) -> PresentationReport:
    """Verify a parsed presentation: the holder's proof, then each credential in full."""
    budget = Budget(limits())
    return verify_presentation(
        vp,
        now=now or timezone.now(),
        challenge=challenge,
        domain=domain,
        expected_proof_purpose=expected_proof_purpose,
        fetcher=platform_fetcher(budget, remote),
        budget=budget,
        resource_loader=resource_loader(budget),
    )
