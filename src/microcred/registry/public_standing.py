"""What the public registry says about an organisation's recognition: facts from the
decisions, the same ones the signed trust lists carry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from microcred.organizations.models import Organization
from microcred.registry.models import Decision
from microcred.registry.standing import Standing, standing_of

__all__ = ["BodyStanding", "recognised_providers", "standings_of"]


@dataclass(frozen=True, slots=True)
class BodyStanding:
    body: Organization
    provider: Organization
    standing: Standing
    #: Every decision, oldest first (public: outcome, reason, dates).
    decisions: tuple[Decision, ...]


def _group(rows: list[Decision]) -> dict[tuple[int, int], list[Decision]]:
    grouped: dict[tuple[int, int], list[Decision]] = {}
    for row in rows:
        grouped.setdefault((row.provider_id, row.qa_body_id), []).append(row)
    return grouped


def standings_of(provider: Organization, now: datetime | None = None) -> list[BodyStanding]:
    """The provider's standing with every body that ever decided on it."""
    now = now or timezone.now()
    rows = list(Decision.objects.filter(provider=provider).select_related("qa_body"))
    out = []
    for decisions in _group(rows).values():
        body = decisions[0].qa_body
        standing = standing_of(provider, body, now, decisions)
        out.append(BodyStanding(body, provider, standing, tuple(decisions)))
    return sorted(out, key=lambda s: s.body.name.casefold())


def recognised_providers(
    body: Organization | None = None, now: datetime | None = None, *, all_states: bool = False
) -> list[BodyStanding]:
    """Providers and their standing, per body (one body, or all); by default only those
    recognised now."""
    now = now or timezone.now()
    rows = Decision.objects.select_related("qa_body", "provider")
    if body is not None:
        rows = rows.filter(qa_body=body)
    out = []
    for decisions in _group(list(rows)).values():
        provider, qa_body = decisions[0].provider, decisions[0].qa_body
        standing = standing_of(provider, qa_body, now, decisions)
        if all_states or standing.recognised:
            out.append(BodyStanding(qa_body, provider, standing, tuple(decisions)))
    return sorted(out, key=lambda s: (s.provider.name.casefold(), s.body.name.casefold()))
