"""Bitstring Status Lists of an organisation: allocate entries, flip bits, publish signed.

Entries are allocated at random-looking positions (herd privacy: an entry's index says
nothing about when or to whom it was issued) through each list's keyed permutation
(``index_permutation``), many at once for a chunk, so that bulk issuance costs one query
per chunk and parallel workers can never be handed the same index. A list is re-signed
only when a bit changes; public GETs serve the cached signed credential and never sign
anything.

Rows are locked ``FOR NO KEY UPDATE`` (PostgreSQL; SQLite locks the whole file): writers of
a list still queue behind each other, but not behind transactions that merely insert awards
pointing at it, whose foreign keys take a ``KEY SHARE`` lock that ``FOR UPDATE`` would wait
for.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from microcred.issuing.index_permutation import permute
from microcred.issuing.models import StatusList
from microcred.issuing.signer import IssuerSigner
from microcred.organizations.deployment import public_base_url
from microcred.organizations.keys import did_for, document_as, signer_for
from microcred.organizations.models import Organization, new_public_id
from microcred.vc import (
    BitstringStatusList,
    format_datetime,
    issue_credential,
    status_entry,
    status_list_credential,
)

#: Open a new list once half the entries are taken, so every list keeps a large anonymity
#: set (the unused half are bits nobody points at).
FILL_LIMIT = 0.5


def list_url(status_list: StatusList) -> str:
    """The URL its credentials name: fixed when the list was opened."""
    return status_list.url or f"{public_base_url()}/status/{status_list.public_id}"


def entry_for(status_list: StatusList, index: int) -> dict[str, object]:
    return status_entry(
        list_credential=list_url(status_list), index=index, purpose=status_list.purpose
    )


def _open_list(organization: Organization, purpose: str) -> StatusList:
    bits = BitstringStatusList()
    public_id = new_public_id()
    return StatusList.objects.create(
        organization=organization,
        public_id=public_id,
        purpose=purpose,
        size=bits.size,
        encoded_list=bits.encode(),
        permutation_key=secrets.token_hex(32),
        url=f"{public_base_url()}/status/{public_id}",
        issuer_did=did_for(organization),
    )


def _named_as_now(organization: Organization) -> Q:
    """Lists whose URL and DID are today's (blank: named by today's values too)."""
    return (Q(url="") | Q(url__startswith=f"{public_base_url()}/status/")) & (
        Q(issuer_did="") | Q(issuer_did=did_for(organization))
    )


def _capacity(status_list: StatusList) -> int:
    if not status_list.permutation_key:
        return 0  # made before keyed permutations: its random entries cannot be continued
    return int(status_list.size * FILL_LIMIT)


@transaction.atomic
def allocate(organization: Organization, purpose: str, count: int) -> list[tuple[StatusList, int]]:
    """``count`` fresh entries, from the current list and new ones as lists fill."""
    found: list[tuple[StatusList, int]] = []
    named_as_now = _named_as_now(organization)
    while len(found) < count:
        current = (
            StatusList.objects.select_for_update(no_key=True)
            .filter(named_as_now, organization=organization, purpose=purpose)
            .order_by("-id")
            .first()
        )
        if current is None or current.allocated >= _capacity(current):
            current = _open_list(organization, purpose)
        take = min(_capacity(current) - current.allocated, count - len(found))
        key = bytes.fromhex(current.permutation_key)
        numbers = range(current.allocated, current.allocated + take)
        found.extend((current, permute(key, n, current.size)) for n in numbers)
        current.allocated += take
        current.save(update_fields=["allocated"])
    return found


@transaction.atomic
def set_bit(status_list: StatusList, index: int, value: int) -> None:
    """Change one entry; the list must be re-published (``publish``) for verifiers to see it."""
    locked = StatusList.objects.select_for_update(no_key=True).get(pk=status_list.pk)
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
    locked = StatusList.objects.select_for_update(no_key=True).get(pk=status_list.pk)
    signer = _as_list_issuer(signer, locked)
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


def _as_list_issuer(signer: IssuerSigner, status_list: StatusList) -> IssuerSigner:
    """The signer as the DID the list was opened under (its credentials' issuer)."""
    if not status_list.issuer_did or status_list.issuer_did == signer.did:
        return signer
    document = document_as(status_list.organization, status_list.issuer_did)
    if document is None:
        raise ValueError(f"{status_list.issuer_did} is not a DID of this platform")
    return signer.under(status_list.issuer_did, document)


def republish_after_retirement(sender: object, *, organization: Organization, **_: Any) -> None:
    """Re-sign every published list of ``organization`` with its active key.

    A retired key is no longer authorised, so a list it signed would fail every
    verification of every credential pointing at it; signed again now, the lists (and the
    revocations in them) stay readable. Lists under a former DID are signed as that DID.
    """
    lists = StatusList.objects.filter(organization=organization, signed_credential__isnull=False)
    if not lists.exists():
        return
    with signer_for(organization) as signer:
        for status_list in lists.order_by("id"):
            publish(status_list, signer=signer)
