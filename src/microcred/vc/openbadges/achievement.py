"""Achievement — what is recognised — with its criteria, alignments and result descriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from pydantic import Field, field_validator, model_validator

from microcred.vc.openbadges._base import ExtensibleModel, Number, ObModel, TypeValue, require_type
from microcred.vc.openbadges.profile import IdentifierEntry, Image, Profile
from microcred.vc.openbadges.vocab import (
    ACHIEVEMENT_TYPES,
    ALIGNMENT_TARGET_TYPES,
    LANGUAGE_CODE,
    RESULT_TYPES,
    check_extensible,
)

if TYPE_CHECKING:
    from microcred.vc.openbadges.credential import EndorsementCredential


class Alignment(ExtensibleModel):
    """A link to a node of an educational framework (EQF level, ESCO skill, …)."""

    type: TypeValue = ("Alignment",)
    target_name: str
    target_url: str
    target_code: str | None = None
    target_description: str | None = None
    target_framework: str | None = None
    target_type: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Alignment")

    @field_validator("target_type")
    @classmethod
    def _target_type(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return check_extensible(value, ALIGNMENT_TARGET_TYPES, "targetType")


class Criteria(ExtensibleModel):
    """How the achievement is earned: a page (``id``), a ``narrative``, or both."""

    id: str | None = None
    narrative: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if self.id is None and self.narrative is None:
            raise ValueError("criteria needs an id or a narrative")
        return self


class RubricCriterionLevel(ExtensibleModel):
    """One level of a rubric criterion (e.g. "Mastered"); results point at it by ``id``."""

    id: str
    type: TypeValue = ("RubricCriterionLevel",)
    name: str
    alignment: tuple[Alignment, ...] | None = None
    description: str | None = None
    level: str | None = None
    points: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "RubricCriterionLevel")


class ResultDescription(ExtensibleModel):
    """A possible result of the achievement (e.g. the grading scheme); ``id`` links results."""

    id: str
    type: TypeValue = ("ResultDescription",)
    name: str
    result_type: str
    alignment: tuple[Alignment, ...] | None = None
    allowed_value: tuple[str, ...] | None = None
    required_level: str | None = None
    required_value: str | None = None
    rubric_criterion_level: tuple[RubricCriterionLevel, ...] | None = None
    value_max: str | None = None
    value_min: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "ResultDescription")

    @field_validator("result_type")
    @classmethod
    def _result_type(cls, value: str) -> str:
        return check_extensible(value, RESULT_TYPES, "resultType")


class Related(ObModel):
    """Another version of the same achievement, e.g. in another language (closed class)."""

    id: str
    type: TypeValue = ("Related",)
    in_language: str | None = Field(default=None, pattern=LANGUAGE_CODE)
    version: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Related")


class Achievement(ExtensibleModel):
    """What the credential recognises; extension terms (our EU elements) ride as extras."""

    id: str
    type: TypeValue = ("Achievement",)
    name: str
    description: str
    criteria: Criteria
    achievement_type: str | None = None
    alignment: tuple[Alignment, ...] | None = None
    creator: Profile | None = None
    credits_available: Number | None = Field(default=None, ge=0)
    endorsement: tuple[EndorsementCredential, ...] | None = None
    endorsement_jwt: tuple[str, ...] | None = None
    field_of_study: str | None = None
    human_code: str | None = None
    image: Image | None = None
    in_language: str | None = Field(default=None, pattern=LANGUAGE_CODE)
    other_identifier: tuple[IdentifierEntry, ...] | None = None
    related: tuple[Related, ...] | None = None
    result_description: tuple[ResultDescription, ...] | None = None
    specialization: str | None = None
    tag: tuple[str, ...] | None = None
    version: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Achievement")

    @field_validator("achievement_type")
    @classmethod
    def _achievement_type(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return check_extensible(value, ACHIEVEMENT_TYPES, "achievementType")
