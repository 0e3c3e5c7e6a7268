"""Read-only: an award's current status and every change to it, for its holder.

The holder's wallet keeps only the award's public id; everything it shows about status —
the issuer's stated reason and date included — is read here, from the award and the
append-only audit log, so the learner sees exactly what the issuer recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from microcred.issuing.models import AuditEvent, Award

#: Audit actions that describe the award's life, in the order they can happen; a contest
#: and its answer are part of it (the learner reads the whole exchange).
LIFE_EVENTS = (
    "issued",
    "suspend",
    "reinstate",
    "revoke",
    "contested",
    "contest_upheld",
    "contest_reinstated",
    "contest_reissued",
    "renewed",
)


@dataclass(frozen=True, slots=True)
class AwardStatus:
    """The award's status now: ``state`` is ``active``, ``suspended`` or ``revoked``."""

    state: str
    reason: str
    changed: datetime | None
    organization_public_id: str
    organization_name: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One event: ``action`` is one of :data:`LIFE_EVENTS`."""

    action: str
    reason: str
    at: datetime


def award_status(award_public_id: str) -> AwardStatus | None:
    """The award's status, or None if no award has this id."""
    award = Award.objects.select_related("organization").filter(public_id=award_public_id).first()
    if award is None:
        return None
    return AwardStatus(
        state=award.state,
        reason=award.state_reason,
        changed=award.state_changed,
        organization_public_id=award.organization.public_id,
        organization_name=award.organization.name,
    )


def statuses(award_public_ids: list[str]) -> dict[str, AwardStatus]:
    """Statuses of many awards in one query (the passport page lists them all)."""
    awards = Award.objects.select_related("organization").filter(public_id__in=award_public_ids)
    return {
        a.public_id: AwardStatus(
            a.state, a.state_reason, a.state_changed, a.organization.public_id, a.organization.name
        )
        for a in awards
    }


def status_history(award_public_id: str) -> list[StatusChange]:
    """Every life event of the award, oldest first (the audit log is append-only)."""
    award = Award.objects.filter(public_id=award_public_id).only("organization_id").first()
    if award is None:
        return []
    events = AuditEvent.objects.filter(
        organization_id=award.organization_id, target=award_public_id, action__in=LIFE_EVENTS
    ).order_by("at", "pk")
    return [StatusChange(e.action, e.reason, e.at) for e in events]


@dataclass(frozen=True, slots=True)
class RenewalChain:
    """The award's place in a chain of renewals, as public ids of awards."""

    renews: str | None
    renewed_by: tuple[str, ...]


def renewal_chain(award_public_id: str) -> RenewalChain:
    """Which award this one renews, and which awards renew it (oldest first)."""
    award = Award.objects.select_related("renews").filter(public_id=award_public_id).first()
    if award is None:
        return RenewalChain(None, ())
    later = Award.objects.filter(renews=award).order_by("created", "pk")
    previous = award.renews.public_id if award.renews is not None else None
    return RenewalChain(previous, tuple(later.values_list("public_id", flat=True)))
