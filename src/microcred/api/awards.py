"""/api/v1/awards: issue, read, revoke, suspend, reinstate — the token's organisation only."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from microcred.api import services
from microcred.api.auth import TokenAuth, grant_for
from microcred.api.schemas import AwardIn, AwardOut, ErrorOut, ReasonIn
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction
from microcred.organizations.tokens import Scope

router = Router(auth=TokenAuth(), tags=["awards"])
#: 422: a body that is not the declared shape (ninja's validation, mapped in errors.py).
_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


def _out(award: Award) -> AwardOut:
    return AwardOut(
        id=award.public_id,
        specification=award.specification_version.public_id,
        state=award.state,
        reason=award.state_reason,
        state_changed=award.state_changed,
        created=award.created,
        credential=award.credential,
    )


@router.post("/awards", response={200: AwardOut, 201: AwardOut, 409: ErrorOut, **_ERRORS})
def issue_award(request: HttpRequest, body: AwardIn) -> Status[AwardOut]:
    """Issue one award (201); a replayed idempotency key returns the first award (200) if
    the request is the same, and is refused (422) if it is not."""
    grant = grant_for(request, Scope.ISSUE)
    result = services.issue_award(grant, body)
    return Status(201 if result.created else 200, _out(result.award))


@router.get("/awards/{award_id}", response={200: AwardOut, **_ERRORS})
def get_award(request: HttpRequest, award_id: str) -> AwardOut:
    grant = grant_for(request, Scope.READ)
    return _out(services.get_award(grant.organization, award_id))


def _change(request: HttpRequest, award_id: str, action: StatusAction, reason: str) -> AwardOut:
    grant = grant_for(request, Scope.REVOKE)
    return _out(services.change_award(grant, award_id, action, reason))


_CHANGE = {200: AwardOut, 409: ErrorOut, **_ERRORS}


@router.post("/awards/{award_id}/revoke", response=_CHANGE)
def revoke_award(request: HttpRequest, award_id: str, body: ReasonIn) -> AwardOut:
    """Revoke for good (from active or suspended)."""
    return _change(request, award_id, StatusAction.REVOKE, body.reason)


@router.post("/awards/{award_id}/suspend", response=_CHANGE)
def suspend_award(request: HttpRequest, award_id: str, body: ReasonIn) -> AwardOut:
    """Suspend an active award until it is reinstated."""
    return _change(request, award_id, StatusAction.SUSPEND, body.reason)


@router.post("/awards/{award_id}/reinstate", response=_CHANGE)
def reinstate_award(request: HttpRequest, award_id: str, body: ReasonIn) -> AwardOut:
    """Lift a suspension."""
    return _change(request, award_id, StatusAction.REINSTATE, body.reason)
