"""The learner side: AchievementSubject, its IdentityObjects and Results, and Evidence."""

from __future__ import annotations

from typing import Self

from pydantic import Field, StrictBool, field_validator, model_validator

from microcred.vc.openbadges._base import ExtensibleModel, Number, ObModel, TypeValue, require_type
from microcred.vc.openbadges.achievement import Achievement, Alignment
from microcred.vc.openbadges.profile import Image, Profile
from microcred.vc.openbadges.vocab import IDENTIFIER_TYPES, RESULT_STATUSES, check_extensible


class IdentityObject(ObModel):
    """One identifier of the learner, usually a salted hash of an e-mail (closed class).

    ``identityHash`` is ``"sha256$" + hex`` when ``hashed`` (see :mod:`.identity`), or the
    plain value otherwise.
    """

    type: TypeValue = "IdentityObject"
    hashed: StrictBool
    identity_hash: str
    identity_type: str
    salt: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "IdentityObject")

    @field_validator("identity_type")
    @classmethod
    def _identity_type(cls, value: str) -> str:
        return check_extensible(value, IDENTIFIER_TYPES, "identityType")


class Result(ExtensibleModel):
    """A result the learner achieved; ``resultDescription`` is the id of one in the achievement."""

    type: TypeValue = ("Result",)
    achieved_level: str | None = None
    alignment: tuple[Alignment, ...] | None = None
    result_description: str | None = None
    status: str | None = None
    value: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Result")

    @field_validator("status")
    @classmethod
    def _status(cls, value: str | None) -> str | None:
        if value is not None and value not in RESULT_STATUSES:
            raise ValueError(f"{value!r} is not an OB 3.0 result status")
        return value


class Evidence(ExtensibleModel):
    """Something that shows how the achievement was met (a page, a data URI, a narrative)."""

    id: str | None = None
    type: TypeValue = ("Evidence",)
    narrative: str | None = None
    name: str | None = None
    description: str | None = None
    genre: str | None = None
    audience: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Evidence")


class AchievementSubject(ObModel):
    """The learner and what they achieved (closed class: no extension properties here).

    The spec requires either ``id`` (a DID or URL) or at least one ``identifier``.
    """

    id: str | None = None
    type: TypeValue = ("AchievementSubject",)
    activity_end_date: str | None = None
    activity_start_date: str | None = None
    credits_earned: Number | None = Field(default=None, ge=0)
    achievement: Achievement
    identifier: tuple[IdentityObject, ...] | None = None
    image: Image | None = None
    license_number: str | None = None
    narrative: str | None = None
    result: tuple[Result, ...] | None = None
    role: str | None = None
    source: Profile | None = None
    term: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "AchievementSubject")

    @model_validator(mode="after")
    def _identified(self) -> Self:
        if self.id is None and not self.identifier:
            raise ValueError("the subject needs an id or at least one identifier")
        return self
