"""The credentials: OpenBadgeCredential (alias AchievementCredential) and EndorsementCredential.

``@context`` may be omitted when building one: it is filled with exactly the OB 3.0 pair,
plus our EU-elements context when the achievement uses its terms. A parsed credential keeps
the context it arrived with, whatever it is, so re-serialising never changes signed bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from microcred.vc.openbadges._base import (
    DateTimeStamp,
    ExtensibleModel,
    ObModel,
    TypeValue,
    require_type,
    types_of,
)
from microcred.vc.openbadges.achievement import Achievement
from microcred.vc.openbadges.contexts import OB_CONTEXTS, credential_context
from microcred.vc.openbadges.profile import Image, Profile
from microcred.vc.openbadges.subject import AchievementSubject, Evidence

Context = tuple[str | dict[str, Any], ...]


class VerifiableCredentialBase(ExtensibleModel):
    """The VC 2.0 properties every OB/CLR credential shares (issuer is always a Profile)."""

    _credential_types: ClassVar[tuple[str, ...]] = ()

    # Both always set by ``_defaults`` before validation; the defaults here are for type checkers.
    context: Context = Field(default=(), alias="@context")
    id: str
    type: TypeValue = ()
    name: str
    description: str | None = None
    image: Image | None = None
    issuer: Profile
    valid_from: DateTimeStamp
    valid_until: DateTimeStamp | None = None
    awarded_date: DateTimeStamp | None = None
    evidence: tuple[Evidence, ...] | None = None
    endorsement: tuple[EndorsementCredential, ...] | None = None
    endorsement_jwt: tuple[str, ...] | None = None
    credential_schema: Any = None
    credential_status: Any = None
    refresh_service: Any = None
    terms_of_use: Any = None
    proof: Any = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        require_type(value, "VerifiableCredential")
        return require_type(value, *cls._credential_types)

    @property
    def types(self) -> tuple[str, ...]:
        """``type`` as a tuple, whether it was written as a string or an array."""
        return types_of(self.type)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        filled = dict(data)
        if "@context" not in filled and "context" not in filled:
            filled["@context"] = cls.default_context(filled)
        if "type" not in filled:
            filled["type"] = ("VerifiableCredential", cls._credential_types[0])
        return filled

    @classmethod
    def default_context(cls, data: Mapping[str, Any]) -> list[str]:
        """The ``@context`` for a credential built without one (``data``: its properties)."""
        return list(OB_CONTEXTS)


class OpenBadgeCredential(VerifiableCredentialBase):
    """An awarded achievement (OB 3.0 AchievementCredential)."""

    _credential_types: ClassVar[tuple[str, ...]] = ("OpenBadgeCredential", "AchievementCredential")

    credential_subject: AchievementSubject

    @classmethod
    def default_context(cls, data: Mapping[str, Any]) -> list[str]:
        return credential_context(_achievement_json(data))


AchievementCredential = OpenBadgeCredential


class EndorsementSubject(ObModel):
    """What is endorsed (a profile, achievement or credential, by ``id``) and the comment."""

    id: str
    type: TypeValue = ("EndorsementSubject",)
    endorsement_comment: str | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "EndorsementSubject")


class EndorsementCredential(VerifiableCredentialBase):
    """A third party's signed claim about a profile, an achievement or a credential."""

    _credential_types: ClassVar[tuple[str, ...]] = ("EndorsementCredential",)

    credential_subject: EndorsementSubject


def _achievement_json(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    subject = data.get("credentialSubject", data.get("credential_subject"))
    if isinstance(subject, BaseModel):
        subject = subject.model_dump(by_alias=True, exclude_none=True)
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    if isinstance(achievement, BaseModel):
        return achievement.model_dump(by_alias=True, exclude_none=True)
    return achievement if isinstance(achievement, Mapping) else None


# Profile and Achievement refer to EndorsementCredential (and it to them): resolve the cycle.
_MODELS: tuple[type[BaseModel], ...] = (
    Profile,
    Achievement,
    AchievementSubject,
    VerifiableCredentialBase,
    OpenBadgeCredential,
    EndorsementCredential,
)
for _model in _MODELS:
    _model.model_rebuild(_types_namespace={"EndorsementCredential": EndorsementCredential})
