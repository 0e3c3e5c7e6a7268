"""What a credential says about itself, laid out for a person deciding whether to trust it.

Display only: the values are the credential's own claims (shown whether or not it
verified; the template says which), read tolerantly, since a foreign credential may hold
any shape. Controlled EU vocabulary (assessment, participation) is shown by its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from microcred.vc import text_for
from microcred.vc.elements import AssessmentType, ParticipationForm, label
from microcred.verification.summary import summarize

MAX_ITEMS = 50


@dataclass(frozen=True, slots=True)
class CredentialFacts:
    title: str | None
    issuer: str | None
    issued: datetime | None
    issued_text: str | None
    holder: str | None
    description: str | None
    outcomes: tuple[str, ...]
    ects: str | None
    workload_hours: str | None
    levels: tuple[str, ...]
    assessment: str | None
    participation: str | None
    quality_assurance: str | None
    skills: tuple[str, ...]
    grade: str | None

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.issuer or self.issued_text or self.holder)


def read_facts(credential: Mapping[str, Any] | None, lang: str) -> CredentialFacts | None:
    summary = summarize(credential, lang)
    if summary is None or not isinstance(credential, Mapping):
        return None
    subject = _first(credential.get("credentialSubject"))
    subject = subject if isinstance(subject, Mapping) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, Mapping) else {}
    alignments = [a for a in _list(achievement.get("alignment")) if isinstance(a, Mapping)]
    return CredentialFacts(
        title=summary.achievement or _text(text_for(credential, "name", lang)),
        issuer=summary.issuer,
        issued=summary.valid_from,
        issued_text=summary.valid_from_text,
        holder=summary.subject or holder_name(subject),
        description=_text(achievement.get("description")),
        outcomes=_texts(achievement.get("learningOutcome")),
        ects=_number(achievement.get("creditsAvailable")),
        workload_hours=_number(achievement.get("workloadHours")),
        levels=tuple(filter(None, (_level(a, lang) for a in alignments))),
        assessment=_assessment(achievement, lang),
        participation=_vocab(ParticipationForm, achievement.get("formOfParticipation"), lang),
        quality_assurance=_quality(achievement.get("qualityAssurance")),
        skills=tuple(
            str(a["targetName"])[:300]
            for a in alignments[:MAX_ITEMS]
            if a.get("targetFramework") == "ESCO" and isinstance(a.get("targetName"), str)
        ),
        grade=_grade(subject.get("result")),
    )


def holder_name(subject: Mapping[str, Any]) -> str | None:
    """The learner's name if the credential discloses it in plain text; never a hash."""
    for identifier in _list(subject.get("identifier")):
        if (
            isinstance(identifier, Mapping)
            and identifier.get("identityType") == "name"
            and identifier.get("hashed") is False
        ):
            return _text(identifier.get("identityHash"))
    return None


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _list(value: Any) -> list[Any]:
    return value[:MAX_ITEMS] if isinstance(value, list) else [] if value is None else [value]


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    return text if len(text) <= 1000 else text[:999] + "…"


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(t for t in (_text(v) for v in _list(value)) if t)


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return f"{value:g}"


def _vocab(kind: type[StrEnum], value: Any, lang: str) -> str | None:
    try:
        return label(kind(value), "tr" if lang == "tr" else "en")
    except (ValueError, KeyError):
        return _text(value)


def _level(alignment: Mapping[str, Any], lang: str) -> str | None:
    """ "EQF level 6" / "AYÇ 6. seviye" in the page's language, as every other page says it;
    the credential's own English name only when its level is not a plain number."""
    framework, code = alignment.get("targetFramework"), alignment.get("targetCode")
    if framework not in ("EQF", "TQF"):
        return None
    if isinstance(code, str) and code.isdigit():
        with translation.override(lang):
            if framework == "EQF":
                return gettext("EQF level %(level)s") % {"level": code}
            return gettext("TQF level %(level)s") % {"level": code}
    name = alignment.get("targetName")
    return name[:300] if isinstance(name, str) else None


def _assessment(achievement: Mapping[str, Any], lang: str) -> str | None:
    kinds = [_vocab(AssessmentType, v, lang) for v in _list(achievement.get("assessmentType"))]
    parts = [", ".join(k for k in kinds if k)]
    parts.append(_text(achievement.get("assessmentDescription")) or "")
    return " — ".join(p for p in parts if p) or None


def _quality(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return _text(value)
    body = value.get("qualityAssuranceBody")
    name = _text(body.get("name")) if isinstance(body, Mapping) else None
    parts = [p for p in (_text(value.get("description")), name) if p]
    return " — ".join(parts) or None


def _grade(results: Any) -> str | None:
    for result in _list(results):
        if isinstance(result, Mapping) and (value := _text(result.get("value"))):
            return value
    return None
