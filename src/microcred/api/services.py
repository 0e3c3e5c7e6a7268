"""What the endpoints do, kept out of them: look up in the token's organisation, then act."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.api.documents import local_documents
from microcred.api.errors import ApiError, not_found
from microcred.api.schemas import AwardIn
from microcred.catalog import services as catalog
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.compose import Learner
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.vc.issue import issue_credential
from microcred.vc.verify import VerificationReport, verify_credential


@dataclass(frozen=True, slots=True)
class IssueResult:
    award: Award
    created: bool


def issue_award(org: Organization, data: AwardIn) -> IssueResult:
    """One award; a repeated idempotency key returns the award it made the first time."""
    version = catalog.get_issuable_version(org, data.specification)
    supplied = data.idempotency_key or str(uuid.uuid4())
    learner = Learner(
        email=data.learner.email,
        name=data.learner.name,
        grade=data.learner.grade,
        awarded_on=data.learner.date,
        evidence_url=data.learner.evidence_url,
    )
    request = AwardRequest(learner, idempotency_key("api", supplied))
    with signer_for(org) as signer:
        (issued,) = issue_awards(version, [request], signer=signer, include_name=data.include_name)
    return IssueResult(issued.award, created=issued.claim_token is not None)


def get_award(org: Organization, public_id: str) -> Award:
    """The organisation's award; another organisation's is as unknown as a missing one."""
    award = (
        Award.objects.select_related("specification_version")
        .filter(organization=org, public_id=public_id)
        .first()
    )
    if award is None:
        raise not_found()
    return award


def change_award(org: Organization, public_id: str, action: StatusAction, reason: str) -> Award:
    award = get_award(org, public_id)
    with signer_for(org) as signer:
        changed = change_status([award], action, reason=reason, by=None, signer=signer)
    if not changed:
        message = _refusal(action) % {"state": award.get_state_display()}
        raise ApiError(409, "invalid_transition", message)
    return changed[0]


def _refusal(action: StatusAction) -> str:
    """One whole sentence per action, so that each language can word it naturally."""
    return {
        StatusAction.REVOKE: _(
            "Only an active or suspended award can be revoked (it is %(state)s)."
        ),
        StatusAction.SUSPEND: _("Only an active award can be suspended (it is %(state)s)."),
        StatusAction.REINSTATE: _("Only a suspended award can be reinstated (it is %(state)s)."),
    }[action]


def _issuer_id(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        value = issuer.get("id")
        return value if isinstance(value, str) else None
    return issuer if isinstance(issuer, str) else None


def sign_credential(org: Organization, credential: dict[str, Any]) -> dict[str, Any]:
    """VC-API issue: sign a caller's credential, but only as the token's organisation."""
    if "proof" in credential:
        raise ApiError(400, "already_secured", _("The credential already has a proof."))
    own = did_for(org)
    if "issuer" not in credential:
        credential = {**credential, "issuer": own}
    elif _issuer_id(credential) != own:
        raise ApiError(
            400,
            "issuer_mismatch",
            _("The credential's issuer must be this organisation (%(did)s).") % {"did": own},
        )
    with signer_for(org) as signer:
        signed = issue_credential(
            credential,
            key=signer.key,
            verification_method=signer.verification_method,
            now=timezone.now(),
            documents=signer.documents,
        )
    assert isinstance(signed, dict)
    return signed


def verify(credential: dict[str, Any] | str) -> VerificationReport:
    """Verify with this platform's documents only; anything foreign fails closed."""
    return verify_credential(
        credential, now=timezone.now(), documents=local_documents(credential), fetcher=None
    )


def vc_api_result(report: VerificationReport, lang: str) -> dict[str, Any]:
    """VC-API's verification shape (names of checks run, errors), with our full report."""
    return {
        "verified": report.verified,
        "checks": sorted({c.check for c in report.checks if c.passed}),
        "errors": [
            {"check": c.check, "code": c.code, "message": c.message(lang)} for c in report.failures
        ],
        "warnings": [],
        "report": report.to_json(lang),
    }
