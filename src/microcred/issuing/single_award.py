"""Issuing one award, from wherever it is asked for: the officer's form, the API, a
correction, a renewal, a contest answered by re-issuing.

Each of these used to call ``issue_awards`` and then tell the learner its own way (an
e-mail sent from the request, or nothing at all through the API). Here the award and its
announcement are one step: the claim e-mail is a task (``mail_tasks``) queued in the same
transaction as the award, as bulk batches do, so a request never waits for SMTP, a
rolled-back award is never announced, and a failed send is retried without re-issuing.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from microcred.issuing.audit import ViaToken
from microcred.issuing.awards import AwardRequest, Issued, issue_awards
from microcred.issuing.mail_tasks import mail_awards
from microcred.issuing.signer import IssuerSigner

if TYPE_CHECKING:
    from microcred.accounts.models import User
    from microcred.catalog.models import SpecificationVersion

__all__ = ["issue_single_award"]


def issue_single_award(
    version: SpecificationVersion,
    request: AwardRequest,
    *,
    signer: IssuerSigner,
    issued_by: User | None,
    include_name: bool,
    now: datetime | None = None,
    via: ViaToken | None = None,
    announce: bool = True,
) -> Issued:
    """Issue ``request`` and queue the claim e-mail of a new award (an idempotent replay,
    which returns the existing award, announces nothing: the learner was told then).

    ``announce=False`` is for a caller that queues an e-mail of its own instead (a
    correction tells the learner what was wrong and gives the new link in one message).
    """
    with transaction.atomic():
        (issued,) = issue_awards(
            version,
            [request],
            signer=signer,
            issued_by=issued_by,
            include_name=include_name,
            now=now,
            via=via,
        )
        if announce and issued.claim_token is not None:
            mail_awards.enqueue([issued.award.public_id])
    return issued
