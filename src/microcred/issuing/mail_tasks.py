"""The award e-mails of a bulk batch, sent by a task of their own.

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
from microcred.issuing.notifications import notify_awarded


@task()
def mail_awards(award_public_ids: list[str], language: str = "") -> int:
    """Send the award e-mail for each award, in its learner's language (``language`` only
    for awards that have none); returns how many were sent."""
    awards = Award.objects.select_related("organization", "specification_version").filter(
        public_id__in=award_public_ids
    )
    return notify_awarded([Issued(a, claim_token_for(a.public_id)) for a in awards], language)


__all__ = ["mail_awards"]
