"""What a held credential says, read once for the passport: title, issuer, dates, the EU
elements (ECTS, EQF/TQF level, ESCO skills) when the credential carries them.

Only the credential's own claims; whether they can be trusted is the status's business.
A credential from elsewhere that is not an Open Badge still gets a title and an issuer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from microcred.vc import VcError, issuer_id, text_for
from microcred.vc.elements import EscoSkill, MicroCredentialElements, elements_from_credential
from microcred.verification.summary import summarize


@dataclass(frozen=True, slots=True)
class Content:
    title: str
    issuer_name: str
    issuer_id: str
    valid_from: datetime | None
    valid_until: datetime | None
    elements: MicroCredentialElements | None

    @property
    def ects(self) -> Decimal | None:
        return self.elements.ects if self.elements else None

    @property
    def eqf_level(self) -> int | None:
        return self.elements.eqf_level if self.elements else None

    @property
    def tqf_level(self) -> int | None:
        return self.elements.tqf_level if self.elements else None

    @property
    def skills(self) -> tuple[EscoSkill, ...]:
        return self.elements.esco_skills if self.elements else ()


def describe(credential: Mapping[str, Any], lang: str = "en") -> Content:
    summary = summarize(credential, lang)
    issuer = issuer_id(credential)
    return Content(
        title=(summary.achievement if summary else None)
        or text_for(credential, "name", lang)
        or "—",
        issuer_name=(summary.issuer if summary else None) or "—",
        issuer_id=issuer or "",
        valid_from=summary.valid_from if summary else None,
        valid_until=_date(credential.get("validUntil")),
        elements=_elements(credential),
    )


def _elements(credential: Mapping[str, Any]) -> MicroCredentialElements | None:
    try:
        return elements_from_credential(credential)
    except (VcError, ValueError, TypeError):  # not an OB 3.0 micro-credential: no elements
        return None


def _date(value: Any) -> datetime | None:
    summary = summarize({"validFrom": value}, "en")
    return summary.valid_from if summary else None
