"""EU elements ↔ OB 3.0: native fields wherever OB has one, our extension for the rest.

A plain OB 3.0 verifier still verifies and displays such a credential: title, ECTS
(``creditsAvailable``), EQF/TQF levels and ESCO skills (``alignment``), the grading scheme
(``resultDescription``) and grade (``result``), language, code, field of study, keywords,
and the issuer's country (``issuer.address``) are all standard OB 3.0. The criteria
narrative repeats the learning outcomes and assessment in prose for human readers.

Nothing is lost on the way back: ``elements_from_credential(elements_to_credential(el))``
equals ``el`` (see the tests), which is what lets the catalogue re-read what it issued.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from microcred.vc.dates import format_datetime, parse_datetime
from microcred.vc.elements.extension import (
    ElementsExtension,
    QualityAssuranceBodyJson,
    QualityAssuranceJson,
    StackTargetJson,
)
from microcred.vc.elements.frameworks import (
    eqf_alignment,
    eqf_level_of,
    esco_alignment,
    is_esco_skill,
    tqf_alignment,
    tqf_level_of,
)
from microcred.vc.elements.model import (
    AwardingBody,
    EscoSkill,
    GradingScheme,
    LearnerIdentification,
    MicroCredentialElements,
    QualityAssurance,
    QualityAssuranceBody,
    StackTarget,
    Translation,
)
from microcred.vc.elements.vocab import Language, label
from microcred.vc.fields import SCHEMA_ORG, language_values
from microcred.vc.openbadges import (
    Achievement,
    AchievementSubject,
    Address,
    Alignment,
    Criteria,
    Image,
    OpenBadgeCredential,
    Profile,
    Result,
    ResultDescription,
)

MICRO_CREDENTIAL = "MicroCredential"  # an OB 3.0 AchievementType value


# --- to OB ------------------------------------------------------------------------------


def elements_to_achievement(
    el: MicroCredentialElements,
    *,
    achievement_id: str,
    description: str,
    name: str | None = None,
    criteria_url: str | None = None,
    criteria_narrative: str | None = None,
    image: Image | None = None,
) -> Achievement:
    """The OB 3.0 Achievement for the specification-level elements.

    ``name`` defaults to the title (pass another only if the title is kept elsewhere);
    without ``criteria_narrative`` one is written from the outcomes and assessment (or,
    for a draft with neither, the description stands in: OB requires some criteria).
    With translations, the texts also appear as language value objects (decision 0009).
    """
    if criteria_narrative is not None:
        narrative = criteria_narrative
    else:
        narrative = "\n\n".join(p for p in _narratives(el) if p)
    if not narrative and criteria_url is None:
        narrative = description  # OB needs some criteria; a draft may have no outcomes yet
    extension = _extension(el).to_jsonld() | _language_texts(el, description)
    return Achievement(
        id=achievement_id,
        name=el.title if name is None else name,
        description=description,
        criteria=Criteria(id=criteria_url, narrative=narrative or None),
        achievement_type=MICRO_CREDENTIAL,
        credits_available=None if el.ects is None else _json_number(el.ects),
        alignment=_alignments(el) or None,
        result_description=(_result_description(el.grading_scheme),) if el.grading_scheme else None,
        in_language=el.languages[0] if el.languages else None,
        human_code=el.code,
        field_of_study=el.field_of_study,
        tag=el.keywords or None,
        image=image,
        **extension,
    )


def elements_to_credential(
    el: MicroCredentialElements,
    *,
    credential_id: str,
    achievement_id: str,
    description: str,
    criteria_url: str | None = None,
    criteria_narrative: str | None = None,
    image: Image | None = None,
    valid_until: str | None = None,
    credential_status: Mapping[str, Any] | None = None,
) -> OpenBadgeCredential:
    """A complete unsigned OpenBadgeCredential; the award-level elements must be present."""
    if el.awarding_body is None or el.date_of_issuing is None or el.learner is None:
        raise ValueError("a credential needs the awarding body, date of issuing and learner")
    achievement = elements_to_achievement(
        el,
        achievement_id=achievement_id,
        description=description,
        criteria_url=criteria_url,
        criteria_narrative=criteria_narrative,
        image=image,
    )
    subject = AchievementSubject(
        id=el.learner.id,
        identifier=el.learner.identifiers or None,
        achievement=achievement,
        result=_results(el),
    )
    return OpenBadgeCredential(
        id=credential_id,
        name=el.title,
        issuer=_profile(el.awarding_body),
        valid_from=format_datetime(el.date_of_issuing),
        valid_until=valid_until,
        credential_subject=subject,
        credential_status=dict(credential_status) if credential_status is not None else None,
    )


def criteria_text(
    el: MicroCredentialElements,
    language: Language = "en",
    outcomes: tuple[str, ...] | None = None,
) -> str:
    """A short Markdown narrative: learning outcomes, then how they are assessed."""
    outcomes_head, assessment_head = _HEADINGS[language]
    outcomes = el.learning_outcomes if outcomes is None else outcomes
    parts = []
    if outcomes:
        bullets = "\n".join(f"- {outcome}" for outcome in outcomes)
        parts.append(f"{outcomes_head}:\n{bullets}")
    if el.assessment_types or el.assessment_description:
        kinds = ", ".join(label(kind, language) for kind in el.assessment_types)
        detail = " ".join(p for p in (kinds + "." if kinds else "", el.assessment_description) if p)
        parts.append(f"{assessment_head}: {detail}")
    return "\n\n".join(parts)


_HEADINGS = {
    "en": ("Learning outcomes", "Assessment"),
    "tr": ("Öğrenme çıktıları", "Değerlendirme"),
}


def _narrative_language(code: str | None) -> Language:
    return "tr" if code == "tr" else "en"


def _narratives(el: MicroCredentialElements) -> list[str]:
    """The criteria narrative in the main language, then in each translation's.

    OB 3.0 allows only a string here, so a bilingual specification writes both in one.
    """
    main = criteria_text(el, _narrative_language(el.text_language))
    return [main] + [
        criteria_text(el, _narrative_language(t.language), t.learning_outcomes)
        for t in el.translations
        if t.learning_outcomes
    ]


def _language_texts(el: MicroCredentialElements, description: str) -> dict[str, Any]:
    """Title, description and outcomes as VC 2.0 language value objects (decision 0009).

    Only with translations: a one-language specification stays plain strings. ``name``
    and ``description`` keep the main language's string, as the OB 3.0 JSON Schema
    requires; the language values ride under the same schema.org properties' full IRIs.
    """
    if not el.translations or el.text_language is None:
        return {}
    main = el.text_language
    names = {main: el.title, **{t.language: t.title for t in el.translations}}
    descriptions = {main: description, **{t.language: t.description or "" for t in el.translations}}
    outcomes = [language_values({main: o})[0] for o in el.learning_outcomes]
    for t in el.translations:
        outcomes += [language_values({t.language: o})[0] for o in t.learning_outcomes]
    found: dict[str, Any] = {SCHEMA_ORG + "name": language_values(names)}
    if len(described := language_values(descriptions)) > 1:
        found[SCHEMA_ORG + "description"] = described
    if outcomes:
        found["learningOutcome"] = outcomes
    return found


def _extension(el: MicroCredentialElements) -> ElementsExtension:
    qa = el.quality_assurance
    return ElementsExtension(
        learning_outcome=el.learning_outcomes or None,
        workload_hours=el.workload_hours,
        assessment_type=el.assessment_types or None,
        assessment_description=el.assessment_description,
        form_of_participation=el.participation,
        quality_assurance=None
        if qa is None
        else QualityAssuranceJson(
            quality_assurance_type=qa.types,
            description=qa.description,
            quality_assurance_body=None
            if qa.body is None
            else QualityAssuranceBodyJson(id=qa.body.id, name=qa.body.name, url=qa.body.url),
        ),
        prerequisites=el.prerequisites,
        supervision=el.supervision,
        integration=el.integration,
        stackable_towards=tuple(StackTargetJson(id=t.id, name=t.name) for t in el.stackable_towards)
        or None,
        further_information=el.further_information,
        qf_ehea_cycle=el.qf_ehea_cycle,
        validity_period=el.validity_period,
        additional_language=el.languages[1:] or None,
        co_awarding_body=tuple(_profile(body) for body in el.co_awarding_bodies) or None,
    )


def _alignments(el: MicroCredentialElements) -> tuple[Alignment, ...]:
    found = []
    if el.eqf_level is not None:
        found.append(eqf_alignment(el.eqf_level))
    if el.tqf_level is not None:
        found.append(tqf_alignment(el.tqf_level))
    found.extend(esco_alignment(skill.uri, skill.label) for skill in el.esco_skills)
    return tuple(found)


def _result_description(scheme: GradingScheme) -> ResultDescription:
    return ResultDescription(
        id=scheme.id,
        name=scheme.name,
        result_type=scheme.result_type,
        allowed_value=scheme.allowed_values or None,
        value_min=scheme.value_min,
        value_max=scheme.value_max,
        required_value=scheme.required_value,
    )


def _results(el: MicroCredentialElements) -> tuple[Result, ...] | None:
    if el.grade is None:
        return None
    scheme = el.grading_scheme.id if el.grading_scheme is not None else None
    return (Result(result_description=scheme, value=el.grade),)


def _profile(body: AwardingBody) -> Profile:
    address = Address(address_country_code=body.country, address_region=body.region)
    return Profile(id=body.id, name=body.name, url=body.url, address=address)


def _json_number(value: Decimal) -> int | float:
    """ECTS as a JSON number: ``5`` stays an integer, ``2.5`` a float (exact for x.5, x.25)."""
    return int(value) if value == value.to_integral_value() else float(value)


# --- from OB ----------------------------------------------------------------------------


def elements_from_achievement(
    achievement: Achievement | Mapping[str, Any],
) -> MicroCredentialElements:
    """The specification-level elements an Achievement carries (award-level ones are empty)."""
    if not isinstance(achievement, Achievement):
        achievement = Achievement.from_jsonld(achievement)
    return MicroCredentialElements(**_achievement_fields(achievement))


def elements_from_credential(
    credential: OpenBadgeCredential | Mapping[str, Any],
) -> MicroCredentialElements:
    """All elements of an OpenBadgeCredential, award-level ones included."""
    if not isinstance(credential, OpenBadgeCredential):
        credential = OpenBadgeCredential.from_jsonld(credential)
    subject = credential.credential_subject
    fields = _achievement_fields(subject.achievement)
    fields["learner"] = LearnerIdentification(id=subject.id, identifiers=subject.identifier or ())
    fields["date_of_issuing"] = parse_datetime(credential.valid_from)
    fields["awarding_body"] = _awarding_body(credential.issuer)
    fields["grade"] = _grade(subject.result, fields.get("grading_scheme"))
    return MicroCredentialElements(**fields)


def _tagged(value: Any) -> list[tuple[str, str]]:
    """``(language, text)`` of a list of language value objects (untagged: ``""``)."""
    found = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("@value"), str):
            found.append((str(item.get("@language") or ""), item["@value"]))
    return found


def _translation_fields(achievement: Achievement, extra: dict[str, Any]) -> dict[str, Any]:
    """The main language and the translations written by :func:`_language_texts`; the
    outcomes' value objects are replaced by the main language's plain strings."""
    names = _tagged(extra.pop(SCHEMA_ORG + "name", None))
    descriptions = dict(_tagged(extra.pop(SCHEMA_ORG + "description", None)))
    main = next((lang for lang, text in names if text == achievement.name), None)
    if main is None:
        return {}
    outcomes = _tagged(extra.get("learningOutcome"))
    if outcomes:
        extra["learningOutcome"] = [text for lang, text in outcomes if lang == main]
    translations = tuple(
        Translation(
            language=lang,
            title=title,
            description=descriptions.get(lang) or None,
            learning_outcomes=tuple(text for tag, text in outcomes if tag == lang),
        )
        for lang, title in names
        if lang != main
    )
    return {"text_language": main, "translations": translations}


def _achievement_fields(achievement: Achievement) -> dict[str, Any]:
    extra = dict(achievement.model_extra or {})
    languages = _translation_fields(achievement, extra)
    ext = ElementsExtension.model_validate(extra)
    alignments = achievement.alignment or ()
    eqf = [level for a in alignments if (level := eqf_level_of(a)) is not None]
    tqf = [level for a in alignments if (level := tqf_level_of(a)) is not None]
    credits = achievement.credits_available
    main_language = (achievement.in_language,) if achievement.in_language else ()
    return {
        "title": achievement.name,
        "co_awarding_bodies": tuple(
            body for p in ext.co_awarding_body or () if (body := _awarding_body(p)) is not None
        ),
        "learning_outcomes": ext.learning_outcome or (),
        "ects": None if credits is None else Decimal(str(credits)),
        "workload_hours": ext.workload_hours,
        "eqf_level": eqf[0] if eqf else None,
        "tqf_level": tqf[0] if tqf else None,
        "qf_ehea_cycle": ext.qf_ehea_cycle,
        "assessment_types": ext.assessment_type or (),
        "assessment_description": ext.assessment_description,
        "participation": ext.form_of_participation,
        "quality_assurance": _quality_assurance(ext.quality_assurance),
        "prerequisites": ext.prerequisites,
        "supervision": ext.supervision,
        "grading_scheme": _grading_scheme(achievement.result_description),
        "integration": ext.integration,
        "stackable_towards": tuple(
            StackTarget(id=t.id, name=t.name) for t in ext.stackable_towards or ()
        ),
        "further_information": ext.further_information,
        "languages": main_language + (ext.additional_language or ()),
        "validity_period": ext.validity_period,
        "esco_skills": tuple(
            EscoSkill(uri=a.target_url, label=a.target_name) for a in alignments if is_esco_skill(a)
        ),
        "code": achievement.human_code,
        "field_of_study": achievement.field_of_study,
        "keywords": achievement.tag or (),
        **languages,
    }


def _quality_assurance(qa: QualityAssuranceJson | None) -> QualityAssurance | None:
    if qa is None:
        return None
    body = qa.quality_assurance_body
    return QualityAssurance(
        types=qa.quality_assurance_type,
        description=qa.description,
        body=None
        if body is None
        else QualityAssuranceBody(id=body.id, name=body.name, url=body.url),
    )


def _grading_scheme(descriptions: tuple[ResultDescription, ...] | None) -> GradingScheme | None:
    if not descriptions:
        return None
    first = descriptions[0]
    return GradingScheme(
        id=first.id,
        name=first.name,
        result_type=first.result_type,
        allowed_values=first.allowed_value or (),
        value_min=first.value_min,
        value_max=first.value_max,
        required_value=first.required_value,
    )


def _grade(results: tuple[Result, ...] | None, scheme: GradingScheme | None) -> str | None:
    for result in results or ():
        if result.value is not None and (scheme is None or result.result_description == scheme.id):
            return result.value
    return None


def _awarding_body(profile: Profile) -> AwardingBody | None:
    """The issuer as an awarding body; ``None`` when its country code is missing."""
    address = profile.address
    if address is None or address.address_country_code is None or profile.name is None:
        return None
    return AwardingBody(
        id=profile.id,
        name=profile.name,
        country=address.address_country_code,
        region=address.address_region,
        url=profile.url,
    )
