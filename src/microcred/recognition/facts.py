"""The facts of a submitted credential, frozen when it was verified, and read back for people.

A reviewer decides on what was proven at submission: who signed (and the registry's
standing of that issuer at the time, from the report's ``trust`` check), the learning
outcomes, ECTS, level, assessment, grade and issue date. They are stored as plain JSON in
language-neutral form (codes and numbers; the credential's own texts as written) and put
into words in the reader's language when shown, so a later change of the credential's
status or of the registry does not rewrite what the decision rested on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from microcred.vc import VcError, issuer_id
from microcred.vc.elements import (
    AssessmentType,
    MicroCredentialElements,
    elements_from_credential,
    label,
)
from microcred.vc.verify import Check, CheckStatus, VerificationReport
from microcred.verification.facts import read_facts
from microcred.verification.wording import standing_words

__all__ = ["Facts", "achievement_id_of", "freeze"]


def achievement_id_of(credential: Mapping[str, Any]) -> str:
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    found = achievement.get("id") if isinstance(achievement, Mapping) else None
    return found if isinstance(found, str) else ""


def _elements(credential: Mapping[str, Any]) -> MicroCredentialElements | None:
    try:
        return elements_from_credential(credential)
    except (VcError, ValueError, TypeError):  # not an OB 3.0 micro-credential
        return None


def freeze(credential: Mapping[str, Any], report: VerificationReport) -> dict[str, Any]:
    """The JSON kept with the request (see the module's docstring)."""
    facts = read_facts(credential, "en")
    elements = _elements(credential)
    trust = report.find("trust")
    ects = elements.ects if elements and elements.ects is not None else None
    return {
        "title": (facts.title if facts else None) or "",
        "issuer_name": (facts.issuer if facts else None) or "",
        "issuer_id": issuer_id(credential) or "",
        "achievement_id": achievement_id_of(credential),
        "issued": facts.issued.isoformat() if facts and facts.issued else "",
        "outcomes": list(
            elements.learning_outcomes if elements else (facts.outcomes if facts else ())
        ),
        "ects": str(ects) if ects is not None else (facts.ects if facts else None),
        "eqf_level": elements.eqf_level if elements else None,
        "tqf_level": elements.tqf_level if elements else None,
        "assessment_types": [str(a) for a in elements.assessment_types] if elements else [],
        "assessment_description": (elements.assessment_description if elements else None) or "",
        "grade": (facts.grade if facts else None) or "",
        "trust": None
        if trust is None
        else {"code": trust.code, "status": str(trust.status), "params": dict(trust.params)},
    }


@dataclass(frozen=True, slots=True)
class Facts:
    """Frozen facts put into words in ``lang``."""

    data: Mapping[str, Any]
    lang: str

    def __getattr__(self, name: str) -> Any:
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def levels(self) -> str:
        parts = []
        if self.data.get("eqf_level"):
            parts.append(_("EQF level %(level)s") % {"level": self.data["eqf_level"]})
        if self.data.get("tqf_level"):
            parts.append(_("TQF level %(level)s") % {"level": self.data["tqf_level"]})
        return ", ".join(parts)

    @property
    def assessment(self) -> str:
        kinds = []
        for code in self.data.get("assessment_types") or []:
            try:
                kinds.append(label(AssessmentType(code), "tr" if self.lang == "tr" else "en"))
            except (ValueError, KeyError):
                kinds.append(str(code))
        parts = [", ".join(kinds), self.data.get("assessment_description") or ""]
        return " — ".join(p for p in parts if p)

    @property
    def standing(self) -> str:
        """The issuer's standing in the registries this platform follows, at submission."""
        trust = self.data.get("trust")
        if not trust:
            return _("Not checked: no quality-assurance body was followed.")
        check = Check("trust", trust["code"], CheckStatus(trust["status"]), trust["params"])
        words = standing_words(check, None)
        return words[1] if words else ""

    @property
    def recognised(self) -> bool:
        trust = self.data.get("trust") or {}
        return bool(trust.get("code") == "issuer_recognised")
