"""Does this credential belong to the person with this e-mail address?

Credentials carry only a salted hash of the learner's address (OB 3.0 ``IdentityObject``),
so an employer who knows the candidate's address can check it, and nobody can read the
address out of the credential. The answer is yes or no, nothing more: which identifier
matched and the salt stay unsaid. Nothing typed is stored.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from microcred.vc.openbadges import IdentityObject, identity_matches


def holder_matches(credential: Any, email: str) -> bool | None:
    """True or False; None when the credential names no e-mail identity to check against."""
    identities = list(_email_identities(credential))
    if not identities:
        return None
    found = False
    for identity in identities:  # no early exit: every identity costs the same
        found |= identity_matches(identity, email)
    return found


def _email_identities(credential: Any) -> list[IdentityObject]:
    if not isinstance(credential, dict):
        return []
    subjects = credential.get("credentialSubject")
    if isinstance(subjects, dict):
        subjects = [subjects]
    found: list[IdentityObject] = []
    for subject in subjects if isinstance(subjects, list) else []:
        identifiers = subject.get("identifier") if isinstance(subject, dict) else None
        for raw in identifiers if isinstance(identifiers, list) else []:
            if isinstance(raw, dict) and raw.get("identityType") == "emailAddress":
                try:
                    found.append(IdentityObject.model_validate(raw))
                except ValidationError:
                    continue
    return found


__all__ = ["holder_matches"]
