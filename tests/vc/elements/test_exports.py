"""The public surface of ``microcred.vc.elements`` changes only on purpose."""

from __future__ import annotations

from typing import get_origin

import microcred.vc.elements as elements

EXPORTED = {
    "ECTS_HOURS", "ELEMENTS_CONTEXT_URL", "EQF_URI", "ESCO_SKILL_PREFIX", "MANDATORY_ELEMENTS",
    "OPTIONAL_ELEMENTS", "TQF_URI", "AssessmentType", "AwardingBody", "ElementInfo",
    "EscoSkill", "GradingScheme", "IntegrationOption", "LearnerIdentification",
    "MicroCredentialElements",
    "ParticipationForm", "QfEheaCycle", "QualityAssurance", "QualityAssuranceBody",
    "QualityAssuranceType", "StackTarget", "SupervisionType", "Translation",
    "WorkloadConsistency",
    "criteria_text", "elements_from_achievement", "elements_from_credential",
    "elements_to_achievement", "elements_to_credential", "eqf_alignment", "esco_alignment",
    "label", "missing_mandatory", "tqf_alignment", "workload_consistency",
    "GradeProblem", "SchemeProblem", "grade_problem", "is_numeric", "number",
    "scheme_problems", "valid_until", "Language",
}  # fmt: skip


def test_exported_names() -> None:
    assert set(elements.__all__) == EXPORTED
    assert all(getattr(elements, name, None) is not None for name in EXPORTED)


def test_every_exported_class_and_function_is_documented() -> None:
    for name in elements.__all__:
        member = getattr(elements, name)
        if callable(member) and get_origin(member) is None:  # a Literal alias has no docstring
            assert member.__doc__, name
            assert not member.__doc__.startswith("An enumeration"), name
