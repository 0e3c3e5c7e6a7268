"""CLR 2.0: a learner's record that bundles signed OB credentials and how they relate.

The CLR 2.0 context (``context-2.0.1.json``) is not among our pinned contexts, so a
ClrCredential can be modelled and schema-checked here but not yet signed or verified with
an RDF cryptosuite: the document loader refuses unknown context URLs by design.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import StrictBool, field_validator

from microcred.vc.openbadges._base import ExtensibleModel, ObModel, TypeValue, require_type
from microcred.vc.openbadges.achievement import Achievement
from microcred.vc.openbadges.contexts import CLR_CONTEXTS
from microcred.vc.openbadges.credential import OpenBadgeCredential, VerifiableCredentialBase
from microcred.vc.openbadges.subject import IdentityObject
from microcred.vc.openbadges.vocab import ASSOCIATION_TYPES


class Association(ObModel):
    """A directed relation between two achievements of the record (by their ids)."""

    type: TypeValue = "Association"
    association_type: str
    source_id: str
    target_id: str

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "Association")

    @field_validator("association_type")
    @classmethod
    def _association_type(cls, value: str) -> str:
        if value not in ASSOCIATION_TYPES:
            raise ValueError(f"{value!r} is not a CLR 2.0 associationType")
        return value


class ClrSubject(ExtensibleModel):
    """The learner, their signed credentials (at least one), achievements and associations."""

    id: str | None = None
    type: TypeValue = ("ClrSubject",)
    identifier: tuple[IdentityObject, ...] | None = None
    achievement: tuple[Achievement, ...] | None = None
    verifiable_credential: tuple[OpenBadgeCredential, ...]
    association: tuple[Association, ...] | None = None

    @field_validator("type")
    @classmethod
    def _type(cls, value: TypeValue) -> TypeValue:
        return require_type(value, "ClrSubject")

    @field_validator("verifiable_credential")
    @classmethod
    def _not_empty(cls, value: tuple[OpenBadgeCredential, ...]) -> tuple[OpenBadgeCredential, ...]:
        if not value:
            raise ValueError("a CLR holds at least one verifiable credential")
        return value


class ClrCredential(VerifiableCredentialBase):
    """A Comprehensive Learner Record 2.0 credential."""

    _credential_types: ClassVar[tuple[str, ...]] = ("ClrCredential",)

    partial: StrictBool | None = None
    credential_subject: ClrSubject

    @classmethod
    def default_context(cls, data: Mapping[str, Any]) -> list[str]:
        return list(CLR_CONTEXTS)
