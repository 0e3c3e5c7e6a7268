"""Credentials a program has signed through the VC-API: recorded, revocable, never a copy.

Signing a caller's credential as the organisation is only safe if the result is the
organisation's own, separate credential. So before signing, the credential must not reuse
the ``id`` of another credential of the organisation (an award or an earlier VC-API
credential), nor carry a status entry in the organisation's own status lists (which belong
to the credentials they were allocated for: copying one would tie the new credential's
revocation to someone else's). The platform then allocates fresh entries, signs, and
stores the record with its audit event in one transaction. Status entries pointing
elsewhere stay the caller's business, as the VC data model allows.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.issuing import status_lists
from microcred.issuing.audit import ViaToken, details_for
from microcred.issuing.awards import allocate_entries
from microcred.issuing.errors import CredentialIdTakenError, IssuingError
from microcred.issuing.models import ApiCredential, AuditEvent, Award, StatusList, StatusPurpose
from microcred.issuing.signer import IssuerSigner
from microcred.organizations.deployment import public_base_url
from microcred.organizations.models import Organization
from microcred.vc import Format, issue_credential
from microcred.vc.verify import ResourceLoader

MAX_ID_LENGTH = 500
#: A URL or URN as the VC data model asks of ``id``: a scheme, then no space or control.
_ID = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]+")


def credential_id_for(credential: Mapping[str, Any], option: Any) -> str:
    """The id to sign under: ``options.credentialId``, else the credential's, else a new one."""
    given = credential.get("id")
    if option is not None:
        if not isinstance(option, str) or (given is not None and given != option):
            raise IssuingError(
                _("options.credentialId must be a string equal to the credential's id."),
                code="issuing.credential_id_conflict",
            )
        given = option
    if given is None:
        return f"urn:uuid:{uuid.uuid4()}"
    if not isinstance(given, str) or len(given) > MAX_ID_LENGTH or not _ID.fullmatch(given):
        raise IssuingError(
            _("The credential id must be a URL or URN of at most %(max)d characters.")
            % {"max": MAX_ID_LENGTH},
            code="issuing.credential_id_invalid",
        )
    return given


def _id_taken(organization: Organization, credential_id: str) -> bool:
    """Whether an earlier VC-API credential or an award of the organisation has this id.

    The award side reads the id inside the stored credential (no column of its own, so the
    bulk inserts pay nothing for this rare check; it scans the organisation's awards)."""
    mine = ApiCredential.objects.filter(organization=organization, credential_id=credential_id)
    if mine.exists():
        return True
    return Award.objects.filter(organization=organization, credential__id=credential_id).exists()


def _taken() -> CredentialIdTakenError:
    return CredentialIdTakenError(
        _("Another credential of this organisation already has this id."),
        code="issuing.credential_id_taken",
    )


def _points_at_our_lists(url: Any) -> bool:
    """Whether ``url`` names one of this platform's status lists, however it is spelled:
    under today's public URL, or the URL a list was published under before a move."""
    if not isinstance(url, str):
        return False
    if StatusList.objects.filter(url=url.strip().partition("#")[0]).exists():
        return True
    base, found = urlsplit(public_base_url()), urlsplit(url.strip())
    if (found.scheme.lower(), found.netloc.lower()) != (base.scheme.lower(), base.netloc.lower()):
        return False
    path = posixpath.normpath(unquote(found.path) or "/")
    return (path + "/").startswith(base.path.rstrip("/") + "/status/")


def caller_status_entries(credential: Mapping[str, Any]) -> list[Any]:
    """The caller's status entries; refused if any points into the platform's own lists."""
    entries = credential.get("credentialStatus", [])
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        if isinstance(entry, Mapping) and any(
            _points_at_our_lists(entry.get(key)) for key in ("id", "statusListCredential")
        ):
            raise IssuingError(
                _(
                    "A status entry points into this organisation's status lists; the "
                    "platform allocates those entries itself."
                ),
                code="issuing.status_entry_not_allocated",
            )
    return list(entries)


@transaction.atomic
def sign_and_record(
    organization: Organization,
    credential: Mapping[str, Any],
    *,
    credential_id: str,
    signer: IssuerSigner,
    by: Any,
    via: ViaToken,
    format: Format = "di-rdfc",
    purposes: Sequence[str] = (StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION),
    resource_loader: ResourceLoader | None = None,
) -> ApiCredential:
    """Sign ``credential`` under ``credential_id`` with fresh status entries, and record it.

    Both entries are allocated (the record keeps them); the credential carries those
    ``purposes`` name — one entry is a single object, as the Bitstring Status List suite
    reads it, several are a list.
    """
    if _id_taken(organization, credential_id):
        raise _taken()
    entries = caller_status_entries(credential)
    (revoke_at,), (suspend_at,) = allocate_entries(organization, 1)
    chosen = {StatusPurpose.REVOCATION: revoke_at, StatusPurpose.SUSPENSION: suspend_at}
    own = [status_lists.entry_for(*chosen[StatusPurpose(p)]) for p in purposes]
    status = [*entries, *own]
    unsigned = {**credential, "id": credential_id, "credentialStatus": status}
    if len(status) == 1:
        unsigned["credentialStatus"] = status[0]
    moment = timezone.now()
    signed = issue_credential(
        unsigned,
        key=signer.key,
        verification_method=signer.verification_method,
        now=moment,
        format=format,
        documents=signer.documents,
        resource_loader=resource_loader,
    )
    assert isinstance(signed, dict)
    record = ApiCredential(
        organization=organization,
        credential_id=credential_id,
        credential=signed,
        revocation_list=revoke_at[0],
        revocation_index=revoke_at[1],
        suspension_list=suspend_at[0],
        suspension_index=suspend_at[1],
        token_id=via.public_id,
        issued_by=by,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:  # the same id, recorded by a parallel request meanwhile
        raise _taken() from exc
    for status_list in {sl.pk: sl for sl, _index in (revoke_at, suspend_at)}.values():
        if status_list.signed_credential is None:  # published before anyone looks it up
            status_lists.publish(status_list, signer=signer, now=moment)
    AuditEvent.objects.create(
        organization=organization,
        actor=by,
        action="vc_api_issued",
        target=record.public_id,
        details=details_for(via, credential_id=credential_id),
    )
    return record


def find(organization: Organization, **lookup: str) -> ApiCredential | None:
    """The organisation's VC-API credential (by ``public_id`` or ``credential_id``), else
    None: another organisation's is as unknown as a missing one."""
    found = ApiCredential.objects.filter(organization=organization, **lookup)
    return found.select_related("organization").first()
