"""The award e-mails (of a batch, or of one award however it was issued), sent by tasks.

Writing and sending thousands of messages is slow (an SMTP round trip each, in production)
and has nothing to do with signing; as a separate task, queued in the same transaction as
the chunk it announces, it neither slows issuance nor mails an award that was rolled back,
and a failed send can be retried without touching the awards. The claim token is derived
again from the award's public id (``claim_token_for``): no raw token is ever stored.
"""

from __future__ import annotations

from django_tasks import task

from microcred.issuing.awards import Issued, claim_token_for
from microcred.issuing.models import Award
from microcred.issuing.notifications import notify_awarded, notify_reissued


@task()
def mail_awards(award_public_ids: list[str], language: str = "") -> int:
    """Send the award e-mail for each award, in its learner's language (``language`` only
    for awards that have none); returns how many were sent."""
    awards = Award.objects.select_related("organization", "specification_version").filter(
        public_id__in=award_public_ids
    )
    return notify_awarded([Issued(a, claim_token_for(a.public_id)) for a in awards], language)


@task()
def mail_reissued(old_public_id: str, new_public_id: str, reason: str) -> int:
    """The one e-mail of a correction: why the old award was revoked, and the new claim link."""
    awards = Award.objects.select_related("organization", "specification_version")
    old = awards.get(public_id=old_public_id)
    new = awards.get(public_id=new_public_id)
    return notify_reissued(old, Issued(new, claim_token_for(new.public_id)), reason)


__all__ = ["mail_awards", "mail_reissued"]
