"""An organisation issues under its own domain (``did:web:odtu.edu.tr``) once it proves it.

Two proofs, both read back over HTTPS through the trust core's SSRF-safe fetcher:

1. **Control of the domain.** We give a random token; the organisation publishes
   ``{"microcred-domain-verification": "<token>"}`` at
   ``https://<domain>/.well-known/microcred-domain.json``; we read it there.
2. **The DID document is there and current.** We generate the ``did.json`` of
   ``did:web:<domain>`` (the organisation's keys, as on its platform DID); the organisation
   hosts it at ``https://<domain>/.well-known/did.json``; we check that it authorises the
   key that signs now and none of its withdrawn keys. A rotation changes the signing key,
   so the check is made again before the next signing (and at least every
   ``MICROCRED_DOMAIN_RECHECK`` seconds): an out-of-date document stops issuance with a
   precise message rather than producing credentials nobody can verify.

Verifiers resolve ``did:web:<domain>`` at the organisation's own server, so the answer they
give names the proven domain; the platform is then only the signer.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from microcred.accounts.models import User
from microcred.organizations.errors import DomainError
from microcred.organizations.models import Organization
from microcred.organizations.models.domains import OwnDomain
from microcred.organizations.models.keys import SigningKey
from microcred.vc import (
    DidError,
    DocumentLoadError,
    SafeFetcher,
    did_web_for,
    did_web_to_url,
)

__all__ = [
    "CHALLENGE_KEY",
    "challenge_document",
    "challenge_url",
    "check_challenge",
    "check_did_document",
    "claim",
    "domain_did",
    "domain_in_use",
    "ensure_current",
    "normalise",
    "use_fetcher",
    "use_for_issuing",
]

CHALLENGE_KEY = "microcred-domain-verification"
CHALLENGE_PATH = "/.well-known/microcred-domain.json"
DEFAULT_RECHECK = 24 * 3600
Fetch = Callable[[str], Any]

_override: Fetch | None = None
logger = logging.getLogger(__name__)


def use_fetcher(fetcher: Fetch | None) -> None:
    """Tests: fetch through ``fetcher`` (a SafeFetcher reaching a local HTTPS server)."""
    global _override
    _override = fetcher


def _fetch(url: str) -> Any:
    return (_override or SafeFetcher())(url)


def normalise(text: str) -> str:
    """``ODTU.edu.tr.`` → ``odtu.edu.tr``; anything but a plain public host name is refused."""
    name = text.strip().lower().rstrip(".")
    if "://" in name or "/" in name or ":" in name or "@" in name or not name:
        raise DomainError(
            "give the domain alone, e.g. odtu.edu.tr", code="organizations.domain_invalid"
        )
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise DomainError("not a valid domain name", code="organizations.domain_invalid") from exc
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        raise DomainError("an IP address is not a domain", code="organizations.domain_invalid")
    if "." not in name or name == "localhost" or name.endswith(".localhost"):
        raise DomainError("the domain needs a public name", code="organizations.domain_invalid")
    try:
        did_web_for(name)
    except DidError as exc:
        raise DomainError(str(exc), code="organizations.domain_invalid") from exc
    return name


def domain_did(domain: str) -> str:
    return did_web_for(domain)


def challenge_url(domain: str) -> str:
    return f"https://{domain}{CHALLENGE_PATH}"


def challenge_document(record: OwnDomain) -> dict[str, str]:
    return {CHALLENGE_KEY: record.token}


def claim(org: Organization, text: str, *, by: User | None) -> OwnDomain:
    """Start (or resume) proving ``text`` for ``org``; the token stays until proven."""
    domain = normalise(text)
    taken = OwnDomain.objects.filter(domain=domain, proven_at__isnull=False).exclude(
        organization=org
    )
    if taken.exists():
        raise DomainError(
            "another organisation has proven this domain",
            code="organizations.domain_taken_elsewhere",
        )
    record, _ = OwnDomain.objects.get_or_create(
        organization=org,
        domain=domain,
        defaults={"token": secrets.token_urlsafe(32), "claimed_by": by},
    )
    return record


def check_challenge(record: OwnDomain) -> OwnDomain:
    """Read the token back from the domain; proven on a match."""
    document = _fetch_document(
        challenge_url(record.domain), "organizations.domain_challenge_unreachable"
    )
    found = document.get(CHALLENGE_KEY) if isinstance(document, Mapping) else None
    if not isinstance(found, str) or not hmac.compare_digest(found, record.token):
        raise DomainError(
            f"{challenge_url(record.domain)} does not hold this organisation's token",
            code="organizations.domain_challenge_mismatch",
        )
    try:
        with transaction.atomic():
            OwnDomain.objects.filter(pk=record.pk).update(proven_at=timezone.now())
    except IntegrityError as exc:
        raise DomainError(
            "another organisation has proven this domain",
            code="organizations.domain_taken_elsewhere",
        ) from exc
    record.refresh_from_db()
    _log("domain_proven", record)
    return record


def _log(event: str, record: OwnDomain) -> None:
    logger.info(
        event.replace("_", " "),
        extra={"event": event, "organization": record.organization.slug, "domain": record.domain},
    )


def check_did_document(record: OwnDomain) -> OwnDomain:
    """The hosted ``did.json`` authorises the active key and no withdrawn one."""
    if record.proven_at is None:
        raise DomainError("prove the domain first", code="organizations.domain_not_proven")
    active = _active_key(record.organization)
    did = domain_did(record.domain)
    url = did_web_to_url(did)
    document = _fetch_document(url, "organizations.domain_did_unreachable")
    problem = _did_problem(document, did, active, _retired(record.organization))
    if problem:
        _log("domain_did_not_current", record)
        raise DomainError(f"{url}: {problem}", code="organizations.domain_did_not_current")
    record.did_checked_at = timezone.now()
    record.did_checked_key = active.fragment
    record.save(update_fields=["did_checked_at", "did_checked_key"])
    return record


def use_for_issuing(record: OwnDomain, *, on: bool) -> OwnDomain:
    """Issue as ``did:web:<domain>`` from now on (after a fresh check), or stop doing so."""
    if on:
        check_did_document(record)
    with transaction.atomic():
        OwnDomain.objects.filter(organization=record.organization, in_use=True).update(in_use=False)
        if on:
            OwnDomain.objects.filter(pk=record.pk).update(in_use=True)
    record.refresh_from_db()
    _log("domain_in_use" if on else "domain_not_in_use", record)
    return record


def domain_in_use(org: Organization) -> OwnDomain | None:
    return OwnDomain.objects.filter(organization=org, in_use=True).first()


def ensure_current(org: Organization) -> None:
    """Before signing as the domain's DID: the hosted document must name the signing key."""
    record = domain_in_use(org)
    if record is None:
        return
    recheck = timedelta(seconds=getattr(settings, "MICROCRED_DOMAIN_RECHECK", DEFAULT_RECHECK))
    active = _active_key(org)
    fresh = record.did_checked_at is not None and timezone.now() - record.did_checked_at < recheck
    if fresh and record.did_checked_key == active.fragment:
        return
    check_did_document(record)


def _active_key(org: Organization) -> SigningKey:
    key = SigningKey.objects.filter(organization=org, status=SigningKey.Status.ACTIVE).first()
    if key is None:
        raise DomainError(
            "the organisation has no signing key yet", code="organizations.no_signing_key"
        )
    return key


def _retired(org: Organization) -> list[SigningKey]:
    return list(SigningKey.objects.filter(organization=org, status=SigningKey.Status.RETIRED))


def _fetch_document(url: str, code: str) -> Any:
    try:
        return _fetch(url)
    except DocumentLoadError as exc:
        raise DomainError(f"{url} could not be read ({exc.code})", code=code) from exc


def _methods(document: Mapping[str, Any]) -> dict[str, str]:
    """Verification method id → public key (Multikey), for the methods listed inline."""
    methods: dict[str, str] = {}
    for method in document.get("verificationMethod") or []:
        if isinstance(method, Mapping) and isinstance(method.get("id"), str):
            methods[method["id"]] = str(method.get("publicKeyMultibase", ""))
    return methods


def _did_problem(
    document: Any, did: str, active: SigningKey, retired: list[SigningKey]
) -> str | None:
    if not isinstance(document, Mapping) or document.get("id") != did:
        return f"the document's id is not {did}"
    methods = _methods(document)
    assertion = {
        (m if isinstance(m, str) else m.get("id")) for m in document.get("assertionMethod") or []
    }
    expected = f"{did}#{active.fragment}"
    if methods.get(expected) != active.public_multikey or expected not in assertion:
        return f"it does not authorise the active key {active.fragment}"
    for key in retired:
        if f"{did}#{key.fragment}" in assertion:
            return f"it still authorises the withdrawn key {key.fragment}"
    return None
