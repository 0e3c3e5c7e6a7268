"""Bitstring Status Lists of an organisation: allocate entries, flip bits, publish signed.

Entries are allocated at random positions (herd privacy: an entry's index says nothing
about when or to whom it was issued), many at once for a batch so that bulk issuance costs
one query per batch rather than one per credential. A list is re-signed only when a bit
changes; public GETs serve the cached signed credential and never sign anything.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from microcred.issuing.models import Award, StatusList, StatusPurpose
from microcred.issuing.signer import IssuerSigner
from microcred.organizations.models import Organization
from microcred.vc.dates import format_datetime
from microcred.vc.issue import issue_credential
from microcred.vc.status import BitstringStatusList, status_entry, status_list_credential

#: Open a new list once half the entries are taken, so random allocation stays cheap and
#: every list keeps a large anonymity set.
FILL_LIMIT = 0.5
_RANDOM = secrets.SystemRandom()


def public_base_url() -> str:
    return str(getattr(settings, "MICROCRED_PUBLIC_URL", "http://localhost:8000")).rstrip("/")


def list_url(status_list: StatusList) -> str:
    return f"{public_base_url()}/status/{status_list.public_id}"


def entry_for(status_list: StatusList, index: int) -> dict[str, object]:
    return status_entry(
        list_credential=list_url(status_list), index=index, purpose=status_list.purpose
    )


def _open_list(organization: Organization, purpose: str) -> StatusList:
    bits = BitstringStatusList()
    return StatusList.objects.create(
        organization=organization, purpose=purpose, size=bits.size, encoded_list=bits.encode()
    )


def _used(status_list: StatusList) -> set[int]:
    field = "revocation" if status_list.purpose == StatusPurpose.REVOCATION else "suspension"
    return set(
        Award.objects.filter(**{f"{field}_list": status_list}).values_list(
            f"{field}_index", flat=True
        )
    )


@transaction.atomic
def allocate(organization: Organization, purpose: str, count: int) -> list[tuple[StatusList, int]]:
    """``count`` fresh random entries, from the current list and new ones as lists fill."""
    found: list[tuple[StatusList, int]] = []
    while len(found) < count:
        current = (
            StatusList.objects.select_for_update()
            .filter(organization=organization, purpose=purpose)
            .order_by("-id")
            .first()
        )
        if current is None or current.allocated >= current.size * FILL_LIMIT:
            current = _open_list(organization, purpose)
        room = int(current.size * FILL_LIMIT) - current.allocated
        take = min(room, count - len(found))
        free = _sample_free(current, take)
        current.allocated += take
        current.save(update_fields=["allocated"])
        found.extend((current, index) for index in free)
    return found


def _sample_free(status_list: StatusList, take: int) -> list[int]:
    used = _used(status_list)
    chosen: set[int] = set()
    while len(chosen) < take:
        index = _RANDOM.randrange(status_list.size)
        if index not in used:
            chosen.add(index)
    return list(chosen)


@transaction.atomic
def set_bit(status_list: StatusList, index: int, value: int) -> None:
    """Change one entry; the list must be re-published (``publish``) for verifiers to see it."""
    locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
    bits = BitstringStatusList.decode(locked.encoded_list)
    bits.set(index, value)
    locked.encoded_list = bits.encode()
    locked.version += 1
    locked.save(update_fields=["encoded_list", "version"])
    status_list.encoded_list, status_list.version = locked.encoded_list, locked.version


@transaction.atomic
def publish(
    status_list: StatusList, *, signer: IssuerSigner, now: datetime | None = None
) -> dict[str, Any]:
    """Sign the list as it stands and cache it; what public GETs serve from now on.

    Runs under the list's row lock, so two publishers cannot leave an older signature
    cached over a newer one.
    """
    moment = now or timezone.now()
    locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
    unsigned = status_list_credential(
        id=list_url(locked),
        issuer=signer.did,
        purpose=locked.purpose,
        encoded_list=locked.encoded_list,
        valid_from=format_datetime(moment),
    )
    signed = issue_credential(
        unsigned,
        key=signer.key,
        verification_method=signer.verification_method,
        now=moment,
        documents=signer.documents,
    )
    assert isinstance(signed, dict)
    locked.signed_credential, locked.signed_at = signed, moment
    locked.save(update_fields=["signed_credential", "signed_at"])
    status_list.signed_credential, status_list.signed_at = signed, moment
    status_list.encoded_list, status_list.version = locked.encoded_list, locked.version
    return signed
