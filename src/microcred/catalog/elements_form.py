"""Between the editor form and ``MicroCredentialElements``, in both directions."""

from __future__ import annotations

import re
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
)

_SPLIT = re.compile(r"[,\s]+")


def lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def element_fields(data: dict[str, Any], *, awarding_body_id: str) -> dict[str, Any]:
    """Keyword arguments for ``MicroCredentialElements`` from cleaned form data.

    Empty inputs become absent elements (a draft may lack them); only valid fields are in
    ``data``, so an invalid input is simply missing here and reported by the form.
    """
    get = data.get
    languages = tuple(code for code in _SPLIT.split(get("languages") or "") if code)
    fields: dict[str, Any] = {
        "title": (get("title") or "").strip() or " ",  # " " = no title yet (min length 1)
        "learning_outcomes": lines(get("learning_outcomes")),
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
        "validity_period": (get("validity_period") or "").strip() or None,
        "esco_skills": tuple(
            # the label in the specification's first language; the URI stays the id
            EscoSkill(uri=skill.uri, label=skill.name(languages[0] if languages else "en"))
            for uri in get("esco_skills") or ()
            if (skill := skill_by_uri(uri)) is not None
        ),
    }
    name, country = (get("awarding_body_name") or "").strip(), get("country") or ""
    if name and country:
        fields["awarding_body"] = AwardingBody(
            id=awarding_body_id, name=name, country=country, region=get("region") or None
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
        "title": el.title.strip(),
        "description": description,
        "awarding_body_name": body.name if body else "",
        "country": body.country if body else "",
        "region": (body.region or "") if body else "",
        "learning_outcomes": "\n".join(el.learning_outcomes),
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
        "validity_period": el.validity_period or "",
        "esco_skills": [s.uri for s in el.esco_skills],
    }
