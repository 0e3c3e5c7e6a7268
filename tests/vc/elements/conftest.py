"""A micro-credential with every element and descriptor filled in (Turkish HE example)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from microcred.vc.elements import (
    AssessmentType,
    AwardingBody,
    EscoSkill,
    GradingScheme,
    IntegrationOption,
    LearnerIdentification,
    MicroCredentialElements,
    ParticipationForm,
    QfEheaCycle,
    QualityAssurance,
    QualityAssuranceBody,
    QualityAssuranceType,
    StackTarget,
    SupervisionType,
)
from microcred.vc.openbadges import identity_object

ISSUER = "did:web:mc.example.edu.tr:issuers:ege"
BASE = "https://mc.example.edu.tr"


def full_elements() -> MicroCredentialElements:
    return MicroCredentialElements(
        learner=LearnerIdentification(
            id="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            identifiers=(identity_object("ayse@example.org", salt="s4lt"),),
        ),
        title="Veri Okuryazarlığı / Data Literacy",
        awarding_body=AwardingBody(
            id=ISSUER, name="Ege Üniversitesi", country="TR", region="TR-35", url=BASE
        ),
        co_awarding_bodies=(
            AwardingBody(id="did:web:uni.example.de", name="Beispiel-Universität", country="DE"),
        ),
        date_of_issuing=datetime(2026, 6, 1, 9, 30, tzinfo=UTC),
        learning_outcomes=("Reads statistical charts critically.", "Cleans a small data set."),
        ects=Decimal("2.5"),
        workload_hours=70,
        eqf_level=6,
        tqf_level=6,
        qf_ehea_cycle=QfEheaCycle.FIRST,
        assessment_types=(AssessmentType.PROJECT, AssessmentType.ORAL_EXAM),
        assessment_description="A data project defended in a 15-minute oral exam.",
        participation=ParticipationForm.ON_SITE,
        quality_assurance=QualityAssurance(
            types=(QualityAssuranceType.EXTERNAL, QualityAssuranceType.ACCREDITED_PROGRAMME),
            description="Programme accredited under the THEQC institutional framework.",
            body=QualityAssuranceBody(
                name="YÖKAK", id="https://www.yokak.gov.tr/#org", url="https://www.yokak.gov.tr"
            ),
        ),
        prerequisites="Basic spreadsheet skills.",
        supervision=SupervisionType.SUPERVISED_WITH_ID_CHECK,
        grading_scheme=GradingScheme(
            id=f"{BASE}/grading/letter",
            name="Letter grade",
            allowed_values=("FF", "DD", "DC", "CC", "CB", "BB", "BA", "AA"),  # low to high (OB 3.0)
            required_value="DD",
        ),
        grade="BA",
        integration=IntegrationOption.STACKABLE,
        stackable_towards=(
            StackTarget(id=f"{BASE}/programmes/digital-education", name="Digital Education"),
        ),
        further_information="Offered with the Digital Education programme.",
        languages=("tr", "en", "de"),
        validity_period="P5Y",
        esco_skills=(
            EscoSkill(
                uri="http://data.europa.eu/esco/skill/aeecc330-0be9-419f-bddb-5218de926004",
                label="analyse data",
            ),
            EscoSkill(
                uri="http://data.europa.eu/esco/skill/3a1a3ab4-8d48-4c3f-8a1b-0f6b1e6d8e20",
                label="present reports",
            ),
        ),
        code="DL-101",
        field_of_study="Education",
        keywords=("data literacy", "teacher education"),
    )


@pytest.fixture
def elements() -> MicroCredentialElements:
    return full_elements()
