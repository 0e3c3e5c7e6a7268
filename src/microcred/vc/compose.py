"""Compose the unsigned OpenBadgeCredential — the first step of issuance, a pure function.

One composer for every issuer: the platform (a form, the API, a batch of thousands) and the
``microcred issue`` command call it, so "an OB 3.0 credential" has one shape. A learner is
identified by a salted hash of the e-mail address (OB 3.0 ``IdentityObject``); the name
goes in too only when asked. The CLI hands in its own ``AchievementSubject`` fields instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from microcred.vc.dates import format_datetime
from microcred.vc.openbadges.contexts import (
    ELEMENTS_CONTEXT_URL,
    context_resources,
    credential_context,
)
from microcred.vc.openbadges.identity import identity_object

__all__ = ["Learner", "compose_credential"]


@dataclass(frozen=True, slots=True)
class Learner:
    """Who receives the credential. Personal data by nature: only used to compose it.

    ``language`` is not written into the credential: it travels with the learner for
    whoever tells them about it (the platform's e-mails).
    """

    email: str
    name: str = ""
    grade: str = ""
    awarded_on: date | None = None
    evidence_url: str = ""
    #: The learner's language for e-mails ("en", "tr"); empty: the organisation's default.
    language: str = ""


def _result(grade: str, achievement: Mapping[str, Any]) -> dict[str, Any]:
    """The grade, linked (OB 3.0 ``Result.resultDescription``) to the scheme that rules it."""
    result: dict[str, Any] = {"type": ["Result"], "value": grade}
    schemes = achievement.get("resultDescription") or []
    if schemes and isinstance(schemes[0], Mapping) and isinstance(schemes[0].get("id"), str):
        result["resultDescription"] = schemes[0]["id"]
    return result


def compose_credential(
    *,
    credential_id: str,
    achievement: Mapping[str, Any],
    issuer: Mapping[str, Any],
    issued: datetime,
    learner: Learner | None = None,
    subject: Mapping[str, Any] | None = None,
    status: Sequence[Mapping[str, Any]] = (),
    valid_until: datetime | None = None,
    include_name: bool = False,
    salt: str | None = None,
    elements_context_url: str = ELEMENTS_CONTEXT_URL,
    related: Sequence[Mapping[str, Any]] = (),
    credits_earned: Decimal | None = None,
) -> dict[str, Any]:
    """The OB 3.0 credential (no proof). ``issued`` is also ``validFrom``.

    ``elements_context_url`` is where the deployment serves the EU-elements context; a
    ``relatedResource`` digest then pins it by content (decision 0006). ``related`` adds
    further ``relatedResource`` entries (a renewal names the credential it renews);
    ``credits_earned`` is OB 3.0's ``creditsEarned`` of the subject (a recognition's ECTS).
    ``subject`` holds further ``AchievementSubject`` fields as they are (the CLI's subject
    file); a ``learner`` adds the identity, grade, date and evidence (the platform's row).
    """
    composed: dict[str, Any] = {"type": ["AchievementSubject"], **(subject or {})}
    evidence: list[dict[str, Any]] = []
    if learner is not None:
        composed.update(_learner_fields(learner, achievement, issued, include_name, salt))
        if learner.evidence_url:
            evidence.append({"id": learner.evidence_url, "type": ["Evidence"]})
    if credits_earned is not None:
        whole = credits_earned % 1 == 0
        composed["creditsEarned"] = int(credits_earned) if whole else float(credits_earned)
    composed["achievement"] = dict(achievement)
    contexts = credential_context(achievement, elements_url=elements_context_url)
    credential: dict[str, Any] = {
        "@context": contexts,
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": dict(issuer),
        "validFrom": format_datetime(issued),
        "name": achievement.get("name", ""),
        "credentialSubject": composed,
    }
    if evidence:
        credential["evidence"] = evidence
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    if status:
        credential["credentialStatus"] = [dict(s) for s in status]
    resources = [*context_resources(contexts, elements_url=elements_context_url), *related]
    if resources:
        credential["relatedResource"] = [dict(r) for r in resources]
    return credential


def _learner_fields(
    learner: Learner,
    achievement: Mapping[str, Any],
    issued: datetime,
    include_name: bool,
    salt: str | None,
) -> dict[str, Any]:
    """The subject's fields that say who the learner is and what they did."""
    identifiers = [identity_object(learner.email, salt=salt).to_jsonld()]
    if include_name and learner.name:
        # OB 3.0 has no subject name: a plain (unhashed) IdentityObject of type "name" is
        # how the standard carries one.
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": learner.name,
            }
        )
    fields: dict[str, Any] = {"identifier": identifiers}
    if learner.grade:
        fields["result"] = [_result(learner.grade, achievement)]
    if learner.awarded_on is not None:
        fields["activityEndDate"] = format_datetime(
            datetime.combine(learner.awarded_on, datetime.min.time(), tzinfo=issued.tzinfo)
        )
    return fields
