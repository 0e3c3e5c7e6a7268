"""Between the editor form and ``MicroCredentialElements``, in both directions.

Title, description and outcomes come in Turkish and English. The main language is
Turkish when a Turkish title is given, else English; the other language, when it has a
title, becomes a ``Translation`` (the credential then carries both, decision 0009).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from microcred.catalog.grading_fields import grading_initial, scheme_from
from microcred.catalog.skills import skill_by_uri
from microcred.vc.elements import (
    AwardingBody,
    EscoSkill,
    MicroCredentialElements,
    QualityAssurance,
    QualityAssuranceBody,
    QualityAssuranceType,
    StackTarget,
    Translation,
)

_SPLIT = re.compile(r"[,\s]+")
#: An ISO 8601 period of years, months, weeks and days: what the validity picker reads.
PERIOD = re.compile(r"\AP(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?\Z")
_SUFFIX = {"tr": "", "en": "_en"}


@dataclass(frozen=True, slots=True)
class Texts:
    """The texts in the main language, the translation (if any) and the description."""

    title: str
    outcomes: tuple[str, ...]
    description: str
    language: str | None
    translation: Translation | None


def _in(data: dict[str, Any], name: str, language: str) -> str:
    return str(data.get(name + _SUFFIX[language]) or "").strip()


def texts_from(data: dict[str, Any]) -> Texts:
    """Split the bilingual inputs into the main language and its translation."""
    main = "en" if not _in(data, "title", "tr") and _in(data, "title", "en") else "tr"
    other = "en" if main == "tr" else "tr"
    outcomes = lines(_in(data, "learning_outcomes", main))
    translation = None
    if _in(data, "title", main) and _in(data, "title", other):
        translation = Translation(
            language=other,
            title=_in(data, "title", other),
            description=_in(data, "description", other) or None,
            learning_outcomes=lines(_in(data, "learning_outcomes", other)),
        )
    elif not outcomes:  # no title yet: keep whichever outcomes were written
        outcomes = lines(_in(data, "learning_outcomes", other))
    return Texts(
        title=_in(data, "title", main),
        outcomes=outcomes,
        description=_in(data, "description", main),
        language=main if translation else None,
        translation=translation,
    )


def validity_from(data: dict[str, Any]) -> str | None:
    """The picker's number and unit as the ISO 8601 duration the model stores (``P5Y``);
    with no number, a period the picker cannot show is kept as it was (``validity_kept``)."""
    number, unit = data.get("validity_number"), data.get("validity_unit") or "Y"
    if number:
        return f"P{number}{unit}"
    kept = data.get("validity_kept") or ""
    return kept if PERIOD.match(kept) and kept != "P" else None


def validity_initial(period: str | None) -> dict[str, Any]:
    """The picker's number and unit for a stored period: ``P5Y`` → 5 years, ``P1Y6M`` → 18
    months, ``P2W`` → 2 weeks, ``P1W3D`` → 10 days. A period no single unit can hold exactly
    (``P1Y2D``, set through the API) stays in ``validity_kept``, so saving the draft — by
    hand or by autosave — never changes it behind the designer's back."""
    none = {"validity_number": None, "validity_unit": "Y", "validity_kept": ""}
    found = PERIOD.match(period or "")
    if found is None or not any(found.groups()):
        return none
    years, months, weeks, days = (int(part or 0) for part in found.groups())
    if (years or months) and (weeks or days):
        return {**none, "validity_kept": period}
    if months:
        return {**none, "validity_number": years * 12 + months, "validity_unit": "M"}
    if years:
        return {**none, "validity_number": years}
    if days:
        return {**none, "validity_number": weeks * 7 + days, "validity_unit": "D"}
    return {**none, "validity_number": weeks, "validity_unit": "W"}


def lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def element_fields(data: dict[str, Any], *, awarding_body_id: str) -> dict[str, Any]:
    """Keyword arguments for ``MicroCredentialElements`` from cleaned form data.

    Empty inputs become absent elements (a draft may lack them); only valid fields are in
    ``data``, so an invalid input is simply missing here and reported by the form.
    """
    get = data.get
    languages = tuple(code for code in _SPLIT.split(get("languages") or "") if code)
    texts = texts_from(data)
    fields: dict[str, Any] = {
        "title": texts.title or " ",  # " " = no title yet (min length 1)
        "learning_outcomes": texts.outcomes,
        "text_language": texts.language,
        "translations": (texts.translation,) if texts.translation else (),
        "ects": get("ects"),
        "workload_hours": get("workload_hours"),
        "eqf_level": get("eqf_level"),
        "tqf_level": get("tqf_level"),
        "assessment_types": tuple(get("assessment_types") or ()),
        "assessment_description": get("assessment_description") or None,
        "participation": get("participation") or None,
        "supervision": get("supervision") or None,
        "prerequisites": get("prerequisites") or None,
        "integration": get("integration") or None,
        "stackable_towards": tuple(StackTarget(id=url) for url in lines(get("stackable_towards"))),
        "further_information": get("further_information") or None,
        "languages": languages,
        "validity_period": validity_from(data),
        "esco_skills": tuple(
            # the label in the specification's first language; the URI stays the id
            EscoSkill(uri=skill.uri, label=skill.name(languages[0] if languages else "en"))
            for uri in get("esco_skills") or ()
            if (skill := skill_by_uri(uri)) is not None
        ),
    }
    name, country = (get("awarding_body_name") or "").strip(), get("country") or ""
    region = get("region") or None
    if region and not region.startswith(country + "-"):
        region = None  # the checks say why
    if name and country:
        fields["awarding_body"] = AwardingBody(
            id=awarding_body_id, name=name, country=country, region=region
        )
    qa_types: list[QualityAssuranceType] = [QualityAssuranceType(t) for t in get("qa_types") or ()]
    if qa_types:
        body = (get("qa_body_name") or "").strip()
        fields["quality_assurance"] = QualityAssurance(
            types=tuple(qa_types),
            description=get("qa_description") or None,
            body=QualityAssuranceBody(name=body) if body else None,
        )
    scheme = scheme_from(data, scheme_id=f"{awarding_body_id}#grading")
    if scheme is not None:
        fields["grading_scheme"] = scheme
    return fields


def initial_from(
    el: MicroCredentialElements, hours_per_ects: int, description: str
) -> dict[str, Any]:
    """Form initial values that reproduce ``el`` when submitted unchanged."""
    body, qa, scheme = el.awarding_body, el.quality_assurance, el.grading_scheme
    return {
        **_texts_initial(el, description),
        "awarding_body_name": body.name if body else "",
        "country": body.country if body else "",
        "region": (body.region or "") if body else "",
        "ects": el.ects if el.ects is None else Decimal(el.ects).normalize(),
        "workload_hours": el.workload_hours,
        "hours_per_ects": hours_per_ects,
        "eqf_level": el.eqf_level,
        "tqf_level": el.tqf_level,
        "assessment_types": [str(t) for t in el.assessment_types],
        "assessment_description": el.assessment_description or "",
        "participation": str(el.participation or ""),
        "supervision": str(el.supervision or ""),
        "qa_types": [str(t) for t in qa.types] if qa else [],
        "qa_description": (qa.description or "") if qa else "",
        "qa_body_name": qa.body.name if qa and qa.body else "",
        "prerequisites": el.prerequisites or "",
        "grading_scheme": scheme.name if scheme else "",
        **grading_initial(scheme),
        "integration": str(el.integration or ""),
        "stackable_towards": "\n".join(t.id for t in el.stackable_towards),
        "further_information": el.further_information or "",
        "languages": ", ".join(el.languages),
        **validity_initial(el.validity_period),
        "esco_skills": [s.uri for s in el.esco_skills],
    }


def _texts_initial(el: MicroCredentialElements, description: str) -> dict[str, Any]:
    main = el.text_language if el.text_language in _SUFFIX else "tr"
    found = {
        f"{name}{suffix}": ""
        for suffix in _SUFFIX.values()
        for name in ("title", "description", "learning_outcomes")
    }
    found |= {
        "title" + _SUFFIX[main]: el.title.strip(),
        "description" + _SUFFIX[main]: description,
        "learning_outcomes" + _SUFFIX[main]: "\n".join(el.learning_outcomes),
    }
    for t in el.translations:
        if t.language in _SUFFIX and t.language != main:
            found |= {
                "title" + _SUFFIX[t.language]: t.title,
                "description" + _SUFFIX[t.language]: t.description or "",
                "learning_outcomes" + _SUFFIX[t.language]: "\n".join(t.learning_outcomes),
            }
    return found


def as_form_data(initial: dict[str, Any]) -> dict[str, Any]:
    """Initial values as the strings (and lists) a browser would post."""
    data: dict[str, Any] = {}
    for name, value in initial.items():
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data
