"""What an organisation publishes on its desk: courses, programmes and its micro-credentials.

A course or a programme is described by hand (code, titles in Turkish and English, ECTS,
EQF/TQF level, learning outcomes); a micro-credential target takes these facts from one of
the organisation's published specification versions, so they cannot drift from what it
issues. A target is closed rather than deleted: the requests made for it keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from microcred.catalog import services as catalog
from microcred.organizations.models import Organization
from microcred.recognition.errors import RecognitionError
from microcred.recognition.models import Target

__all__ = [
    "TargetFacts",
    "create_micro_credential_target",
    "create_target",
    "set_open",
    "targets_of",
]

MAX_OUTCOMES = 30


@dataclass(frozen=True, slots=True)
class TargetFacts:
    kind: str
    code: str
    title_en: str
    title_tr: str
    ects: Decimal
    eqf_level: int | None
    tqf_level: int | None
    outcomes: tuple[str, ...]


def targets_of(organization: Organization) -> list[Target]:
    return list(Target.objects.filter(organization=organization))


def _check(facts: TargetFacts) -> None:
    if not facts.title_en.strip() or not facts.title_tr.strip():
        raise RecognitionError(
            _("Give the title in Turkish and in English."), code="recognition.title"
        )
    if facts.ects <= 0:
        raise RecognitionError(_("A target carries more than 0 ECTS."), code="recognition.ects")
    for level in (facts.eqf_level, facts.tqf_level):
        if level is not None and not 1 <= level <= 8:
            raise RecognitionError(_("A level is between 1 and 8."), code="recognition.level")
    if not facts.outcomes:
        raise RecognitionError(
            _("List the learning outcomes, one per line: reviewers compare them."),
            code="recognition.outcomes",
        )


def create_target(organization: Organization, facts: TargetFacts) -> Target:
    """A course or programme target, described by hand."""
    if facts.kind not in (Target.Kind.COURSE, Target.Kind.PROGRAMME):
        raise RecognitionError(_("Choose a course or a programme."), code="recognition.kind")
    _check(facts)
    return Target.objects.create(
        organization=organization,
        kind=facts.kind,
        code=facts.code.strip()[:40],
        title_en=facts.title_en.strip()[:300],
        title_tr=facts.title_tr.strip()[:300],
        ects=facts.ects,
        eqf_level=facts.eqf_level,
        tqf_level=facts.tqf_level,
        outcomes=list(facts.outcomes[:MAX_OUTCOMES]),
    )


def create_micro_credential_target(organization: Organization, version_id: str) -> Target:
    """A target for one of the organisation's published micro-credentials."""
    try:
        version = catalog.get_issuable_version(organization, version_id)
    except catalog.NotIssuable as error:
        raise RecognitionError(
            _("Choose one of your published micro-credentials."), code="recognition.version"
        ) from error
    elements = catalog.elements_of(version)
    if elements.ects is None or elements.ects <= 0:
        raise RecognitionError(
            _("This micro-credential declares no ECTS credits to recognise."),
            code="recognition.ects",
        )
    return Target.objects.create(
        organization=organization,
        kind=Target.Kind.MICRO_CREDENTIAL,
        code=elements.code or "",
        title_en=version.title,
        title_tr=version.title,
        ects=elements.ects,
        eqf_level=elements.eqf_level,
        tqf_level=elements.tqf_level,
        outcomes=list(elements.learning_outcomes[:MAX_OUTCOMES]),
        specification_version=version,
    )


def set_open(target: Target, is_open: bool) -> None:
    Target.objects.filter(pk=target.pk).update(open=is_open)
