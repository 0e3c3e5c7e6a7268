"""What a credential says about itself, reduced to the few lines a person reads first.

For display only: the values are the credential's own claims, shown whether or not it
verified (the template says which), and nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from microcred.vc import parse_datetime, text_for

MAX_CHARS = 300


@dataclass(frozen=True, slots=True)
class CredentialSummary:
    issuer: str | None
    achievement: str | None
    valid_from: datetime | None
    #: ``validFrom`` as written, for when it is not a valid date-time.
    valid_from_text: str | None
    subject: str | None

    @property
    def is_empty(self) -> bool:
        return not (self.issuer or self.achievement or self.valid_from_text or self.subject)


def summarize(credential: Mapping[str, Any] | None, lang: str) -> CredentialSummary | None:
    if not isinstance(credential, Mapping):
        return None
    subject = _first(credential.get("credentialSubject"))
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    valid_from = _text(credential.get("validFrom"))
    return CredentialSummary(
        issuer=_issuer(credential.get("issuer"), lang),
        achievement=_name(achievement, lang),
        valid_from=_datetime(valid_from),
        valid_from_text=valid_from,
        subject=_name(subject, lang),
    )


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _issuer(value: Any, lang: str) -> str | None:
    if isinstance(value, Mapping):
        return _name(value, lang) or _text(value.get("id"))
    return _text(value)


def _name(node: Any, lang: str) -> str | None:
    """A string or language value objects (VC 2.0 §11.1), read by the trust core's rule."""
    found = text_for(node, "name", lang)
    return _text(found) if found else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _datetime(value: str | None) -> datetime | None:
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None
