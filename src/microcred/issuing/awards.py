"""Issuing awards: compose → sign → verify what was signed → store, idempotently.

One function serves the form, the CSV batch and the API: ``issue_awards`` takes any number
of learners, skips those whose idempotency key was already issued (returning the existing
award), allocates their status entries in one go, and stores everything in one
transaction — so a crash leaves either all of a chunk or none of it.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from microcred.catalog import services as catalog
from microcred.issuing import status_lists
from microcred.issuing.compose import Learner, compose_credential
from microcred.issuing.models import AuditEvent, Award, Batch, StatusPurpose
from microcred.issuing.signer import IssuerSigner
from microcred.vc.issue import issue_credential


@dataclass(frozen=True, slots=True)
class AwardRequest:
    learner: Learner
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class Issued:
    award: Award
    #: The claim token, only for awards created by this call (None when it already existed).
    claim_token: str | None


def idempotency_key(*parts: str) -> str:
    """A stable key for a row: the same inputs always give the same key."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _issuer_profile(signer: IssuerSigner, organization: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {"id": signer.did, "type": ["Profile"], "name": organization.name}
    if organization.country:
        profile["address"] = {"type": ["Address"], "addressCountryCode": organization.country}
    return profile


def issue_awards(
    version: Any,
    requests: Sequence[AwardRequest],
    *,
    signer: IssuerSigner,
    issued_by: Any = None,
    batch: Batch | None = None,
    include_name: bool = False,
    now: datetime | None = None,
) -> list[Issued]:
    """Issue one award per request (in order); existing idempotency keys are returned as is."""
    organization = version.specification.organization
    moment = now or timezone.now()
    keys = [r.idempotency_key for r in requests]
    existing = {
        a.idempotency_key: a
        for a in Award.objects.filter(organization=organization, idempotency_key__in=keys)
    }
    todo = list(
        {r.idempotency_key: r for r in requests if r.idempotency_key not in existing}.values()
    )
    created = _create(version, todo, signer, issued_by, batch, include_name, moment) if todo else {}
    out: list[Issued] = []
    for request in requests:
        if request.idempotency_key in existing:
            out.append(Issued(existing[request.idempotency_key], None))
        else:
            award, token = created[request.idempotency_key]
            out.append(Issued(award, token))
    return out


@transaction.atomic
def _create(
    version: Any,
    todo: list[AwardRequest],
    signer: IssuerSigner,
    issued_by: Any,
    batch: Batch | None,
    include_name: bool,
    moment: datetime,
) -> dict[str, tuple[Award, str]]:
    organization = version.specification.organization
    revocation = status_lists.allocate(organization, StatusPurpose.REVOCATION, len(todo))
    suspension = status_lists.allocate(organization, StatusPurpose.SUSPENSION, len(todo))
    achievement = catalog.achievement_for(version, base_url=status_lists.public_base_url())
    issuer = _issuer_profile(signer, organization)
    awards: list[Award] = []
    tokens: list[str] = []
    for request, (r_list, r_index), (s_list, s_index) in zip(
        todo, revocation, suspension, strict=True
    ):
        credential = compose_credential(
            credential_id=f"urn:uuid:{uuid.uuid4()}",
            achievement=achievement,
            issuer=issuer,
            learner=request.learner,
            issued=moment,
            status=[
                status_lists.entry_for(r_list, r_index),
                status_lists.entry_for(s_list, s_index),
            ],
            include_name=include_name,
        )
        signed = issue_credential(
            credential,
            key=signer.key,
            verification_method=signer.verification_method,
            now=moment,
            documents=signer.documents,
        )
        assert isinstance(signed, dict)
        token = secrets.token_urlsafe(24)
        tokens.append(token)
        awards.append(
            Award(
                organization=organization,
                specification_version=version,
                idempotency_key=request.idempotency_key,
                learner_email=request.learner.email,
                learner_name=request.learner.name,
                grade=request.learner.grade,
                awarded_on=request.learner.awarded_on,
                evidence_url=request.learner.evidence_url,
                credential=signed,
                revocation_list=r_list,
                revocation_index=r_index,
                suspension_list=s_list,
                suspension_index=s_index,
                claim_token_hash=hashlib.sha256(token.encode()).hexdigest(),
                batch=batch,
                issued_by=issued_by,
            )
        )
    Award.objects.bulk_create(awards)
    fresh = {sl.pk: sl for sl, _ in (*revocation, *suspension) if sl.signed_credential is None}
    for status_list in fresh.values():  # a list is published before anyone can look it up
        status_lists.publish(status_list, signer=signer, now=moment)
    catalog.mark_issued(version)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                organization=organization,
                actor=issued_by,
                action="issued",
                target=a.public_id,
                details={"specification": version.public_id},
            )
            for a in awards
        ]
    )
    return {a.idempotency_key: (a, t) for a, t in zip(awards, tokens, strict=True)}
