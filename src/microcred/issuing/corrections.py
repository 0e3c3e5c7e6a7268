"""Correcting an award: revoke the wrong one and issue the right one, as one act.

The wrong award is revoked with the officer's public reason (and optional internal note);
the corrected one is issued from the chosen specification version; both happen in one
transaction, so the learner never holds neither or both. The audit log links them both
ways (``replaced_by`` on the revocation, ``replaces`` on a ``reissued`` event), and the
learner gets one e-mail that explains the change and brings the new claim link.
A second submission of the same correction issues nothing new: the corrected award's
idempotency key is derived from the wrong award's id.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.issuing.awards import AwardRequest, Issued, idempotency_key
from microcred.issuing.errors import IssuingError
from microcred.issuing.mail_tasks import mail_reissued
from microcred.issuing.models import AuditEvent, Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.issuing.signer import IssuerSigner
from microcred.issuing.single_award import issue_single_award
from microcred.vc import Learner


def correct_award(
    wrong: Award,
    version: Any,
    learner: Learner,
    *,
    reason: str,
    internal_note: str = "",
    include_name: bool,
    by: Any,
    signer: IssuerSigner,
) -> Issued:
    """Revoke ``wrong`` (it must be active or suspended) and issue ``learner`` ``version``;
    the learner's e-mail (the reason and the new claim link) is queued with the change."""
    if wrong.state == Award.State.REVOKED:
        raise IssuingError(
            _("This award is already revoked; issue a new one instead."),
            code="issuing.already_revoked",
        )
    key = idempotency_key("correction", wrong.public_id)
    with transaction.atomic():
        issued = issue_single_award(
            version, AwardRequest(learner, key), signer=signer, issued_by=by,
            include_name=include_name, announce=False,
        )  # fmt: skip
        new = issued.award
        change_status(
            [wrong], StatusAction.REVOKE, reason=reason, by=by, signer=signer,
            internal_note=internal_note, details={"replaced_by": new.public_id},
        )  # fmt: skip
        AuditEvent.objects.create(
            organization=wrong.organization,
            actor=by,
            action="reissued",
            target=new.public_id,
            reason=reason.strip(),
            details={"replaces": wrong.public_id, "specification": version.public_id},
        )
        if issued.claim_token is not None:  # one e-mail: what was wrong, and the new link
            mail_reissued.enqueue(wrong.public_id, new.public_id, reason.strip())
    return issued


__all__ = ["correct_award"]
