"""The W3C VC-API endpoints (/credentials/issue, /credentials/status, /credentials/verify)
and /api/verify."""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
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
    ReportOut,
    StatusUpdateIn,
    VerifyIn,
    VerifyOut,
)
from microcred.organizations.tokens import Scope
from microcred.verification import ratelimit
from microcred.verification.services import verify_document

router = Router(tags=["vc-api"])
_ERRORS = {400: ErrorOut, 413: ErrorOut, 422: ErrorOut}


def _lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _no_options(options: dict[str, Any], *, allowed: frozenset[str] = frozenset()) -> None:
    """Options we do not implement are refused rather than silently ignored."""
    unsupported = set(options) - allowed
    if unsupported:
        raise ApiError(
            400,
            "option_not_supported",
            _("Unsupported options: %(names)s.") % {"names": ", ".join(sorted(unsupported))},
        )


_AUTHED = {401: ErrorOut, 403: ErrorOut, **_ERRORS}


@router.post(
    "/credentials/issue", auth=TokenAuth(), response={201: IssueOut, 409: ErrorOut, **_AUTHED}
)
def issue_credential(
    request: HttpRequest, response: HttpResponse, body: IssueIn
) -> Status[IssueOut]:
    """Sign the given credential with the token's organisation's key (eddsa-rdfc-2022),
    with status entries of its own; the record is at the ``Location`` given."""
    grant = grant_for(request, Scope.ISSUE)
    _no_options(body.options, allowed=frozenset({"credentialId"}))
    record = services.sign_credential(grant, body.credential, body.options)
    response["Location"] = location(record)
    return Status(201, IssueOut(verifiableCredential=record.credential))


@router.post(
    "/credentials/status",
    auth=TokenAuth(),
    response={200: CredentialOut, 404: ErrorOut, 409: ErrorOut, **_AUTHED},
)
def update_credential_status(request: HttpRequest, body: StatusUpdateIn) -> CredentialOut:
    """Set the revocation or suspension status of a credential signed through the VC-API."""
    grant = grant_for(request, Scope.REVOKE)
    return credential_out(credential_status.update_status(grant, body))


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


@router.post(
    "/credentials/verify",
    response={200: VerifyOut, 429: ErrorOut, **_ERRORS},
    throttle=VerifyRateLimit(),
)
def verify_credential(request: HttpRequest, body: VerifyIn) -> VerifyOut:
    """Verify a credential as the verify page does (our documents from the database,
    other issuers' over HTTPS through the SSRF-safe fetcher)."""
    _no_options(body.options)
    report = verify_document(body.verifiableCredential)
    return VerifyOut(**services.vc_api_result(report, _lang()))


@router.post(
    "/api/verify", response={200: ReportOut, 429: ErrorOut, **_ERRORS}, throttle=VerifyRateLimit()
)
def verify_report(request: HttpRequest, body: VerifyIn) -> dict[str, Any]:
    """As /credentials/verify, answered with Microcred's own verification report."""
    _no_options(body.options)
    return verify_document(body.verifiableCredential).to_json(_lang())
