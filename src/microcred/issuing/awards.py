"""Issuing awards: compose → sign → verify what was signed → store, idempotently.

One function serves the form and the API: ``issue_awards`` takes any number of learners,
skips those whose idempotency key was already issued (returning the existing award),
allocates their status entries in one go, and stores everything in one transaction.

The bulk worker uses the two halves separately: ``prepare_awards`` (the CPU work: compose,
sign, self-verify) runs outside any transaction, so two workers sign in parallel even on
SQLite, and only ``store_awards`` takes the write lock, briefly. Status entries allocated
for awards that are never stored (a crash between the halves) stay unused: a bit nobody
points at costs nothing, whereas handing one bit to two awards would be a real bug, and
the unique constraints on (list, index) make that impossible.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.catalog.approvals import endorser_documents
from microcred.catalog.models import SpecificationVersion
from microcred.infra.token_digest import token_digest
from microcred.issuing import status_lists
from microcred.issuing.audit import ViaToken, details_for
from microcred.issuing.errors import ValueRefusedError
from microcred.issuing.grading import check_grades
from microcred.issuing.models import AuditEvent, Award, Batch, StatusList, StatusPurpose
from microcred.issuing.plain_insert import insert_rows
from microcred.issuing.plain_text import has_control_characters
from microcred.issuing.signer import IssuerSigner
from microcred.organizations import deployment
from microcred.organizations.models import Organization
from microcred.organizations.profiles import profile_for
from microcred.vc import (
    Learner,
    binding_for,
    compose_credential,
    issue_credential,
    parse_datetime,
    remembered_canonical_forms,
)
from microcred.vc.elements import valid_until
from microcred.vc.verify import Parsed


@dataclass(frozen=True, slots=True)
class AwardRequest:
    learner: Learner
    idempotency_key: str
    #: SHA-256 of the normalised API request, kept to tell a replay from a reused key.
    request_hash: str = ""
    #: The award this one renews (``issuing/renewal.py``); the credential names it.
    renews: Award | None = None
    #: Further alignments of this learner's Achievement: the component achievements a
    #: stacked credential names (``targetType`` ``ext:hasPart``, decision 0010).
    alignments: tuple[Mapping[str, Any], ...] = ()
    #: An achievement of its own, in place of the version's: a credential that records a
    #: decision about the learner (a recognition of prior learning) describes that decision.
    achievement: Mapping[str, Any] | None = None
    #: Further credentials the new one binds by id and digest (``relatedResource``): the
    #: components of a stacked credential (decision 0010), the credentials a recognition
    #: decision names.
    related: tuple[Mapping[str, str], ...] = ()
    #: ``credentialSubject.creditsEarned`` (OB 3.0): the ECTS a recognition granted.
    credits_earned: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Issued:
    award: Award
    #: The claim token, only for awards created by this call (None when it already existed).
    claim_token: str | None


@dataclass(slots=True)
class Prepared:
    """Awards composed, signed and self-verified, not yet stored (see ``store_awards``)."""

    version: SpecificationVersion
    awards: list[Award]
    tokens: list[str]
    #: Status lists first used by these awards: published in the same transaction.
    fresh_lists: list[StatusList]
    moment: datetime
    #: Extra details of every "issued" audit event (the API token it came through).
    audit_details: dict[str, Any] = field(default_factory=dict)


def renewal_link(previous: Award) -> dict[str, str]:
    """The ``relatedResource`` entry by which a renewal names the credential it renews.

    OB 3.0 has no "renews" property, and a term of our own would change the served
    context; VC 2.0's ``relatedResource`` (§5.3) is made for "resources related to the
    credential, with their integrity": ``id`` is the renewed credential's ``id`` and
    ``digestSRI`` the SHA-384 of its JCS form (RFC 8785, proof included), so whoever holds
    both can check that the renewal names exactly that credential
    (:mod:`microcred.vc.bindings`, as a stacked credential binds its components).
    """
    return binding_for(Parsed(dict(previous.credential)))


def _with_alignments(
    achievement: Mapping[str, Any], alignments: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any]:
    """``achievement`` with further alignments (a copy then; the shared one is left as is,
    and without alignments it is handed on as it is: the composer copies it anyway)."""
    if not alignments:
        return achievement
    return {**achievement, "alignment": [*achievement.get("alignment", []), *map(dict, alignments)]}


def claim_token_for(award_public_id: str) -> str:
    """The claim link's secret for an award, derived from the server's SECRET_KEY.

    Derived rather than random so the award e-mail can be written later by another process
    (the mail task) without the raw token ever being stored; only its SHA-256 is kept. Whoever
    holds SECRET_KEY can already forge sessions, so this adds no new power to a key leak.
    """
    digest = salted_hmac("microcred.issuing.claim", award_public_id, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def idempotency_key(*parts: str) -> str:
    """A stable key for a row: the same inputs always give the same key."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def carries_name(award: Award) -> bool:
    """Whether the award's credential names its learner (a plain ``name`` IdentityObject):
    a correction's form starts from it, and a renewal keeps it."""
    subject = award.credential.get("credentialSubject", {}) if award.credential else {}
    identifiers = subject.get("identifier", []) if isinstance(subject, dict) else []
    return any(isinstance(i, dict) and i.get("identityType") == "name" for i in identifiers)


def expiry_of(version: SpecificationVersion, issued: datetime) -> datetime | None:
    """``validUntil`` of a credential issued now: the issue moment plus the specification's
    validity period (``None``, no end, when it sets none)."""
    period = catalog.elements_of(version).validity_period
    return None if period is None else valid_until(issued, period)


def issue_awards(
    version: SpecificationVersion,
    requests: Sequence[AwardRequest],
    *,
    signer: IssuerSigner,
    issued_by: User | None = None,
    batch: Batch | None = None,
    include_name: bool = False,
    now: datetime | None = None,
    via: ViaToken | None = None,
) -> list[Issued]:
    """Issue one award per request (in order); existing idempotency keys are returned as is."""
    for request in requests:
        check_learner_name(request.learner.name)
    moment = now or timezone.now()
    existing = existing_awards(version, [r.idempotency_key for r in requests])
    todo = pending_requests(requests, existing)
    created: dict[str, tuple[Award, str]] = {}
    if todo:
        with transaction.atomic():
            prepared = prepare_awards(
                version,
                todo,
                signer=signer,
                issued_by=issued_by,
                batch=batch,
                include_name=include_name,
                now=moment,
            )
            prepared.audit_details = details_for(via)
            store_awards(prepared, signer=signer)
        created = {
            a.idempotency_key: (a, t) for a, t in zip(prepared.awards, prepared.tokens, strict=True)
        }
    out: list[Issued] = []
    for request in requests:
        if request.idempotency_key in existing:
            out.append(Issued(existing[request.idempotency_key], None))
        else:
            award, token = created[request.idempotency_key]
            out.append(Issued(award, token))
    return out


def check_learner_name(name: str) -> None:
    """Refuse a name with a line break or another control character (no use in a name, and
    harmful wherever it is written: e-mails, CSV exports, headers)."""
    if has_control_characters(name):
        raise ValueRefusedError(
            _("The learner's name contains a line break or another control character."),
            code="issuing.name_control_characters",
        )


def existing_awards(version: SpecificationVersion, keys: Sequence[str]) -> dict[str, Award]:
    """The awards already issued under these idempotency keys, by key."""
    organization = version.specification.organization
    return {
        a.idempotency_key: a
        for a in Award.objects.filter(organization=organization, idempotency_key__in=keys)
    }


def pending_requests(
    requests: Sequence[AwardRequest], existing: dict[str, Award]
) -> list[AwardRequest]:
    """The requests still to issue, each key once (a file may repeat a learner)."""
    unique = {r.idempotency_key: r for r in requests if r.idempotency_key not in existing}
    return list(unique.values())


#: Status entries for a number of awards: (revocation entries, suspension entries).
Allocation = tuple[list[tuple[StatusList, int]], list[tuple[StatusList, int]]]


@transaction.atomic
def allocate_entries(organization: Organization, count: int) -> Allocation:
    """Revocation and suspension entries for ``count`` awards, in one short write."""
    return (
        status_lists.allocate(organization, StatusPurpose.REVOCATION, count),
        status_lists.allocate(organization, StatusPurpose.SUSPENSION, count),
    )


def prepare_awards(
    version: SpecificationVersion,
    todo: Sequence[AwardRequest],
    *,
    signer: IssuerSigner,
    issued_by: User | None = None,
    batch: Batch | None = None,
    include_name: bool = False,
    now: datetime | None = None,
    allocation: Allocation | None = None,
) -> Prepared:
    """Allocate status entries, then compose, sign and self-verify one award per request.

    Only the allocation writes (one short transaction; none if the caller brings entries it
    allocated in a transaction of its own); the signing holds no lock.
    """
    organization = version.specification.organization
    moment = now or timezone.now()
    check_grades(version, [request.learner.grade for request in todo])
    until = expiry_of(version, moment)
    revocation, suspension = allocation or allocate_entries(organization, len(todo))
    revocation, suspension = revocation[: len(todo)], suspension[: len(todo)]
    shared = {
        "organization": organization,
        "specification_version": version,
        "batch": batch,
        "issued_by": issued_by,
    }
    achievement = catalog.achievement_for(version, base_url=deployment.public_base_url())
    # The self-check verifies an embedded QA approval too: give it the endorser's DID document.
    documents = {**endorser_documents(version), **signer.documents}
    issuer = profile_for(organization, signer.did)
    context_url = deployment.elements_context_url()
    prepared = Prepared(version, [], [], [], moment)
    with remembered_canonical_forms():  # the shared proof configuration, once per chunk
        for request, revoke_at, suspend_at in zip(todo, revocation, suspension, strict=True):
            credential = compose_credential(
                credential_id=f"urn:uuid:{uuid.uuid4()}",
                achievement=_with_alignments(
                    request.achievement or achievement, request.alignments
                ),
                issuer=issuer,
                learner=request.learner,
                issued=moment,
                status=[status_lists.entry_for(*revoke_at), status_lists.entry_for(*suspend_at)],
                valid_until=until,
                include_name=include_name,
                elements_context_url=context_url,
                related=[
                    *([] if request.renews is None else [renewal_link(request.renews)]),
                    *request.related,
                ],
                credits_earned=request.credits_earned,
            )
            signed = issue_credential(
                credential,
                key=signer.key,
                verification_method=signer.verification_method,
                now=moment,
                documents=documents,
            )
            assert isinstance(signed, dict)
            award, token = _award(shared, request, signed, revoke_at, suspend_at)
            prepared.awards.append(award)
            prepared.tokens.append(token)
    fresh = {sl.pk: sl for sl, _ in (*revocation, *suspension) if sl.signed_credential is None}
    prepared.fresh_lists.extend(fresh.values())
    return prepared


def _award(
    shared: dict[str, Any],
    request: AwardRequest,
    signed: dict[str, Any],
    revoke_at: tuple[StatusList, int],
    suspend_at: tuple[StatusList, int],
) -> tuple[Award, str]:
    """The unsaved award for a signed credential, and its claim token."""
    learner = request.learner
    award = Award(
        **shared,
        idempotency_key=request.idempotency_key,
        request_hash=request.request_hash,
        learner_email=learner.email,
        learner_name=learner.name,
        grade=learner.grade,
        awarded_on=learner.awarded_on,
        evidence_url=learner.evidence_url,
        language=learner.language,  # empty: not stated (mails fall back, see notifications)
        credential=signed,
        valid_until=parse_datetime(signed["validUntil"]) if "validUntil" in signed else None,
        revocation_list=revoke_at[0],
        revocation_index=revoke_at[1],
        suspension_list=suspend_at[0],
        suspension_index=suspend_at[1],
        renews=request.renews,
    )
    token = claim_token_for(award.public_id)
    award.claim_token_hash = token_digest(token)
    return award, token


@transaction.atomic
def store_awards(prepared: Prepared, *, signer: IssuerSigner, fetch_ids: bool = True) -> None:
    """Store prepared awards with their audit events; publish the lists they first use.

    Raises IntegrityError (and stores nothing) if any idempotency key was stored meanwhile.
    ``fetch_ids=False`` (the bulk worker, which never reads them) leaves the awards without
    their primary keys and writes them several times faster on PostgreSQL (``plain_insert``).
    """
    version, awards = prepared.version, prepared.awards
    if fetch_ids:
        Award.objects.bulk_create(awards)
    else:
        insert_rows(Award, awards)
    for status_list in prepared.fresh_lists:  # a list is published before anyone looks it up
        if status_list.signed_credential is None:
            status_lists.publish(status_list, signer=signer, now=prepared.moment)
    catalog.mark_issued(version)
    insert_rows(
        AuditEvent,
        [
            AuditEvent(
                organization=a.organization,
                actor=a.issued_by,
                action="issued",
                target=a.public_id,
                details={"specification": version.public_id, **prepared.audit_details},
            )
            for a in awards
        ],
    )


def mark_claimed(award: Award) -> None:
    """The learner saved ``award`` to a passport: the officers' "claimed?" answer (once)."""
    Award.objects.filter(pk=award.pk, claimed_at__isnull=True).update(claimed_at=timezone.now())
