"""What the endpoints do, kept out of them: look up in the token's organisation, then act."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.api.documents import local_documents
from microcred.api.errors import ApiError, not_found
from microcred.api.schemas import AwardIn
from microcred.api.vc_options import read_issue_options
from microcred.catalog import services as catalog
from microcred.issuing import api_credentials
from microcred.issuing.audit import ViaToken
from microcred.issuing.awards import AwardRequest, idempotency_key
from microcred.issuing.models import ApiCredential, Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.issuing.single_award import issue_single_award
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.organizations.tokens import TokenGrant
from microcred.vc import Learner, PresentationReport, issuer_id
from microcred.vc.verify import Budget, Check, CheckStatus, VerificationReport, verify_credential
from microcred.verification.resources import resource_loader
from microcred.verification.services import limits


@dataclass(frozen=True, slots=True)
class IssueResult:
    award: Award
    created: bool


def via(grant: TokenGrant) -> ViaToken:
    """The token as the audit log names it."""
    return ViaToken(public_id=grant.token_id, name=grant.token_name)


def request_hash(data: AwardIn, *, omitted_name_means: bool = True) -> str:
    """SHA-256 of what the request asks for, normalised (key order, e-mail case).

    ``omitted_name_means`` is what a left-out ``include_name`` stands for: true now, false
    for requests recorded before the default changed (see ``_replays``).
    """
    learner = data.learner
    include_name = data.include_name
    normal: dict[str, Any] = {
        "specification": data.specification,
        "include_name": omitted_name_means if include_name is None else include_name,
        "email": learner.email.strip().lower(),
        "name": learner.name,
        "grade": learner.grade,
        "date": learner.date.isoformat() if learner.date else None,
        "evidence_url": learner.evidence_url,
    }
    if learner.language is not None:  # absent from hashes made before it existed
        normal["language"] = learner.language
    text = json.dumps(normal, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key_reused() -> ApiError:
    return ApiError(
        422,
        "api.idempotency_key_reused",
        _("This idempotency key was already used for a different request."),
    )


def issue_award(grant: TokenGrant, data: AwardIn) -> IssueResult:
    """One award; replaying an idempotency key with the same request returns the award it
    made the first time, and with a different request is refused."""
    org = grant.organization
    version = catalog.get_issuable_version(org, data.specification)
    supplied = data.idempotency_key or str(uuid.uuid4())
    learner = Learner(
        email=data.learner.email,
        name=data.learner.name,
        grade=data.learner.grade,
        awarded_on=data.learner.date,
        evidence_url=data.learner.evidence_url,
        language=data.learner.language or "",
    )
    digest = request_hash(data)
    request = AwardRequest(learner, idempotency_key("api", supplied), request_hash=digest)
    include_name = True if data.include_name is None else data.include_name
    with signer_for(org) as signer:
        issued = issue_single_award(
            version,
            request,
            signer=signer,
            issued_by=grant.created_by,
            include_name=include_name,
            via=via(grant),
        )
    recorded = issued.award.request_hash
    if issued.claim_token is None and recorded and recorded not in _replays(data):
        raise _key_reused()  # nothing was written: the key's award already existed
    return IssueResult(issued.award, created=issued.claim_token is not None)


def _replays(data: AwardIn) -> set[str]:
    """The hashes a replay of ``data`` may match: a request that left ``include_name`` out
    before its default became true was recorded as asking for false."""
    hashes = {request_hash(data)}
    if data.include_name is None:
        hashes.add(request_hash(data, omitted_name_means=False))
    return hashes


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


def change_award(grant: TokenGrant, public_id: str, action: StatusAction, reason: str) -> Award:
    return change_record(grant, get_award(grant.organization, public_id), action, reason)


R = TypeVar("R", Award, ApiCredential)


def change_record(grant: TokenGrant, record: R, action: StatusAction, reason: str) -> R:
    with signer_for(grant.organization) as signer:
        changed = change_status(
            [record], action, reason=reason, by=grant.created_by, signer=signer, via=via(grant)
        )
    if not changed:
        message = _refusal(action) % {"state": record.get_state_display()}
        raise ApiError(409, "api.invalid_transition", message)
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


def sign_credential(
    grant: TokenGrant, credential: dict[str, Any], options: dict[str, Any]
) -> ApiCredential:
    """VC-API issue: sign a caller's credential as the token's organisation, on record.

    Refused: a credential that already has a proof, another issuer, an ``id`` another
    credential of the organisation has, a status entry in the organisation's own lists.
    """
    org = grant.organization
    if "proof" in credential:
        raise ApiError(400, "api.already_secured", _("The credential already has a proof."))
    own = did_for(org)
    if "issuer" not in credential:
        credential = {**credential, "issuer": own}
    elif issuer_id(credential) != own:
        raise ApiError(
            400,
            "api.issuer_mismatch",
            _("The credential's issuer must be this organisation (%(did)s).") % {"did": own},
        )
    chosen = read_issue_options(options)
    credential_id = api_credentials.credential_id_for(credential, chosen.credential_id)
    with signer_for(org) as signer:
        return api_credentials.sign_and_record(
            org,
            credential,
            credential_id=credential_id,
            signer=signer,
            by=grant.created_by,
            via=via(grant),
            format=chosen.format,
            purposes=chosen.purposes,
            resource_loader=resource_loader(Budget(limits())),
        )


def get_credential(org: Organization, public_id: str) -> ApiCredential:
    found = api_credentials.find(org, public_id=public_id)
    if found is None:
        raise not_found()
    return found


def change_credential(
    grant: TokenGrant, public_id: str, action: StatusAction, reason: str
) -> ApiCredential:
    return change_record(grant, get_credential(grant.organization, public_id), action, reason)


def verify(credential: dict[str, Any] | str) -> VerificationReport:
    """Verify with this platform's documents only; anything foreign fails closed."""
    return verify_credential(
        credential, now=timezone.now(), documents=local_documents(credential), fetcher=None
    )


#: Checks that pass or are skipped but that a relying party should hear about.
WARNINGS = frozenset({"proof_chain_unbound", "related_resource_not_retrieved"})


def vc_api_result(report: VerificationReport | PresentationReport, lang: str) -> dict[str, Any]:
    """The VC-API VerificationResult (``checks`` run, ``errors``, ``warnings``), with our
    full report beside it."""
    return {
        "verified": report.verified,
        "checks": sorted(
            {c.check for c in report.checks if c.passed and c.status is not CheckStatus.WARNING}
        ),
        "errors": [_problem(c, lang) for c in _all_failures(report)],
        "warnings": [_problem(c, lang) for c in report.checks if _is_warning(c)],
        "report": report.to_json(lang),
    }


def _is_warning(check: Check) -> bool:
    """Worth a relying party's attention without failing: an unrecognised issuer beside a
    valid signature, an unbound proof chain, a related resource that could not be read."""
    return check.status is CheckStatus.WARNING or check.code in WARNINGS


def _problem(check: Check, lang: str) -> dict[str, Any]:
    return {"check": check.check, "code": check.code, "message": check.message(lang)}


def _all_failures(report: VerificationReport | PresentationReport) -> list[Check]:
    """The report's failures; a presentation's include its credentials' own."""
    failures = list(report.failures)
    if isinstance(report, PresentationReport):
        failures += [c for credential in report.credentials for c in credential.failures]
    return failures
