"""Test data for the trust core and its users: a realistic unsigned OB 3.0 micro-credential
carrying all 16 EU elements.

Benchmarks and tests share it so that "a credential" means the same thing everywhere:
about 3 KB of JSON, ~78 RDF quads, several blank nodes (alignments, criteria, address,
result, identity object, quality assurance). It is deterministic: the same arguments give
byte-identical JSON (fixed salt and ids), so timings and signatures are comparable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from microcred.vc.openbadges.identity import identity_object

SAMPLE_ISSUED = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


def sample_credential(
    *,
    issuer: str,
    learner: str = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    email: str = "ayse.yilmaz@example.org",
    credential_id: str = "urn:uuid:3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15",
    issued: datetime = SAMPLE_ISSUED,
) -> dict[str, Any]:
    """The credential's JSON-LD (no proof); ``issuer`` is a did:key or did:web."""
    from microcred.vc.elements import (  # the elements package builds on this one
        AssessmentType,
        AwardingBody,
        EscoSkill,
        GradingScheme,
        IntegrationOption,
        LearnerIdentification,
        MicroCredentialElements,
        ParticipationForm,
        QualityAssurance,
        QualityAssuranceBody,
        QualityAssuranceType,
        StackTarget,
        SupervisionType,
        elements_to_credential,
    )

    base = "https://mc.example.edu.tr"
    elements = MicroCredentialElements(
        learner=LearnerIdentification(
            id=learner, identifiers=(identity_object(email, salt="c0ffee42"),)
        ),
        title="Data Literacy for Teachers",
        awarding_body=AwardingBody(
            id=issuer, name="Ege University", country="TR", region="TR-35", url=base
        ),
        date_of_issuing=issued,
        learning_outcomes=(
            "Reads and critically questions statistical charts and tables.",
            "Cleans and summarises a small data set with a spreadsheet.",
            "Presents data-based evidence to students and colleagues.",
        ),
        ects=Decimal(5),
        workload_hours=140,
        eqf_level=6,
        tqf_level=6,
        assessment_types=(AssessmentType.PROJECT, AssessmentType.ONLINE_TEST),
        participation=ParticipationForm.BLENDED,
        quality_assurance=QualityAssurance(
            types=(QualityAssuranceType.INTERNAL, QualityAssuranceType.ACCREDITED_PROVIDER),
            body=QualityAssuranceBody(name="YÖKAK", url="https://www.yokak.gov.tr"),
        ),
        prerequisites="A bachelor's degree; basic spreadsheet skills.",
        supervision=SupervisionType.SUPERVISED_WITH_ID_CHECK,
        grading_scheme=GradingScheme(
            id=f"{base}/grading/percent",
            name="Final score (0-100)",
            result_type="Percent",
            value_min="0",
            value_max="100",
        ),
        grade="87",
        integration=IntegrationOption.STACKABLE,
        stackable_towards=(StackTarget(id=f"{base}/programmes/digital-education"),),
        further_information="Part of the Digital Education certificate programme.",
        languages=("tr", "en"),
        esco_skills=(
            EscoSkill(
                uri="http://data.europa.eu/esco/skill/aeecc330-0be9-419f-bddb-5218de926004",
                label="analyse data",
            ),
        ),
    )
    credential = elements_to_credential(
        elements,
        credential_id=credential_id,
        achievement_id=f"{base}/achievements/data-literacy",
        description="Teachers learn to read, question and present data in the classroom.",
    )
    return credential.to_jsonld()
