"""Revoke, suspend and reinstate awards — always with a stated reason, always audited.

Revocation is final; suspension can be lifted. Bits are flipped list by list and each
touched list is re-signed once, however many awards changed. Credentials signed through
the VC-API (``ApiCredential``) hold status entries of their own and change the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.issuing import status_lists
from microcred.issuing.audit import ViaToken, details_for
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import ApiCredential, AuditEvent, Award, StatusList
from microcred.issuing.signer import IssuerSigner


class StatusAction(StrEnum):
    REVOKE = "revoke"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"


_ALLOWED = {
    StatusAction.REVOKE: {Award.State.ACTIVE, Award.State.SUSPENDED},
    StatusAction.SUSPEND: {Award.State.ACTIVE},
    StatusAction.REINSTATE: {Award.State.SUSPENDED},
}
#: Anything with status entries and a state: an award or a VC-API credential.
Revocable = Award | ApiCredential
R = TypeVar("R", bound=Revocable)
_FIELDS = ["state", "state_reason", "state_changed"]
_RESULT = {
    StatusAction.REVOKE: Award.State.REVOKED,
    StatusAction.SUSPEND: Award.State.SUSPENDED,
    StatusAction.REINSTATE: Award.State.ACTIVE,
}


def _bit(award: Revocable, action: StatusAction) -> tuple[StatusList, int, int]:
    if action is StatusAction.REVOKE:
        return award.revocation_list, award.revocation_index, 1
    return award.suspension_list, award.suspension_index, int(action is StatusAction.SUSPEND)


@transaction.atomic
def change_status(
    awards: Sequence[R],
    action: StatusAction,
    *,
    reason: str,
    by: User | None,
    signer: IssuerSigner,
    now: datetime | None = None,
    via: ViaToken | None = None,
    internal_note: str = "",
    details: dict[str, Any] | None = None,
) -> list[R]:
    """Apply ``action`` to every award it applies to; return those that changed.

    ``reason`` is public: verifiers and the learner see it. ``internal_note`` stays in the
    organisation's audit log (``details["internal_note"]``), as do any other ``details``.
    """
    reason = reason.strip()
    extra = {**(details or {})}
    if internal_note.strip():
        extra["internal_note"] = internal_note.strip()
    if not reason:
        raise IssuingError(_("A reason is required."), code="issuing.reason_required")
    moment = now or timezone.now()
    changed = [a for a in awards if a.state in _ALLOWED[action]]
    # Lock the lists in one order (by id) before flipping any bit: two officers changing
    # awards on the same two lists in opposite orders would otherwise deadlock.
    field = "revocation_list_id" if action is StatusAction.REVOKE else "suspension_list_id"
    lists = {getattr(a, field) for a in changed}
    list(StatusList.objects.select_for_update(no_key=True).filter(pk__in=lists).order_by("pk"))
    touched: dict[int, StatusList] = {}
    for award in changed:
        status_list, index, value = _bit(award, action)
        status_lists.set_bit(status_list, index, value)
        touched[status_list.pk] = status_list
        award.state, award.state_reason, award.state_changed = _RESULT[action], reason, moment
    Award.objects.bulk_update([a for a in changed if isinstance(a, Award)], _FIELDS)
    ApiCredential.objects.bulk_update([a for a in changed if isinstance(a, ApiCredential)], _FIELDS)
    for status_list in touched.values():
        status_lists.publish(status_list, signer=signer, now=moment)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                organization=a.organization,
                actor=by,
                action=str(action),
                target=a.public_id,
                reason=reason,
                details=details_for(via, **extra),
            )
            for a in changed
        ]
    )
    return changed
