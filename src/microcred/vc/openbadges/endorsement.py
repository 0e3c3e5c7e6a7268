"""The unsigned OB 3.0 ``EndorsementCredential`` a third party signs about an object.

Built with exactly the OB 3.0 context pair as its own ``@context``: the OB 3.0 schema
requires one on every EndorsementCredential, and this pair is a prefix of the context list
of any OB 3.0 credential that embeds it, which is the one form of embedded context the
verifier accepts (decision 0007).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from microcred.vc.dates import format_datetime
from microcred.vc.openbadges.contexts import OB_CONTEXTS
from microcred.vc.openbadges.credential import EndorsementCredential


def endorsement_credential(
    *,
    credential_id: str,
    issuer: dict[str, Any],
    subject_id: str,
    name: str,
    valid_from: datetime,
    comment: str = "",
) -> dict[str, Any]:
    """The endorsement of ``subject_id`` (an achievement's, profile's or credential's id)
    by ``issuer`` (an OB 3.0 ``Profile`` whose ``id`` is the signer's DID), validated."""
    subject: dict[str, Any] = {"id": subject_id, "type": ["EndorsementSubject"]}
    if comment.strip():
        subject["endorsementComment"] = comment.strip()
    document: dict[str, Any] = {
        "@context": list(OB_CONTEXTS),
        "id": credential_id,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": subject,
    }
    return EndorsementCredential.from_jsonld(document).to_jsonld()
