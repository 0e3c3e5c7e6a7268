"""The EU standard elements of a micro-credential (Council Recommendation 2022/C 243/02,
Annex I: 11 mandatory + 5 optional), plus language, validity period and ESCO skills.

The model holds both what a *specification* fixes (title, outcomes, workload, level, …) and
what an *award* adds (learner, date of issuing, grade), so one object round-trips through a
whole credential. Fields are optional where a draft may still lack them; completeness is
:func:`~microcred.vc.elements.table.missing_mandatory`'s job, correctness (ranges, codes,
a workload that fits the ECTS convention) is checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from microcred.vc.elements.frameworks import ESCO_SKILL_PREFIX
from microcred.vc.elements.vocab import (
    QF_EHEA_EQF_LEVEL,
    AssessmentType,
    IntegrationOption,
    ParticipationForm,
    QfEheaCycle,
    QualityAssuranceType,
    SupervisionType,
)
from microcred.vc.openbadges import IdentityObject
from microcred.vc.openbadges.vocab import LANGUAGE_CODE, RESULT_TYPES, check_extensible

ECTS_HOURS = (25, 30)
"""Hours of learner work per ECTS credit (ECTS Users' Guide; the Turkish HE framework too)."""

FrameworkLevel = Annotated[int, Field(ge=1, le=8)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]  # ISO 3166-1 alpha-2
RegionCode = Annotated[str, Field(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")]  # ISO 3166-2
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_CODE)]
Text = Annotated[str, Field(min_length=1)]
_DURATION = re.compile(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?\Z")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AwardingBody(_Frozen):
    """An organisation that awards the micro-credential; ``id`` is its DID or URL."""

    id: Text
    name: Text
    country: CountryCode
    region: RegionCode | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _region_in_country(self) -> Self:
        if self.region is not None and not self.region.startswith(self.country + "-"):
            raise ValueError(f"region {self.region} is not in country {self.country}")
        return self


class LearnerIdentification(_Frozen):
    """How the learner is identified: a DID/URL, hashed identifiers, or both."""

    id: str | None = None
    identifiers: tuple[IdentityObject, ...] = ()

    @model_validator(mode="after")
    def _identified(self) -> Self:
        if self.id is None and not self.identifiers:
            raise ValueError("a learner needs an id or at least one identifier")
        return self


class QualityAssuranceBody(_Frozen):
    """The agency behind external QA or accreditation (e.g. YÖKAK, an ENQA member)."""

    name: Text
    id: str | None = None
    url: str | None = None


class QualityAssurance(_Frozen):
    """Type(s) of quality assurance, with an optional explanation and QA body."""

    types: tuple[QualityAssuranceType, ...] = Field(min_length=1)
    description: str | None = None
    body: QualityAssuranceBody | None = None


class GradingScheme(_Frozen):
    """How results are expressed (becomes an OB ResultDescription; ``id`` links the grade)."""

    id: Text
    name: Text
    result_type: str = "LetterGrade"
    allowed_values: tuple[str, ...] = ()
    value_min: str | None = None
    value_max: str | None = None
    required_value: str | None = None

    @field_validator("result_type")
    @classmethod
    def _result_type(cls, value: str) -> str:
        return check_extensible(value, RESULT_TYPES, "resultType")


class StackTarget(_Frozen):
    """A credential this one stacks towards."""

    id: Text
    name: str | None = None


class EscoSkill(_Frozen):
    """An ESCO skill by concept URI, with the label shown to people."""

    uri: Annotated[str, Field(pattern="^" + re.escape(ESCO_SKILL_PREFIX) + r"[A-Za-z0-9.\-]+$")]
    label: Text


class Translation(_Frozen):
    """The title, description and learning outcomes in a second language.

    The main texts (``title``, ``learning_outcomes``, the achievement's description) are in
    ``MicroCredentialElements.text_language``; a translation adds another language, and
    the credential then carries both as VC 2.0 language value objects.
    """

    language: LanguageCode
    title: Text
    description: str | None = None
    learning_outcomes: tuple[Text, ...] = ()


class MicroCredentialElements(_Frozen):
    """All 16 Annex I elements (+ language, validity period, ESCO skills, code, keywords)."""

    # mandatory (Annex I, 1-11)
    learner: LearnerIdentification | None = None
    title: Text
    awarding_body: AwardingBody | None = None  # its country/region is element 3
    co_awarding_bodies: tuple[AwardingBody, ...] = ()
    date_of_issuing: AwareDatetime | None = None
    learning_outcomes: tuple[Text, ...] = ()
    ects: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    workload_hours: int | None = Field(default=None, ge=0)
    eqf_level: FrameworkLevel | None = None
    tqf_level: FrameworkLevel | None = None
    qf_ehea_cycle: QfEheaCycle | None = None
    assessment_types: tuple[AssessmentType, ...] = ()
    assessment_description: str | None = None
    participation: ParticipationForm | None = None
    quality_assurance: QualityAssurance | None = None
    # optional (Annex I, 1-5)
    prerequisites: str | None = None
    supervision: SupervisionType | None = None
    grading_scheme: GradingScheme | None = None
    grade: str | None = None
    integration: IntegrationOption | None = None
    stackable_towards: tuple[StackTarget, ...] = ()
    further_information: str | None = None
    # further descriptors
    languages: tuple[LanguageCode, ...] = ()
    validity_period: str | None = None  # ISO 8601 duration, e.g. "P5Y"
    esco_skills: tuple[EscoSkill, ...] = ()
    code: str | None = None
    field_of_study: str | None = None
    keywords: tuple[str, ...] = ()
    # the language of the main texts, and the same texts in other languages
    text_language: LanguageCode | None = None
    translations: tuple[Translation, ...] = ()

    @field_validator("date_of_issuing")
    @classmethod
    def _to_the_second(cls, value: datetime | None) -> datetime | None:
        """Credentials carry whole UTC seconds; keep exactly what will be written."""
        return None if value is None else value.astimezone(UTC).replace(microsecond=0)

    @field_validator("validity_period")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None and not _DURATION.match(value):
            raise ValueError(f"{value!r} is not an ISO 8601 duration such as 'P5Y'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.ects is not None and self.workload_hours is not None:
            check = workload_consistency(self.ects, self.workload_hours)
            if not check:
                low, high = ECTS_HOURS
                raise ValueError(
                    f"{self.workload_hours} h does not fit {self.ects} ECTS: expected "
                    f"{check.min_hours}-{check.max_hours} h at {low}-{high} h per ECTS credit"
                )
        if self.qf_ehea_cycle is not None and self.eqf_level is not None:
            expected = QF_EHEA_EQF_LEVEL[self.qf_ehea_cycle]
            if expected != self.eqf_level:
                raise ValueError(
                    f"{self.qf_ehea_cycle} is EQF level {expected}, not {self.eqf_level}"
                )
        if self.translations and self.text_language is None:
            raise ValueError("translations need the language of the main texts")
        if any(t.language == self.text_language for t in self.translations):
            raise ValueError("a translation repeats the language of the main texts")
        if self.stackable_towards and self.integration is not IntegrationOption.STACKABLE:
            raise ValueError("stack targets are given but integration is not 'stackable'")
        if self.grade is not None and self.grading_scheme is not None:
            allowed = self.grading_scheme.allowed_values
            if allowed and self.grade not in allowed:
                raise ValueError(f"grade {self.grade!r} is not one of {', '.join(allowed)}")
        return self


@dataclass(frozen=True, slots=True)
class WorkloadConsistency:
    """Whether ``hours`` fits ``ects`` at the conversion range; truthy when it does."""

    consistent: bool
    min_hours: Decimal
    max_hours: Decimal

    def __bool__(self) -> bool:
        return self.consistent


def workload_consistency(
    ects: Decimal | float | int,
    hours: Decimal | float | int,
    per_ects: tuple[int, int] = ECTS_HOURS,
) -> WorkloadConsistency:
    """Check notional hours against ECTS credits (1 ECTS = 25-30 hours by default)."""
    low, high = per_ects
    if not 0 < low <= high:
        raise ValueError(f"per_ects must be a range of positive hours, not {per_ects}")
    credits, work = Decimal(str(ects)), Decimal(str(hours))
    if credits < 0 or work < 0:
        raise ValueError("credits and hours cannot be negative")
    min_hours, max_hours = credits * low, credits * high
    return WorkloadConsistency(min_hours <= work <= max_hours, min_hours, max_hours)
