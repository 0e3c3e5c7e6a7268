"""Renewing an award: a new credential that names the one it renews, with the reason why.

An officer renews after re-assessing the learner or on evidence of their practice; a
contest answered by re-issuing a revoked award comes here too (a revoked bit can never be
cleared, so a new credential is the only way back). The new award is issued from the same
specification version, to the same learner, and

- its credential names the renewed one in ``relatedResource`` (``awards.renewal_link``),
- the database links the two (``Award.renews``), so the passport shows the chain,
- the renewed award's history records "renewed" with the reason, the basis and the new id.

The idempotency key is the renewed award and the day: a double-submitted form renews once.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.issuing.awards import AwardRequest, Issued, carries_name, idempotency_key
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import AuditEvent, Award
from microcred.issuing.signer import IssuerSigner
from microcred.issuing.single_award import issue_single_award
from microcred.vc import Learner


class RenewalBasis(StrEnum):
    REASSESSMENT = "reassessment"
    PRACTICE = "practice"
    CONTEST = "contest"


@transaction.atomic
def renew(
    award: Award,
    *,
    basis: RenewalBasis,
    reason: str,
    by: Any,
    signer: IssuerSigner,
    grade: str = "",
    evidence_url: str = "",
    now: datetime | None = None,
) -> Issued:
    """Issue the renewal of ``award`` (refused for a revoked award unless by contest)."""
    reason = reason.strip()
    if not reason:
        raise IssuingError(_("A reason is required."), code="issuing.reason_required")
    if award.state == Award.State.REVOKED and basis is not RenewalBasis.CONTEST:
        raise IssuingError(
            _("A revoked award is renewed only by answering the learner's contest."),
            code="issuing.revoked",
        )
    if not award.learner_email:
        raise IssuingError(
            _("The learner's address was erased: this award cannot be renewed."),
            code="issuing.no_learner_address",
        )
    moment = now or timezone.now()
    learner = Learner(
        email=award.learner_email,
        name=award.learner_name,
        grade=(grade or award.grade).strip(),
        awarded_on=timezone.localdate(moment),
        evidence_url=evidence_url,
        language=award.language or award.learner_language,  # its e-mail in their language
    )
    key = idempotency_key("renewal", award.public_id, timezone.localdate(moment).isoformat())
    request = AwardRequest(learner, key, renews=award)
    issued = issue_single_award(
        award.specification_version,
        request,
        signer=signer,
        issued_by=by,
        include_name=carries_name(award),  # as the renewed one did
        now=moment,
    )
    if issued.claim_token is not None:
        issued.award.learner_language = award.learner_language
        issued.award.save(update_fields=["learner_language"])
        AuditEvent.objects.create(
            organization=award.organization,
            actor=by,
            action="renewed",
            target=award.public_id,
            reason=reason,
            details={"renewed_by": issued.award.public_id, "basis": str(basis)},
        )
    return issued


def renewals_of(award: Award) -> list[Award]:
    """The awards that renew ``award``, oldest first."""
    return list(Award.objects.filter(renews=award).order_by("created", "pk"))
