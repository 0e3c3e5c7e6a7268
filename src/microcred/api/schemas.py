"""Request and response bodies; field rules mirror the Award model's limits."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from ninja import Schema
from pydantic import Field, field_validator

_URL = URLValidator(schemes=["https", "http"])


class LearnerIn(Schema):
    #: ``format: email`` tells clients (and schema-driven test tools) what is accepted.
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    name: str = Field(default="", max_length=200)
    grade: str = Field(default="", max_length=64)
    date: dt.date | None = None
    evidence_url: str = Field(default="", max_length=200)
    #: The language of the learner's e-mails; the organisation's default when left out.
    language: Literal["en", "tr"] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("not a valid e-mail address") from exc
        return value

    @field_validator("evidence_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value:
            try:
                _URL(value)
            except DjangoValidationError as exc:
                raise ValueError("not a valid http(s) URL") from exc
        return value


class AwardIn(Schema):
    specification: str = Field(min_length=1, max_length=32, description="version public id")
    learner: LearnerIn
    #: Since 2026-12: the learner's name is in the credential unless this is false (it was
    #: left out by default before; send ``false`` to keep that).
    include_name: bool | None = Field(
        default=None, description="put the learner's name in the credential (default true)"
    )
    idempotency_key: str | None = Field(default=None, min_length=1, max_length=200)


class AwardOut(Schema):
    id: str
    specification: str
    state: str
    reason: str
    state_changed: dt.datetime | None
    created: dt.datetime
    credential: dict[str, Any]


class SpecificationOut(Schema):
    id: str = Field(description="the version's public id, as /api/v1/awards takes it")
    title: str
    version: int
    achievement: str = Field(description="the achievement id its credentials carry")


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=1000)


class ErrorOut(Schema):
    code: str
    message: str


class IssueIn(Schema):
    credential: dict[str, Any]
    options: dict[str, Any] = Field(default_factory=dict)


class IssueOut(Schema):
    verifiableCredential: dict[str, Any]  # noqa: N815 - the VC-API's name


class CredentialOut(Schema):
    """A credential signed through the VC-API, as recorded (``id`` names it in /api/v1)."""

    id: str
    credentialId: str  # noqa: N815 - the VC-API's name
    state: str
    reason: str
    state_changed: dt.datetime | None
    created: dt.datetime
    credential: dict[str, Any]


class StatusEntryIn(Schema):
    """One status to set; ``statusListCredential``/``statusListIndex``, if given, must be
    the credential's own entry for that purpose."""

    type: str = Field(max_length=100)
    statusPurpose: str = Field(max_length=100)  # noqa: N815 - the VC-API's name
    status: bool | None = None
    id: str | None = Field(default=None, max_length=1000)
    statusListCredential: str | None = Field(default=None, max_length=1000)  # noqa: N815
    statusListIndex: str | None = Field(default=None, max_length=20)  # noqa: N815


class StatusUpdateIn(Schema):
    """VC-API ``POST /credentials/status``: entries each with their ``status``; the older
    form (one entry and a top-level ``status``) is understood too."""

    credentialId: str = Field(min_length=1, max_length=500)  # noqa: N815 - the VC-API's name
    credentialStatus: list[StatusEntryIn] | StatusEntryIn  # noqa: N815 - the VC-API's name
    status: bool | None = None


class VerifyIn(Schema):
    verifiableCredential: dict[str, Any] | str  # noqa: N815 - the VC-API's name
    options: dict[str, Any] = Field(default_factory=dict)


class PresentationVerifyIn(Schema):
    verifiablePresentation: Any  # noqa: N815 - the VC-API's name; a non-map is answered 422
    options: dict[str, Any] = Field(default_factory=dict)


class VerifyOut(Schema):
    verified: bool
    checks: list[str]
    errors: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    report: dict[str, Any]


class ReportOut(Schema):
    verified: bool
    checks: list[dict[str, Any]]
    #: For a presentation: its holder and each embedded credential's own report.
    holder: str | None = None
    credentials: list[dict[str, Any]] | None = None
