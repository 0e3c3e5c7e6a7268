"""What a pathway needs from one of the learner's credentials, read once — pure.

A credential counts only as what it says about itself *and* what its verification found:
``verified`` is the verifier's verdict now (signature, status, validity, trust), and
``failure`` the first failure's code when it did not verify (``revoked``, ``expired``, …).
The facts are read tolerantly: a credential from elsewhere may lack any of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from microcred.vc import as_list, binding_for, credential_id, issuer_id, parse_datetime
from microcred.vc.elements import EQF_URI, TQF_URI
from microcred.vc.verify import Parsed, VerificationReport

_EQF = re.compile(re.escape(EQF_URI).replace(r"\{level\}", r"([1-8])") + r"\Z")
_TQF = re.compile(re.escape(TQF_URI).replace(r"\{level\}", r"([1-8])") + r"\Z")


@dataclass(frozen=True, slots=True, eq=False)
class Evidence:
    """One held credential, as a pathway sees it. ``ref`` is the caller's handle for it
    (the passport's item id). Compared by identity: one object per held credential."""

    ref: str
    credential_id: str | None
    achievement_id: str | None
    title: str
    issuer_id: str | None
    issuer_name: str
    issued: datetime | None
    ects: Decimal | None
    eqf: int | None
    tqf: int | None
    verified: bool
    failure: str = ""
    #: The credential as read, kept for :meth:`binding` (None in tests that need no stack).
    parsed: Parsed | None = None

    def level(self, framework: str) -> int | None:
        return self.eqf if framework == "eqf" else self.tqf

    def binding(self) -> Mapping[str, str] | None:
        """The ``relatedResource`` entry a stacked credential binds it with (None: no
        ``id``). Computed only when a stack is issued: it canonicalises the whole
        credential, which every passport view would otherwise pay for each one held."""
        if self.parsed is None or self.credential_id is None:
            return None
        return binding_for(self.parsed)


def _achievement(credential: Mapping[str, Any]) -> Mapping[str, Any]:
    subject = next(iter(as_list(credential.get("credentialSubject"))), None)
    found = subject.get("achievement") if isinstance(subject, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):  # a language map
        return next((v for v in value.values() if isinstance(v, str)), "")
    return ""


def _issuer_name(credential: Mapping[str, Any]) -> str:
    issuer = credential.get("issuer")
    return _text(issuer.get("name")) if isinstance(issuer, Mapping) else ""


def _ects(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        ects = Decimal(str(value))
    except InvalidOperation:
        return None
    return ects if ects.is_finite() and ects >= 0 else None


def _level(achievement: Mapping[str, Any], pattern: re.Pattern[str]) -> int | None:
    for alignment in as_list(achievement.get("alignment")):
        url = alignment.get("targetUrl") if isinstance(alignment, Mapping) else None
        if isinstance(url, str) and (match := pattern.match(url)):
            return int(match.group(1))
    return None


def _issued(credential: Mapping[str, Any]) -> datetime | None:
    for name in ("validFrom", "issuanceDate"):
        value = credential.get(name)
        if isinstance(value, str):
            try:
                return parse_datetime(value)
            except ValueError:
                return None
    return None


def read_evidence(ref: str, parsed: Parsed, report: VerificationReport) -> Evidence:
    credential = parsed.credential
    achievement = _achievement(credential)
    failures = [c.code for c in report.failures]
    ident = credential_id(parsed)
    achievement_id = achievement.get("id")
    return Evidence(
        ref=ref,
        credential_id=ident,
        achievement_id=achievement_id if isinstance(achievement_id, str) else None,
        title=_text(achievement.get("name")) or _text(credential.get("name")) or "—",
        issuer_id=issuer_id(credential),
        issuer_name=_issuer_name(credential) or (issuer_id(credential) or "—"),
        issued=_issued(credential),
        ects=_ects(achievement.get("creditsAvailable")),
        eqf=_level(achievement, _EQF),
        tqf=_level(achievement, _TQF),
        verified=report.verified,
        failure=failures[0] if failures else "",
        parsed=parsed,
    )
