"""Signing keys and did:web identities of organisations: the services the views and the
issuing app call.

An organisation is ``did:web:<MICROCRED_DID_WEB_HOST>:orgs:<slug>``; its document lists
every key it ever had, so a credential stays verifiable for as long as its key was not
withdrawn:

* ``rotate`` — a new key signs from now on; the old one is *superseded* and stays in
  ``assertionMethod``, so earlier credentials still verify.
* ``retire`` — the key is withdrawn (compromised, lost): still listed in
  ``verificationMethod`` with ``revoked: <date>``, but no longer in ``assertionMethod``.
  Verifiers then refuse every credential carrying its signature, whatever its date: a
  thief can write any ``created`` time, so a date cannot rescue a signature. Credentials
  that must survive are re-issued with the new key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from microcred.accounts.models import User
from microcred.keystore import KeyStoreError, get_keystore, keystore_path
from microcred.organizations import domains, signals
from microcred.organizations.errors import DomainError, KeyManagementError
from microcred.organizations.models import Organization
from microcred.organizations.models.keys import OrganizationDid, SigningKey
from microcred.vc import (
    DidError,
    Ed25519KeyPair,
    Ed25519PublicKey,
    build_did_web_document,
    did_web_for,
    format_datetime,
)

__all__ = [
    "OrgSigner",
    "active_key",
    "did_document",
    "did_for",
    "did_web_host",
    "document_as",
    "ensure_signing_key",
    "find_key",
    "list_keys",
    "local_did_document",
    "platform_did",
    "public_did_document",
    "record_did",
    "retire",
    "rotate",
    "signer_for",
    "verification_method",
]

logger = logging.getLogger(__name__)
MAX_REASON_LENGTH = 1000
Actor = User | None


def did_web_host() -> str:
    """``host`` or ``host:port`` from ``MICROCRED_DID_WEB_HOST`` (``%3A`` or ``:`` both work)."""
    raw = str(settings.MICROCRED_DID_WEB_HOST)
    return unquote(raw.strip())


def platform_did(org: Organization) -> str:
    """``did:web:<host>:orgs:<slug>``; its document is served at ``/orgs/<slug>/did.json``."""
    return did_web_for(did_web_host(), f"orgs/{org.slug}")


def did_for(org: Organization) -> str:
    """The DID the organisation issues as: its proven own domain's when in use (see
    ``domains``), else its platform DID."""
    record = domains.domain_in_use(org)
    return domains.domain_did(record.domain) if record is not None else platform_did(org)


def verification_method(key: SigningKey) -> str:
    return f"{did_for(key.organization)}#{key.fragment}"


def list_keys(org: Organization) -> list[SigningKey]:
    """Every key the organisation ever had, oldest first (the order of its DID document)."""
    return list(SigningKey.objects.filter(organization=org).order_by("id"))


def find_key(org: Organization, public_id: str) -> SigningKey | None:
    """The organisation's key with this public id; None for another organisation's key."""
    return SigningKey.objects.filter(organization=org, public_id=public_id).first()


def active_key(org: Organization) -> SigningKey | None:
    return SigningKey.objects.filter(organization=org, status=SigningKey.Status.ACTIVE).first()


def ensure_signing_key(org: Organization, *, by: Actor = None) -> SigningKey:
    """The active key, made now if the organisation has none yet."""
    with transaction.atomic():
        _lock(org)
        return active_key(org) or _create_key(org, by=by)


def rotate(org: Organization, *, by: Actor) -> SigningKey:
    """A new active key; the previous one stays valid for what it already signed."""
    with transaction.atomic():
        _lock(org)
        current = active_key(org)
        if current is not None:
            current.status = SigningKey.Status.SUPERSEDED
            current.superseded_at = timezone.now()
            current.save(update_fields=["status", "superseded_at"])
        return _create_key(org, by=by)


def retire(key: SigningKey, *, effective: datetime, reason: str, by: Actor) -> SigningKey:
    """Withdraw ``key`` from ``effective`` on (not later than now); a retired active key is
    replaced first, so the organisation can go on issuing."""
    reason = reason.strip()
    _check_retirement(key, effective, reason)
    with transaction.atomic():
        _lock(key.organization)
        key.refresh_from_db()
        if key.status == SigningKey.Status.RETIRED:
            raise KeyManagementError(
                "this key is already retired", code="organizations.key_already_retired"
            )
        if key.status == SigningKey.Status.ACTIVE:
            key.status = SigningKey.Status.SUPERSEDED
            key.save(update_fields=["status"])
            _create_key(key.organization, by=by)
        key.status = SigningKey.Status.RETIRED
        key.retired_at = effective
        key.retire_reason = reason
        key.retired_by = by
        key.save(update_fields=["status", "retired_at", "retire_reason", "retired_by"])
        organization = key.organization
        _log("key_retired", key)
        transaction.on_commit(
            lambda: signals.key_retired.send(sender=SigningKey, organization=organization)
        )
    return key


def _check_retirement(key: SigningKey, effective: datetime, reason: str) -> None:
    if not reason:
        raise KeyManagementError(
            "say why the key is retired", code="organizations.retire_reason_required"
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise KeyManagementError(
            f"the reason is longer than {MAX_REASON_LENGTH} characters",
            code="organizations.retire_reason_too_long",
        )
    if timezone.is_naive(effective):
        raise TypeError("'effective' must be a timezone-aware datetime")
    if effective > timezone.now():
        raise KeyManagementError(
            "a retirement takes effect now or in the past, not in the future; rotate the key "
            "to stop using it from now on",
            code="organizations.retire_date_in_future",
        )
    if key.status == SigningKey.Status.RETIRED:
        raise KeyManagementError(
            "this key is already retired", code="organizations.key_already_retired"
        )


def public_did_document(slug: str, host: str | None = None) -> dict[str, Any] | None:
    """The document served at ``/orgs/<slug>/did.json``; None if there is nothing to serve.

    Asked for through ``host`` (the request's, ``name[:port]``), it is the document of the
    DID under that host if the organisation ever signed as it (a former did:web host);
    otherwise the current one.
    """
    org = Organization.objects.filter(slug=slug).first()
    if org is None or not SigningKey.objects.filter(organization=org).exists():
        return None
    if host:
        try:
            asked = did_web_for(host, f"orgs/{slug}")
        except DidError:
            asked = ""
        if asked and OrganizationDid.objects.filter(organization=org, did=asked).exists():
            return did_document(org, did=asked)
    return did_document(org)


def local_did_document(did: str) -> dict[str, Any] | None:
    """The document of ``did`` if this platform hosts it (a platform DID, current or former),
    else None. An organisation's own-domain DID is hosted by the organisation: verifiers,
    ours included, read it there."""
    if ":orgs:" not in did:
        return None
    record = OrganizationDid.objects.filter(did=did).select_related("organization").first()
    org = record.organization if record is not None else _org_of_platform_did(did)
    if org is None or not SigningKey.objects.filter(organization=org).exists():
        return None
    return did_document(org, did=did)


def organization_of_did(did: str) -> Organization | None:
    """The organisation of this platform that signs or signed as ``did``, if any."""
    record = OrganizationDid.objects.filter(did=did).select_related("organization").first()
    if record is not None:
        return record.organization
    return _org_of_platform_did(did) if ":orgs:" in did else None


def _org_of_platform_did(did: str) -> Organization | None:
    slug = did.rpartition(":orgs:")[2]
    if not slug or slug == did:
        return None
    org = Organization.objects.filter(slug=slug).first()
    return org if org is not None and platform_did(org) == did else None


def document_as(org: Organization, did: str) -> dict[str, Any] | None:
    """The organisation's document as ``did`` if it ever signed as that DID (a platform DID
    or its own domain's), else None: what re-signing under a former DID self-checks with."""
    known = (
        did in (platform_did(org), did_for(org))
        or OrganizationDid.objects.filter(organization=org, did=did).exists()
    )
    return did_document(org, did=did) if known else None


def record_did(org: Organization, did: str) -> None:
    """Remember that ``org`` signs as ``did`` (its document is then served for good)."""
    OrganizationDid.objects.get_or_create(did=did, defaults={"organization": org})


def did_document(org: Organization, *, did: str | None = None) -> dict[str, Any]:
    """The organisation's DID document, as ``did`` (default: its current platform DID, the
    one served at ``/orgs/<slug>/did.json``; for its own domain, the ``did.json`` to host).

    Raises ``no_signing_key`` before its first key.
    """
    keys = list_keys(org)
    if not keys:
        raise KeyManagementError(
            f"{org.slug} has no signing key yet", code="organizations.no_signing_key"
        )
    revoked = {
        key.fragment: format_datetime(key.retired_at)
        for key in keys
        if key.status == SigningKey.Status.RETIRED and key.retired_at is not None
    }
    pairs = [(key.fragment, Ed25519PublicKey.from_multikey(key.public_multikey)) for key in keys]
    return build_did_web_document(did or platform_did(org), pairs, revoked=revoked)


@dataclass(frozen=True, slots=True)
class OrgSigner:
    """What ``issue_credential`` needs: the key, its method URL, and the DID document the
    self-check resolves (pass ``documents={signer.did: signer.document}``)."""

    key: Ed25519KeyPair
    verification_method: str
    did: str
    document: dict[str, Any] = field(repr=False)

    @property
    def documents(self) -> dict[str, Any]:
        return {self.did: self.document}

    def under(self, did: str, document: dict[str, Any]) -> OrgSigner:
        """The same key, signing as another DID of the organisation (one it used before,
        whose document lists the same keys): how a status list opened under a former DID
        is re-signed as the DID its credentials name."""
        fragment = self.verification_method.partition("#")[2]
        return replace(self, verification_method=f"{did}#{fragment}", did=did, document=document)


@contextmanager
def signer_for(org: Organization) -> Iterator[OrgSigner]:
    """The organisation's active key for one signing batch (made if it has none yet).

    The private key is unsealed on entry and dropped on exit; keep the block short.
    """
    key = ensure_signing_key(org)
    _check_store(key)
    try:
        domains.ensure_current(org)
    except DomainError as exc:
        raise KeyManagementError(str(exc), code=exc.code) from exc
    did = did_for(org)
    record_did(org, did)
    with get_keystore().signer(key.ref()) as pair:
        yield OrgSigner(pair, f"{did}#{key.fragment}", did, did_document(org, did=did))


def _check_store(key: SigningKey) -> None:
    if key.keystore != keystore_path():
        raise KeyStoreError(
            f"key {key.fragment} is held by {key.keystore}, not by the configured "
            f"{keystore_path()}",
            code="keystore.mismatch",
        )


def _log(event: str, key: SigningKey) -> None:
    """Key events for the operator: which organisation, which key; never key material."""
    logger.info(
        event.replace("_", " "),
        extra={"event": event, "organization": key.organization.slug, "key": key.fragment},
    )


def _create_key(org: Organization, *, by: Actor) -> SigningKey:
    ref = get_keystore().create(org.public_id)
    sealed = ref.sealed
    now = timezone.now()
    key = SigningKey.objects.create(
        organization=org,
        public_id=ref.key_id,
        fragment=_next_fragment(org),
        public_multikey=ref.public_multikey,
        keystore=keystore_path(),
        kek_id=sealed.kek_id if sealed else "",
        wrapped_data_key=sealed.wrapped_data_key if sealed else b"",
        sealed_seed=sealed.sealed_seed if sealed else b"",
        status=SigningKey.Status.ACTIVE,
        activated=now,
        created_by=by,
    )
    _log("key_created", key)
    return key


def _next_fragment(org: Organization) -> str:
    numbers = [
        int(fragment.removeprefix("key-"))
        for fragment in SigningKey.objects.filter(organization=org).values_list(
            "fragment", flat=True
        )
        if fragment.removeprefix("key-").isdigit()
    ]
    return f"key-{max(numbers, default=0) + 1}"


def _lock(org: Organization) -> None:
    """Serialise key changes per organisation (a row lock on PostgreSQL; SQLite's
    IMMEDIATE transactions already serialise writers)."""
    Organization.objects.select_for_update().filter(pk=org.pk).first()
