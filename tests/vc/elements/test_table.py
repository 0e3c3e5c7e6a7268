"""The Annex I table: 11 mandatory + 5 optional, labelled in English and Turkish."""

from __future__ import annotations

from typing import Any

from microcred.vc.elements import (
    MANDATORY_ELEMENTS,
    OPTIONAL_ELEMENTS,
    AssessmentType,
    IntegrationOption,
    MicroCredentialElements,
    ParticipationForm,
    QfEheaCycle,
    QualityAssuranceType,
    SupervisionType,
    label,
    missing_mandatory,
)


def test_sixteen_elements_with_unique_codes_and_two_labels() -> None:
    assert len(MANDATORY_ELEMENTS) == 11
    assert len(OPTIONAL_ELEMENTS) == 5
    everything = MANDATORY_ELEMENTS + OPTIONAL_ELEMENTS
    assert len({e.code for e in everything}) == 16
    assert all(e.mandatory for e in MANDATORY_ELEMENTS)
    assert not any(e.mandatory for e in OPTIONAL_ELEMENTS)
    assert all(e.label_en and e.label_tr and e.label_en != e.label_tr for e in everything)
    # "mikrokredi" means microfinance in Turkish: the table says "mikro-yeterlilik"
    assert not any(
        "mikro" in e.label_tr.lower() and "kredi" in e.label_tr.lower() for e in everything
    )
    assert "Mikro-yeterliliğin" in MANDATORY_ELEMENTS[1].label_tr


def test_complete_elements_miss_nothing(elements: MicroCredentialElements) -> None:
    assert missing_mandatory(elements) == []


def test_an_empty_draft_misses_everything_but_the_title() -> None:
    draft = MicroCredentialElements(title="Draft")
    expected = [e.code for e in MANDATORY_ELEMENTS if e.code != "title"]
    assert missing_mandatory(draft) == expected
    spec_expected = [c for c in expected if c not in {"learner", "date_of_issuing"}]
    assert missing_mandatory(draft, for_specification=True) == spec_expected


def test_each_element_is_detected(elements: MicroCredentialElements) -> None:
    removals: dict[str, dict[str, Any]] = {
        "learner": {"learner": None},
        "awarding_body": {"awarding_body": None},
        "date_of_issuing": {"date_of_issuing": None},
        "learning_outcomes": {"learning_outcomes": ()},
        "assessment_type": {"assessment_types": ()},
        "participation": {"participation": None},
        "quality_assurance": {"quality_assurance": None},
    }
    for code, update in removals.items():
        missing = missing_mandatory(elements.model_copy(update=update))
        assert code in missing, code
    workload = elements.model_copy(update={"ects": None, "workload_hours": None})
    assert missing_mandatory(workload) == ["workload"]
    assert missing_mandatory(elements.model_copy(update={"ects": None})) == []
    level = elements.model_copy(update={"eqf_level": None, "tqf_level": None})
    assert missing_mandatory(level) == ["level"]
    assert missing_mandatory(elements.model_copy(update={"eqf_level": None})) == []


def test_every_controlled_value_has_both_labels() -> None:
    for enum in (AssessmentType, ParticipationForm, SupervisionType, QualityAssuranceType,
                 IntegrationOption, QfEheaCycle):  # fmt: skip
        for value in enum:
            assert label(value)
            assert label(value, "tr")
            assert label(value) != label(value, "tr") or value is AssessmentType.PROJECT
    assert label(ParticipationForm.ON_SITE, "tr") == "yüz yüze"
