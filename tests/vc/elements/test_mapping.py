"""Elements ↔ OB 3.0: nothing lost, native OB fields used wherever OB has them."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from microcred.vc.elements import (
    ELEMENTS_CONTEXT_URL,
    AssessmentType,
    MicroCredentialElements,
    criteria_text,
    elements_from_achievement,
    elements_from_credential,
    elements_to_achievement,
    elements_to_credential,
)
from microcred.vc.openbadges import (
    OB_CONTEXTS,
    Image,
    OpenBadgeCredential,
    identity_matches,
    validate_credential,
)
from microcred.vc.openbadges.contexts import elements_terms

from .conftest import BASE, ISSUER, full_elements


def _credential(el: MicroCredentialElements, **kwargs: Any) -> OpenBadgeCredential:
    return elements_to_credential(
        el,
        credential_id="urn:uuid:0b6c1f0e-3f43-4a8e-9d51-2a4c8d0f7e11",
        achievement_id=f"{BASE}/achievements/data-literacy",
        description="Reading, cleaning and presenting data.",
        **kwargs,
    )


def test_all_sixteen_elements_round_trip_through_json_text(
    elements: MicroCredentialElements,
) -> None:
    text = json.dumps(_credential(elements).to_jsonld(), ensure_ascii=False)
    parsed = OpenBadgeCredential.from_jsonld(json.loads(text))
    assert elements_from_credential(parsed) == elements
    assert elements_from_credential(json.loads(text)) == elements  # from a plain dict too


def test_round_trip_of_a_minimal_specification() -> None:
    minimal = MicroCredentialElements(title="Short course")
    achievement = elements_to_achievement(minimal, achievement_id="urn:uuid:a", description="d")
    assert elements_from_achievement(achievement) == minimal
    assert elements_from_achievement(achievement.to_jsonld()) == minimal


def test_specification_round_trip_leaves_award_elements_empty(
    elements: MicroCredentialElements,
) -> None:
    achievement = elements_to_achievement(elements, achievement_id="urn:uuid:a", description="d")
    spec = elements_from_achievement(achievement.to_jsonld())
    award_only = {"learner", "awarding_body", "date_of_issuing", "grade"}
    assert spec.model_dump(exclude=award_only) == elements.model_dump(exclude=award_only)
    assert (spec.learner, spec.awarding_body, spec.date_of_issuing, spec.grade) == (None,) * 4


def test_the_credential_is_a_valid_ob_credential(elements: MicroCredentialElements) -> None:
    document = _credential(elements).to_jsonld()
    assert validate_credential(document) == []
    assert document["@context"] == [*OB_CONTEXTS, ELEMENTS_CONTEXT_URL]


def test_native_ob_fields_carry_what_ob_can_say(elements: MicroCredentialElements) -> None:
    document = _credential(elements).to_jsonld()
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["name"] == document["name"] == elements.title
    assert achievement["creditsAvailable"] == 2.5
    assert achievement["inLanguage"] == "tr"
    assert achievement["humanCode"] == "DL-101"
    assert achievement["fieldOfStudy"] == "Education"
    assert achievement["tag"] == ["data literacy", "teacher education"]
    frameworks = {a["targetFramework"]: a for a in achievement["alignment"]}
    assert frameworks["EQF"]["targetUrl"] == "http://data.europa.eu/snb/eqf/6"
    assert frameworks["TQF"]["targetUrl"] == "https://contexts.microcred.eu/tqf/6"
    esco = [a for a in achievement["alignment"] if a["targetFramework"] == "ESCO"]
    assert [a["targetType"] for a in esco] == ["ceasn:Competency"] * 2
    assert achievement["resultDescription"][0]["allowedValue"][-1] == "AA"  # low to high
    assert achievement["resultDescription"][0]["requiredValue"] == "DD"
    assert document["issuer"]["address"] == {
        "type": ["Address"], "addressCountryCode": "TR", "addressRegion": "TR-35",
    }  # fmt: skip
    assert document["issuer"]["id"] == ISSUER
    assert document["validFrom"] == "2026-06-01T09:30:00Z"
    subject = document["credentialSubject"]
    assert subject["result"] == [
        {"type": ["Result"], "resultDescription": f"{BASE}/grading/letter", "value": "BA"}
    ]
    assert identity_matches(
        OpenBadgeCredential.from_jsonld(document).credential_subject.identifier[0],  # type: ignore[index]
        "ayse@example.org",
    )


def test_only_what_ob_cannot_say_uses_our_terms(elements: MicroCredentialElements) -> None:
    achievement = _credential(elements).to_jsonld()["credentialSubject"]["achievement"]
    ours = set(achievement) & elements_terms()
    assert ours == elements_terms()  # the full example uses every term once
    assert achievement["workloadHours"] == 70
    assert achievement["qfEheaCycle"] == "firstCycle"
    assert achievement["additionalLanguage"] == ["en", "de"]
    assert achievement["coAwardingBody"][0]["address"]["addressCountryCode"] == "DE"


def test_without_eu_elements_the_credential_is_plain_ob() -> None:
    plain = MicroCredentialElements(
        title="Teamwork",
        awarding_body=full_elements().awarding_body,
        learner=full_elements().learner,
        date_of_issuing=full_elements().date_of_issuing,
        ects=Decimal(1),
        eqf_level=4,
    )
    document = _credential(plain).to_jsonld()
    assert document["@context"] == list(OB_CONTEXTS)
    assert not set(document["credentialSubject"]["achievement"]) & elements_terms()
    assert document["credentialSubject"]["achievement"]["creditsAvailable"] == 1
    assert isinstance(document["credentialSubject"]["achievement"]["creditsAvailable"], int)
    assert elements_from_credential(document) == plain


def test_criteria_narrative_for_people(elements: MicroCredentialElements) -> None:
    achievement = elements_to_achievement(elements, achievement_id="urn:uuid:a", description="d")
    narrative = achievement.criteria.narrative
    assert narrative == criteria_text(elements)
    assert narrative is not None
    assert "- Reads statistical charts critically." in narrative
    assert "project, oral examination." in narrative
    assert "Değerlendirme: proje, sözlü sınav." in criteria_text(elements, "tr")
    custom = elements_to_achievement(
        elements,
        achievement_id="urn:uuid:a",
        description="d",
        criteria_url=f"{BASE}/criteria",
        criteria_narrative="See the course page.",
        image=Image(id=f"{BASE}/badge.png"),
    )
    assert custom.criteria.narrative == "See the course page."
    assert custom.criteria.id == f"{BASE}/criteria"
    assert elements_from_achievement(custom).assessment_types == (
        AssessmentType.PROJECT,
        AssessmentType.ORAL_EXAM,
    )


def test_a_credential_needs_the_award_elements(elements: MicroCredentialElements) -> None:
    for missing in ("learner", "awarding_body", "date_of_issuing"):
        incomplete = elements.model_copy(update={missing: None})
        with pytest.raises(ValueError, match="awarding body, date of issuing and learner"):
            _credential(incomplete)


def test_status_and_expiry_are_passed_through(elements: MicroCredentialElements) -> None:
    status = {
        "id": "https://mc.example.edu.tr/status/1#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://mc.example.edu.tr/status/1",
    }
    document = _credential(
        elements, credential_status=status, valid_until="2031-06-01T09:30:00Z"
    ).to_jsonld()
    assert document["credentialStatus"] == status
    assert document["validUntil"] == "2031-06-01T09:30:00Z"
    assert validate_credential(document) == []


def test_foreign_alignments_and_results_are_ignored(elements: MicroCredentialElements) -> None:
    document = _credential(elements).to_jsonld()
    achievement = document["credentialSubject"]["achievement"]
    achievement["alignment"].append(
        {"type": ["Alignment"], "targetName": "CASE item", "targetUrl": "https://case.example/1"}
    )
    document["credentialSubject"]["result"].insert(
        0, {"type": ["Result"], "resultDescription": "urn:other", "value": "pass"}
    )
    assert elements_from_credential(document) == elements


def test_issuer_without_country_is_no_awarding_body() -> None:
    document: dict[str, Any] = _credential(full_elements()).to_jsonld()
    del document["issuer"]["address"]
    assert elements_from_credential(document).awarding_body is None
