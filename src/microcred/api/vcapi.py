"""The W3C VC-API endpoints (/credentials/issue, /credentials/status, /credentials/verify,
/presentations/verify) and /api/verify.

Verification answers follow the VC-API and the Data Integrity test suites: 200 with the
VerificationResult when the credential (or presentation) verifies, 422 with the same body
when it does not, 400 for a request that cannot be judged (an unsupported option, a
document that is not a map).
"""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Status
from ninja.throttling import BaseThrottle

from microcred.api import credential_status, services
from microcred.api.auth import TokenAuth, grant_for
from microcred.api.credentials import credential_out, location
from microcred.api.errors import ApiError
from microcred.api.schemas import (
    CredentialOut,
    ErrorOut,
    IssueIn,
    IssueOut,
    PresentationVerifyIn,
    ReportOut,
    StatusUpdateIn,
    VerifyIn,
    VerifyOut,
)
from microcred.organizations.tokens import Scope
from microcred.vc.verify import Budget, OptionError, VerifyOptions, read_options, verify_secured
from microcred.verification import ratelimit
from microcred.verification.presentation_services import (
    is_presentation,
    verify_presentation_document,
)
from microcred.verification.resources import resource_loader
from microcred.verification.services import limits, verify_document

router = Router(tags=["vc-api"])
_ERRORS = {400: ErrorOut, 413: ErrorOut, 422: ErrorOut}
#: 422 is the VerificationResult of what did not verify, or (a malformed request) an error.
_VERIFY = {200: VerifyOut, 400: ErrorOut, 413: ErrorOut, 422: VerifyOut | ErrorOut, 429: ErrorOut}
CREDENTIAL_OPTIONS = frozenset({"checks", "expectedProofPurpose", "challenge", "domain"})
PRESENTATION_OPTIONS = CREDENTIAL_OPTIONS


def _lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _options(options: dict[str, Any], default_purpose: str) -> VerifyOptions:
    """Typed verification options; an unsupported or malformed one is a 400 naming it."""
    try:
        return read_options(options, default_purpose=default_purpose, allowed=CREDENTIAL_OPTIONS)
    except OptionError as exc:
        raise ApiError(400, f"api.{exc.code}", str(exc)) from exc


_AUTHED = {401: ErrorOut, 403: ErrorOut, **_ERRORS}


@router.post(
    "/credentials/issue", auth=TokenAuth(), response={201: IssueOut, 409: ErrorOut, **_AUTHED}
)
def issue_credential(
    request: HttpRequest, response: HttpResponse, body: IssueIn
) -> Status[IssueOut]:
    """Sign the given credential with the token's organisation's key (``eddsa-rdfc-2022``,
    or ``eddsa-jcs-2022`` with ``options.cryptosuite``), with status entries of its own
    (``options.credentialStatus`` chooses them); the record is at the ``Location`` given."""
    grant = grant_for(request, Scope.ISSUE)
    record = services.sign_credential(grant, body.credential, body.options)
    response["Location"] = location(record)
    return Status(201, IssueOut(verifiableCredential=record.credential))


@router.post(
    "/credentials/status",
    auth=TokenAuth(),
    response={200: CredentialOut, 404: ErrorOut, 409: ErrorOut, **_AUTHED},
)
def update_credential_status(request: HttpRequest, body: StatusUpdateIn) -> CredentialOut:
    """Set the revocation or suspension status of a credential signed through the VC-API
    (``status`` defaults to true: set the status named)."""
    grant = grant_for(request, Scope.REVOKE)
    return credential_out(credential_status.update_status(grant, body))


@router.post(
    "/status/{list_id}/publish",
    auth=TokenAuth(),
    response={204: None, 404: ErrorOut, **_AUTHED},
)
def publish_status_list(request: HttpRequest, list_id: str) -> Status[None]:
    """Make sure the list's current state is what its URL serves (the Bitstring Status List
    suite asks for this after a change). Our lists are re-signed with every change, so this
    only signs a list that was never published; 204 either way."""
    grant = grant_for(request, Scope.REVOKE)
    credential_status.publish(grant, list_id)
    return Status(204, None)


class VerifyRateLimit(BaseThrottle):
    """The verifier's shared rate limit as a ninja throttle: ninja runs throttles before it
    reads the body, so a client over its budget costs us no parsing at all."""

    def __init__(self) -> None:
        self._waits = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._waits.seconds = ratelimit.retry_after(request)
        return self._waits.seconds is None

    def wait(self) -> float | None:
        seconds: int | None = getattr(self._waits, "seconds", None)
        return seconds


def _answer(result: dict[str, Any]) -> Status[VerifyOut]:
    """200 when verified; 422 with the same VerificationResult when not."""
    return Status(200 if result["verified"] else 422, VerifyOut(**result))


@router.post("/credentials/verify", response=_VERIFY, throttle=VerifyRateLimit())
def verify_credential(request: HttpRequest, body: VerifyIn) -> Status[VerifyOut]:
    """Verify a credential as the verify page does (our documents from the database,
    other issuers' over HTTPS through the SSRF-safe fetcher). The body is a map (a
    secured credential or an enveloped one) or a compact vc+jwt; JSON text is refused."""
    options = _options(body.options, "assertionMethod")
    report = verify_secured(
        body.verifiableCredential,
        now=None,
        verifier=verify_document,
        options=options,
        resource_loader=resource_loader(Budget(limits())),
    )
    return _answer(services.vc_api_result(report, _lang()))


@router.post("/presentations/verify", response=_VERIFY, throttle=VerifyRateLimit())
def verify_presentation(request: HttpRequest, body: PresentationVerifyIn) -> Status[VerifyOut]:
    """Verify a presentation: the holder's ``authentication`` proof (with the verifier's
    ``challenge`` and ``domain``), then every credential in it through the full pipeline."""
    options = _options(body.options, "authentication")
    report = verify_presentation_document(
        body.verifiablePresentation,
        challenge=options.challenge,
        domain=options.domain,
        expected_proof_purpose=options.expected_proof_purpose,
    )
    return _answer(services.vc_api_result(report, _lang()))


@router.post(
    "/api/verify", response={200: ReportOut, 429: ErrorOut, **_ERRORS}, throttle=VerifyRateLimit()
)
def verify_report(request: HttpRequest, body: VerifyIn) -> dict[str, Any]:
    """As /credentials/verify (or /presentations/verify, for a presentation), answered
    with Microcred's own verification report, always 200."""
    options = _options(body.options, "assertionMethod")
    document = body.verifiableCredential
    if is_presentation(document):
        report = verify_presentation_document(
            document, challenge=options.challenge, domain=options.domain
        )
        return report.to_json(_lang())
    found = verify_secured(document, now=None, verifier=verify_document, options=options)
    return found.to_json(_lang())
