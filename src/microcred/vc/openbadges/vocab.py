"""OB 3.0's enumerated vocabularies. "Extensible" ones also accept ``ext:``-prefixed terms."""

from __future__ import annotations

import re

ACHIEVEMENT_TYPES = frozenset(
    {
        "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment",
        "AssociateDegree", "Award", "Badge", "BachelorDegree", "Certificate",
        "CertificateOfCompletion", "Certification", "CommunityService", "Competency", "Course",
        "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork",
        "GeneralEducationDevelopment", "JourneymanCertificate", "LearningProgram", "License",
        "Membership", "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate",
        "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
    }
)  # fmt: skip
ALIGNMENT_TARGET_TYPES = frozenset(
    {"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion",
     "CFRubricCriterionLevel", "CTDL"}
)  # fmt: skip
RESULT_TYPES = frozenset(
    {"GradePointAverage", "LetterGrade", "Percent", "PerformanceLevel", "PredictedScore",
     "RawScore", "Result", "RubricCriterion", "RubricCriterionLevel", "RubricScore",
     "ScaledScore", "Status"}
)  # fmt: skip
RESULT_STATUSES = frozenset(
    {"Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Provisional", "Withdrew"}
)
IDENTIFIER_TYPES = frozenset(
    {"name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
     "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId",
     "sisSourcedId", "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId",
     "ltiUserId", "identifier"}
)  # fmt: skip
ASSOCIATION_TYPES = frozenset(
    {"exactMatchOf", "isChildOf", "isParentOf", "isPartOf", "isPeerOf", "isRelatedTo",
     "precedes", "replacedBy"}
)  # fmt: skip

EXTENSION_TERM = re.compile(r"ext:[A-Za-z0-9.\-_]+\Z")
LANGUAGE_CODE = r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"


def check_extensible(value: str, known: frozenset[str], what: str) -> str:
    """A value of an extensible enumeration: a listed term or ``ext:Something``."""
    if value in known or EXTENSION_TERM.match(value):
        return value
    raise ValueError(f"{value!r} is not an OB 3.0 {what} (nor an 'ext:' extension)")
