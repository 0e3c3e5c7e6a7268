"""/api/v1/credentials: what the VC-API signed — read, revoke, suspend, reinstate.

The counterpart of /api/v1/awards for credentials signed through ``POST /credentials/issue``
(whose response names the record in its ``Location`` header); the token's organisation only.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from microcred.api import services
from microcred.api.auth import TokenAuth, grant_for
from microcred.api.schemas import CredentialOut, ErrorOut, ReasonIn
from microcred.issuing.models import ApiCredential
from microcred.issuing.revocation import StatusAction
from microcred.organizations.tokens import Scope

router = Router(auth=TokenAuth(), tags=["credentials"])
_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut}
_CHANGE = {200: CredentialOut, 409: ErrorOut, **_ERRORS}


def credential_out(record: ApiCredential) -> CredentialOut:
    return CredentialOut(
        id=record.public_id,
        credentialId=record.credential_id,
        state=record.state,
        reason=record.state_reason,
        state_changed=record.state_changed,
        created=record.created,
        credential=record.credential,
    )


def location(record: ApiCredential) -> str:
    return f"/api/v1/credentials/{record.public_id}"


@router.get("/credentials/{credential_id}", response={200: CredentialOut, **_ERRORS})
def get_credential(request: HttpRequest, credential_id: str) -> CredentialOut:
    grant = grant_for(request, Scope.READ)
    return credential_out(services.get_credential(grant.organization, credential_id))


def _change(
    request: HttpRequest, credential_id: str, action: StatusAction, reason: str
) -> CredentialOut:
    grant = grant_for(request, Scope.REVOKE)
    return credential_out(services.change_credential(grant, credential_id, action, reason))


@router.post("/credentials/{credential_id}/revoke", response=_CHANGE)
def revoke_credential(request: HttpRequest, credential_id: str, body: ReasonIn) -> CredentialOut:
    """Revoke for good (from active or suspended)."""
    return _change(request, credential_id, StatusAction.REVOKE, body.reason)


@router.post("/credentials/{credential_id}/suspend", response=_CHANGE)
def suspend_credential(request: HttpRequest, credential_id: str, body: ReasonIn) -> CredentialOut:
    """Suspend an active credential until it is reinstated."""
    return _change(request, credential_id, StatusAction.SUSPEND, body.reason)


@router.post("/credentials/{credential_id}/reinstate", response=_CHANGE)
def reinstate_credential(request: HttpRequest, credential_id: str, body: ReasonIn) -> CredentialOut:
    """Lift a suspension."""
    return _change(request, credential_id, StatusAction.REINSTATE, body.reason)
