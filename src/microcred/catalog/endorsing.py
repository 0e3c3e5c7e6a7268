"""The approval as a credential: the QA body's signed OB 3.0 EndorsementCredential.

Signed with the QA body's own key (its did:web), about the achievement's ``id``, so the
approval travels inside every credential issued from the version and anyone can check it
offline with the QA body's DID document — not the provider's word for it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from microcred.catalog.models import SpecificationVersion
from microcred.catalog.services import achievement_id
from microcred.organizations import deployment
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.profiles import profile_for
from microcred.vc import issue_credential
from microcred.vc.openbadges import endorsement_credential


def subject_id(version: SpecificationVersion) -> str:
    """The achievement ``id`` every credential from ``version`` names (the endorsed object)."""
    return achievement_id(version, base_url=deployment.public_base_url())


def sign_endorsement(
    version: SpecificationVersion, qa_body: Organization, *, comment: str, at: datetime
) -> dict[str, Any]:
    """The signed endorsement of ``version`` by ``qa_body`` (verified before it is returned)."""
    with signer_for(qa_body) as signer:
        unsigned = endorsement_credential(
            credential_id=f"urn:uuid:{uuid.uuid4()}",
            issuer=profile_for(qa_body, signer.did),
            subject_id=subject_id(version),
            name=f"Quality-assurance approval: {version.title} (version {version.number})",
            valid_from=at,
            comment=comment,
        )
        signed = issue_credential(
            unsigned,
            key=signer.key,
            verification_method=signer.verification_method,
            now=at,
            documents=signer.documents,
        )
    assert isinstance(signed, dict)
    return signed
