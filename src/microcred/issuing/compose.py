"""Compose the unsigned OpenBadgeCredential for one learner — a pure function.

Kept free of the database so tests, benchmarks and the bulk worker call the same code.
The learner is identified by a salted hash of the e-mail address (OB 3.0
``IdentityObject``); the name goes in too unless the officer leaves it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from microcred.vc.dates import format_datetime
from microcred.vc.openbadges import (
    ELEMENTS_CONTEXT_URL,
    context_resources,
    credential_context,
    identity_object,
)


@dataclass(frozen=True, slots=True)
class Learner:
    """Who receives the credential. Personal data by nature: only used to compose it."""

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
    learner: Learner,
    issued: datetime,
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
    """
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [identity_object(learner.email, salt=salt).to_jsonld()],
        "achievement": dict(achievement),
    }
    if include_name and learner.name:
        # OB 3.0 has no subject name: a plain (unhashed) IdentityObject of type "name" is
        # how the standard carries one.
        subject["identifier"].append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": learner.name,
            }
        )
    if learner.grade:
        subject["result"] = [_result(learner.grade, achievement)]
    if credits_earned is not None:
        subject["creditsEarned"] = (
            int(credits_earned) if credits_earned % 1 == 0 else float(credits_earned)
        )
    if learner.awarded_on is not None:
        subject["activityEndDate"] = format_datetime(
            datetime.combine(learner.awarded_on, datetime.min.time(), tzinfo=issued.tzinfo)
        )
    contexts = credential_context(achievement, elements_url=elements_context_url)
    credential: dict[str, Any] = {
        "@context": contexts,
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": dict(issuer),
        "validFrom": format_datetime(issued),
        "name": achievement.get("name", ""),
        "credentialSubject": subject,
    }
    if learner.evidence_url:
        credential["evidence"] = [{"id": learner.evidence_url, "type": ["Evidence"]}]
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    if status:
        credential["credentialStatus"] = [dict(s) for s in status]
    resources = [*context_resources(contexts, elements_url=elements_context_url), *related]
    if resources:
        credential["relatedResource"] = [dict(r) for r in resources]
    return credential
