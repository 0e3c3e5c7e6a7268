"""The EU standard elements of a micro-credential and their place in an OB 3.0 credential.

``MicroCredentialElements`` holds the 11 mandatory and 5 optional elements of the Council
Recommendation of 16 June 2022 (Annex I), EQF/TQF levels and ECTS workload;
``elements_to_credential`` / ``elements_from_credential`` map them onto OB 3.0 (native
fields first, our versioned extension context ``ELEMENTS_CONTEXT_URL`` for the rest).
"""

from microcred.vc.elements.frameworks import (
    EQF_URI,
    ESCO_SKILL_PREFIX,
    TQF_URI,
    eqf_alignment,
    esco_alignment,
    tqf_alignment,
)
from microcred.vc.elements.grading import (
    GradeProblem,
    SchemeProblem,
    grade_problem,
    is_numeric,
    number,
    scheme_problems,
)
from microcred.vc.elements.mapping import (
    criteria_text,
    elements_from_achievement,
    elements_from_credential,
    elements_to_achievement,
    elements_to_credential,
)
from microcred.vc.elements.model import (
    ECTS_HOURS,
    AwardingBody,
    EscoSkill,
    GradingScheme,
    LearnerIdentification,
    MicroCredentialElements,
    QualityAssurance,
    QualityAssuranceBody,
    StackTarget,
    Translation,
    WorkloadConsistency,
    workload_consistency,
)
from microcred.vc.elements.table import (
    MANDATORY_ELEMENTS,
    OPTIONAL_ELEMENTS,
    ElementInfo,
    missing_mandatory,
)
from microcred.vc.elements.validity import valid_until
from microcred.vc.elements.vocab import (
    AssessmentType,
    IntegrationOption,
    Language,
    ParticipationForm,
    QfEheaCycle,
    QualityAssuranceType,
    SupervisionType,
    label,
)
from microcred.vc.openbadges.contexts import ELEMENTS_CONTEXT_URL

__all__ = [
    "ECTS_HOURS",
    "ELEMENTS_CONTEXT_URL",
    "EQF_URI",
    "ESCO_SKILL_PREFIX",
    "MANDATORY_ELEMENTS",
    "OPTIONAL_ELEMENTS",
    "TQF_URI",
    "AssessmentType",
    "AwardingBody",
    "ElementInfo",
    "EscoSkill",
    "GradeProblem",
    "GradingScheme",
    "IntegrationOption",
    "Language",
    "LearnerIdentification",
    "MicroCredentialElements",
    "ParticipationForm",
    "QfEheaCycle",
    "QualityAssurance",
    "QualityAssuranceBody",
    "QualityAssuranceType",
    "SchemeProblem",
    "StackTarget",
    "SupervisionType",
    "Translation",
    "WorkloadConsistency",
    "criteria_text",
    "elements_from_achievement",
    "elements_from_credential",
    "elements_to_achievement",
    "elements_to_credential",
    "eqf_alignment",
    "esco_alignment",
    "grade_problem",
    "is_numeric",
    "label",
    "missing_mandatory",
    "number",
    "scheme_problems",
    "tqf_alignment",
    "valid_until",
    "workload_consistency",
]
