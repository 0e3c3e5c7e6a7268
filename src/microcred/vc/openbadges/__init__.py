"""Open Badges 3.0 and CLR 2.0: models, IdentityObject hashing and JSON Schema validation.

Models are frozen pydantic classes whose ``to_jsonld()`` writes the camelCase JSON-LD the
spec shows and whose ``from_jsonld()`` reads it back unchanged (``x == from(to(x))`` and,
for a document, ``to(from(doc)) == doc``), so a signed credential can be inspected through
them without disturbing its signature.
"""

from microcred.vc.openbadges.achievement import (
    Achievement,
    Alignment,
    Criteria,
    Related,
    ResultDescription,
    RubricCriterionLevel,
)
from microcred.vc.openbadges.clr import Association, ClrCredential, ClrSubject
from microcred.vc.openbadges.contexts import (
    CLR_CONTEXTS,
    CLR_V2_CONTEXT,
    ELEMENTS_CONTEXT_URL,
    OB_CONTEXTS,
    OB_V3_CONTEXT,
    VC_V2_CONTEXT,
    context_resources,
    credential_context,
)
from microcred.vc.openbadges.credential import (
    AchievementCredential,
    EndorsementCredential,
    EndorsementSubject,
    OpenBadgeCredential,
)
from microcred.vc.openbadges.endorsement import endorsement_credential
from microcred.vc.openbadges.identity import (
    identity_hash,
    identity_matches,
    identity_object,
    normalise_email,
)
from microcred.vc.openbadges.profile import Address, GeoCoordinates, IdentifierEntry, Image, Profile
from microcred.vc.openbadges.subject import AchievementSubject, Evidence, IdentityObject, Result
from microcred.vc.openbadges.validation import SchemaIssue, validate_credential, validate_or_raise

__all__ = [
    "CLR_CONTEXTS",
    "CLR_V2_CONTEXT",
    "ELEMENTS_CONTEXT_URL",
    "OB_CONTEXTS",
    "OB_V3_CONTEXT",
    "VC_V2_CONTEXT",
    "Achievement",
    "AchievementCredential",
    "AchievementSubject",
    "Address",
    "Alignment",
    "Association",
    "ClrCredential",
    "ClrSubject",
    "Criteria",
    "EndorsementCredential",
    "EndorsementSubject",
    "Evidence",
    "GeoCoordinates",
    "IdentifierEntry",
    "IdentityObject",
    "Image",
    "OpenBadgeCredential",
    "Profile",
    "Related",
    "Result",
    "ResultDescription",
    "RubricCriterionLevel",
    "SchemaIssue",
    "context_resources",
    "credential_context",
    "endorsement_credential",
    "identity_hash",
    "identity_matches",
    "identity_object",
    "normalise_email",
    "validate_credential",
    "validate_or_raise",
]
