"""VC-API ``POST /credentials/status``: set a VC-API credential's revocation or suspension.

The request states the wanted value of each status (``status: true`` = revoked or
suspended; absent means true, as the Bitstring Status List suite sends it); this module
turns that into the revocation service's actions. Asking for the value a credential
already has changes nothing; un-revoking is refused (revocation is
final). Every entry is applied or none (one transaction).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.api import services
from microcred.api.errors import ApiError, not_found
from microcred.api.schemas import StatusEntryIn, StatusUpdateIn
from microcred.issuing import api_credentials, status_lists
from microcred.issuing.models import ApiCredential, StatusList, StatusPurpose
from microcred.issuing.revocation import StatusAction
from microcred.organizations.keys import signer_for
from microcred.organizations.tokens import TokenGrant

ENTRY_TYPE = "BitstringStatusListEntry"
#: The VC-API's own example names the list type; both mean this credential's entry.
ENTRY_TYPES = frozenset({ENTRY_TYPE, "BitstringStatusList"})
_State = ApiCredential.State


def _entries(body: StatusUpdateIn) -> list[tuple[StatusEntryIn, bool]]:
    listed = body.credentialStatus
    entries = listed if isinstance(listed, list) else [listed]
    out: list[tuple[StatusEntryIn, bool]] = []
    for entry in entries:
        wanted = entry.status if entry.status is not None else body.status
        out.append((entry, True if wanted is None else wanted))
    if not out:
        raise ApiError(400, "api.status_missing", _("Each status entry needs a true/false status."))
    return out


def _check_entry(record: ApiCredential, entry: StatusEntryIn) -> None:
    if entry.type not in ENTRY_TYPES:
        raise ApiError(
            400,
            "api.status_type_not_supported",
            _("Only %(type)s entries can be changed here.") % {"type": ENTRY_TYPE},
        )
    if entry.statusPurpose not in StatusPurpose.values:
        raise ApiError(
            400,
            "api.status_purpose_not_supported",
            _("The status purpose must be “revocation” or “suspension”."),
        )
    if entry.statusPurpose not in _carried_purposes(record):
        raise ApiError(
            400,
            "api.status_purpose_not_carried",
            _("The credential carries no status entry for this purpose."),
        )
    revocation = entry.statusPurpose == StatusPurpose.REVOCATION
    status_list = record.revocation_list if revocation else record.suspension_list
    index = record.revocation_index if revocation else record.suspension_index
    own = status_lists.entry_for(status_list, index)
    given = {"id": entry.id, "statusListCredential": entry.statusListCredential}
    given["statusListIndex"] = entry.statusListIndex
    if any(value is not None and value != own[key] for key, value in given.items()):
        raise ApiError(
            400,
            "api.status_entry_mismatch",
            _("This status entry is not the credential's own entry for that purpose."),
        )


def _carried_purposes(record: ApiCredential) -> set[str]:
    """The purposes of the status entries the signed credential actually carries."""
    listed = record.credential.get("credentialStatus", [])
    entries = listed if isinstance(listed, list) else [listed]
    return {str(e.get("statusPurpose")) for e in entries if isinstance(e, dict)}


def _action(record: ApiCredential, purpose: str, wanted: bool) -> StatusAction | None:
    """The action that makes the status ``wanted`` (None: it already is)."""
    state = record.state
    if purpose == StatusPurpose.REVOCATION:
        if not wanted and state == _State.REVOKED:
            raise ApiError(
                409, "api.revocation_final", _("A revoked credential cannot be un-revoked.")
            )
        return StatusAction.REVOKE if wanted and state != _State.REVOKED else None
    if wanted:
        return None if state == _State.SUSPENDED else StatusAction.SUSPEND
    return None if state == _State.ACTIVE else StatusAction.REINSTATE


@transaction.atomic
def update_status(grant: TokenGrant, body: StatusUpdateIn) -> ApiCredential:
    record = api_credentials.find(grant.organization, credential_id=body.credentialId)
    if record is None:
        raise not_found()
    reason = _("Changed through the VC-API status endpoint.")
    for entry, wanted in _entries(body):
        _check_entry(record, entry)
        action = _action(record, entry.statusPurpose, wanted)
        if action is not None:
            record = services.change_record(grant, record, action, reason)
    return record


def publish(grant: TokenGrant, list_id: str) -> None:
    """Sign the organisation's list ``list_id`` if it was never published (404 if it is
    not the organisation's)."""
    found = StatusList.objects.filter(organization=grant.organization, public_id=list_id).first()
    if found is None:
        raise not_found()
    if found.signed_credential is None:
        with signer_for(grant.organization) as signer:
            status_lists.publish(found, signer=signer)
