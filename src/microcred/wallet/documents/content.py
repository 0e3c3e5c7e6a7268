"""What a printed certificate says, read from the credential itself, in its language.

A bilingual credential (language value objects, decision 0009) prints its title,
description and outcomes in the certificate's language first and the other language
beneath them, as Turkish diplomas do.

The certificate shows only what the signed credential discloses: a printout must never
claim more than the credential a verifier can check with its QR code. EU elements are read
through :func:`~microcred.vc.elements.elements_from_credential`; a credential from another
issuer that does not fit that model still prints, with the plain OB 3.0 fields it has.

Call inside ``translation.override(lang)``: labels come from the wallet's catalogue and
the trust core's bilingual element table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from microcred.catalog.element_rows import country_name
from microcred.catalog.regions import region_name
from microcred.vc import VcError, parse_datetime, text_for
from microcred.vc.elements import (
    MANDATORY_ELEMENTS,
    OPTIONAL_ELEMENTS,
    MicroCredentialElements,
    elements_from_credential,
    label,
)

Language = Literal["en", "tr"]
_ELEMENT_LABELS = {e.code: (e.label_en, e.label_tr) for e in MANDATORY_ELEMENTS + OPTIONAL_ELEMENTS}


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled element; several values print as a list."""

    label: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CertificateContent:
    """The certificate's text, already translated and formatted for ``lang``."""

    title: str
    issuer: str
    credential_id: str
    issued: str | None = None
    valid_until: str | None = None
    learner_name: str | None = None
    description: str | None = None
    image: str | None = None  # a data: URI, never a URL to fetch
    rows: tuple[Row, ...] = field(default=())
    other_language: str | None = None  # "en"/"tr" when the credential has both
    other_title: str | None = None
    other_description: str | None = None


def certificate_content(credential: Mapping[str, Any], lang: Language) -> CertificateContent:
    """The certificate's content for ``credential`` (OB 3.0 JSON, proof or not)."""
    subject = _mapping(credential.get("credentialSubject"))
    achievement = _mapping(subject.get("achievement"))
    elements = _elements(credential)
    title = text_for(achievement, "name", lang) or text_for(credential, "name", lang)
    other: Language = "en" if lang == "tr" else "tr"
    other_title = _translated(achievement, "name", lang, other)
    return CertificateContent(
        title=title or _("Untitled credential"),
        issuer=_issuer_name(credential.get("issuer")),
        credential_id=_text(credential.get("id")) or _("(no identifier)"),
        issued=_date(credential.get("validFrom") or credential.get("issuanceDate")),
        valid_until=_date(credential.get("validUntil") or credential.get("expirationDate")),
        learner_name=disclosed_name(subject),
        description=text_for(achievement, "description", lang),
        image=_data_image(achievement.get("image")),
        rows=tuple(element_rows(elements, lang)) if elements else _plain_rows(achievement),
        other_language=other if other_title else None,
        other_title=other_title,
        other_description=_translated(achievement, "description", lang, other),
    )


def _translated(node: Mapping[str, Any], term: str, lang: Language, other: Language) -> str | None:
    """The text in the other language, when the credential really has a different one."""
    found = text_for(node, term, other)
    return found if found and found != text_for(node, term, lang) else None


def disclosed_name(subject: Mapping[str, Any]) -> str | None:
    """The learner's name if the credential discloses it in clear (never a hashed one)."""
    for identifier in _list(subject.get("identifier")):
        item = _mapping(identifier)
        if item.get("identityType") == "name" and item.get("hashed") is False:
            return _text(item.get("identityHash")) or None
    return _text(subject.get("name")) or None


def _elements(credential: Mapping[str, Any]) -> MicroCredentialElements | None:
    try:
        return elements_from_credential(credential)
    except (ValueError, VcError):  # pydantic's ValidationError is a ValueError
        return None


def element_rows(el: MicroCredentialElements, lang: Language) -> list[Row]:
    """The EU elements in Annex I order, each only when the credential has it."""
    outcomes, other = _outcomes(el, lang)
    rows = [
        _row("awarding_body", lang, _bodies(el, lang)),
        _row("learning_outcomes", lang, outcomes),
        Row(_("Learning outcomes (other language)"), other),
        _row("workload", lang, _workload(el)),
        _row("level", lang, _levels(el, lang)),
        _row("assessment_type", lang, _assessment(el, lang)),
        _row("participation", lang, [label(el.participation, lang)] if el.participation else []),
        _row("quality_assurance", lang, _quality(el, lang)),
        Row(_("Skills"), tuple(s.label for s in el.esco_skills)),
        _row("prerequisites", lang, [el.prerequisites] if el.prerequisites else []),
        _row("supervision", lang, [label(el.supervision, lang)] if el.supervision else []),
        _row("grade", lang, _grade(el)),
        _row("integration", lang, _integration(el, lang)),
        Row(_("Languages"), el.languages),
        _row("further_information", lang, [el.further_information or ""]),
    ]
    return [row for row in rows if row.values]


def _outcomes(
    el: MicroCredentialElements, lang: Language
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The outcomes in ``lang`` and, for a bilingual credential, in the other language."""
    texts = {el.text_language or lang: el.learning_outcomes}
    texts |= {t.language: t.learning_outcomes for t in el.translations}
    mine = texts.get(lang) or el.learning_outcomes
    others = [o for code, found in texts.items() if code != lang for o in found]
    return mine, tuple(others) if el.translations else ()


def _row(code: str, lang: Language, values: Any) -> Row:
    english, turkish = _ELEMENT_LABELS[code]
    return Row(turkish if lang == "tr" else english, tuple(v for v in values if v))


def _bodies(el: MicroCredentialElements, lang: Language) -> list[str]:
    """Each awarding body with where it is, in words: "Ege Üniversitesi (İzmir)"."""
    bodies = [el.awarding_body, *el.co_awarding_bodies] if el.awarding_body else []
    return [
        f"{b.name} ({region_name(b.region) or country_name(b.country, lang)})"
        for b in bodies
        if b is not None
    ]


def _workload(el: MicroCredentialElements) -> list[str]:
    parts = []
    if el.ects is not None:
        parts.append(_("%(ects)s ECTS credits") % {"ects": _number(el.ects)})
    if el.workload_hours is not None:
        parts.append(_("%(hours)s hours of learning") % {"hours": el.workload_hours})
    return parts


def _levels(el: MicroCredentialElements, lang: Language) -> list[str]:
    parts = []
    if el.eqf_level is not None:
        parts.append(_("EQF level %(level)s") % {"level": el.eqf_level})
    if el.tqf_level is not None:
        parts.append(_("TQF level %(level)s") % {"level": el.tqf_level})
    if el.qf_ehea_cycle is not None:
        parts.append(label(el.qf_ehea_cycle, lang))
    return parts


def _assessment(el: MicroCredentialElements, lang: Language) -> list[str]:
    kinds = ", ".join(label(a, lang) for a in el.assessment_types)
    return [kinds, el.assessment_description or ""]


def _quality(el: MicroCredentialElements, lang: Language) -> list[str]:
    qa = el.quality_assurance
    if qa is None:
        return []
    body = qa.body.name if qa.body else ""
    return [", ".join(label(t, lang) for t in qa.types), qa.description or "", body]


def _grade(el: MicroCredentialElements) -> list[str]:
    if el.grade is None:
        return []
    scheme = el.grading_scheme
    return [f"{el.grade} ({scheme.name})" if scheme else el.grade]


def _integration(el: MicroCredentialElements, lang: Language) -> list[str]:
    if el.integration is None:
        return []
    targets = [t.name or t.id for t in el.stackable_towards]
    return [label(el.integration, lang), *targets]


def _plain_rows(achievement: Mapping[str, Any]) -> tuple[Row, ...]:
    """For a credential outside our elements model: its criteria and ECTS, if any."""
    criteria = _text(_mapping(achievement.get("criteria")).get("narrative"))
    credits = achievement.get("creditsAvailable")
    rows = [
        Row(_("Criteria"), (criteria,) if criteria else ()),
        Row(
            _("Workload"),
            (_("%(ects)s ECTS credits") % {"ects": _number(Decimal(str(credits)))},)
            if isinstance(credits, int | float) and not isinstance(credits, bool)
            else (),
        ),
    ]
    return tuple(row for row in rows if row.values)


def _issuer_name(issuer: Any) -> str:
    if isinstance(issuer, Mapping):
        return _text(issuer.get("name")) or _text(issuer.get("id"))
    return _text(issuer)


def _date(value: Any) -> str | None:
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    return date_format(date(moment.year, moment.month, moment.day), "DATE_FORMAT")


def _data_image(image: Any) -> str | None:
    """An embedded image only: fetching the issuer's URL would leak who prints what."""
    ident = _mapping(image).get("id") if isinstance(image, Mapping) else image
    if isinstance(ident, str) and ident.startswith(("data:image/png;", "data:image/jpeg;")):
        return ident
    return None


def _number(value: Decimal) -> str:
    """2.5 in English, 2,5 in Turkish."""
    return number_format(Decimal(format(value.normalize(), "f")))


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
