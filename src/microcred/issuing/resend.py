"""Sending an award's claim e-mail again (the learner lost it, or it went to spam).

Rate-limited per award through the audit log (each resend is an event, so the limit holds
across processes and is visible to admins): at most one resend every
``RESEND_INTERVAL``. A revoked award's link is not sent again: there is nothing to claim.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.issuing.awards import claim_token_for
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import AuditEvent, Award
from microcred.issuing.notifications import awarded_message

RESEND_INTERVAL = timedelta(minutes=10)
ACTION = "claim_resent"


def next_resend_at(award: Award) -> datetime | None:
    """When the claim e-mail may be sent again; None if it may be now."""
    last = (
        AuditEvent.objects.filter(
            organization_id=award.organization_id, target=award.public_id, action=ACTION
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if last is None or last + RESEND_INTERVAL <= timezone.now():
        return None
    return last + RESEND_INTERVAL


def resend_claim(award: Award, *, by: Any) -> None:
    """Send the claim e-mail again, now; IssuingError says why not."""
    if award.state == Award.State.REVOKED:
        raise IssuingError(
            _("This award is revoked: there is nothing left to claim."),
            code="issuing.resend_revoked",
        )
    wait = next_resend_at(award)
    if wait is not None:
        minutes = max(1, int((wait - timezone.now()).total_seconds() + 59) // 60)
        raise IssuingError(
            _("The claim e-mail was just sent. You can send it again in %(minutes)d minute(s).")
            % {"minutes": minutes},
            code="issuing.resend_too_soon",
        )
    AuditEvent.objects.create(
        organization=award.organization, actor=by, action=ACTION, target=award.public_id
    )
    awarded_message(award, claim_token_for(award.public_id)).send()


__all__ = ["ACTION", "RESEND_INTERVAL", "next_resend_at", "resend_claim"]
