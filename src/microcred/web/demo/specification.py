"""The demo micro-credential: every EU element filled in, as a Turkish university would."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

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
    SupervisionType,
)

ESCO = "http://data.europa.eu/esco/skill/"


def demo_elements(*, issuer_did: str, name: str, base_url: str) -> MicroCredentialElements:
    """A data-literacy micro-credential; the learner is filled in per award, not here."""
    return MicroCredentialElements(
        learner=LearnerIdentification(id="urn:example:learner"),
        title="Veri Okuryazarlığı / Data Literacy",
        awarding_body=AwardingBody(id=issuer_did, name=name, country="TR", url=base_url),
        date_of_issuing=datetime(2026, 6, 1, 9, 30, tzinfo=UTC),
        learning_outcomes=(
            "Interprets statistical charts and tables critically.",
            "Cleans and documents a small data set.",
            "Presents a data-based argument to a non-specialist audience.",
        ),
        ects=Decimal("2.5"),
        workload_hours=70,
        eqf_level=6,
        tqf_level=6,
        qf_ehea_cycle=QfEheaCycle.FIRST,
        assessment_types=(AssessmentType.PROJECT, AssessmentType.ORAL_EXAM),
        assessment_description="A data project defended in a 15-minute oral examination.",
        participation=ParticipationForm.BLENDED,
        quality_assurance=QualityAssurance(
            types=(QualityAssuranceType.EXTERNAL,),
            description="Offered under the university's externally reviewed QA system.",
            body=QualityAssuranceBody(name="YÖKAK", url="https://www.yokak.gov.tr"),
        ),
        prerequisites="Basic spreadsheet skills.",
        supervision=SupervisionType.SUPERVISED_WITH_ID_CHECK,
        grading_scheme=GradingScheme(
            id=f"{base_url}/grading/letter",
            name="Letter grade",
            allowed_values=("FF", "DD", "DC", "CC", "CB", "BB", "BA", "AA"),  # low to high (OB 3.0)
            required_value="DD",
        ),
        integration=IntegrationOption.STACKABLE,
        further_information="Part of the Digital Education certificate programme.",
        languages=("tr", "en"),
        validity_period="P5Y",
        esco_skills=(
            EscoSkill(
                uri=f"{ESCO}2b92a5b2-6758-4ee3-9fb4-b6387a55cc8f", label="perform data analysis"
            ),
            EscoSkill(uri=f"{ESCO}d0f2f8a7-d935-4a6d-8e54-dcc3e5e2cbeb", label="present reports"),
        ),
    )
