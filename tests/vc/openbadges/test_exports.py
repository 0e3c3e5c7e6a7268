"""The public surface of ``microcred.vc.openbadges`` changes only on purpose."""

from __future__ import annotations

import microcred.vc.openbadges as openbadges

EXPORTED = {
    "CLR_CONTEXTS", "CLR_V2_CONTEXT", "ELEMENTS_CONTEXT_URL", "OB_CONTEXTS", "OB_V3_CONTEXT",
    "VC_V2_CONTEXT", "Achievement", "AchievementCredential", "AchievementSubject", "Address",
    "Alignment", "Association", "ClrCredential", "ClrSubject", "Criteria",
    "EndorsementCredential", "EndorsementSubject", "Evidence", "GeoCoordinates",
    "IdentifierEntry", "IdentityObject", "Image", "OpenBadgeCredential", "Profile", "Related",
    "Result", "ResultDescription", "RubricCriterionLevel", "SchemaIssue", "context_resources",
    "credential_context", "endorsement_credential",
    "identity_hash", "identity_matches", "identity_object", "normalise_email",
    "validate_credential", "validate_or_raise",
}  # fmt: skip


def test_exported_names() -> None:
    assert set(openbadges.__all__) == EXPORTED
    assert all(getattr(openbadges, name, None) is not None for name in EXPORTED)


def test_every_exported_class_and_function_is_documented() -> None:
    for name in openbadges.__all__:
        member = getattr(openbadges, name)
        if callable(member):
            assert member.__doc__, name
            assert "A base class for creating Pydantic models" not in member.__doc__, name
