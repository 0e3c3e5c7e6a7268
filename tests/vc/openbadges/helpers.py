"""Documents the Open Badges tests build: an endorsement, a CLR around a vector."""

from __future__ import annotations

from typing import Any

from microcred.vc.openbadges import (
    OB_CONTEXTS,
)


def endorsement_document() -> dict[str, Any]:
    return {
        "@context": list(OB_CONTEXTS),
        "id": "urn:uuid:e",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Endorsement of the Teamwork badge",
        "issuer": {"id": "did:example:endorser", "type": ["Profile"], "name": "Guild"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "https://example.com/achievements/21st-century-skills/teamwork",
            "type": ["EndorsementSubject"],
            "endorsementComment": "Well-designed criteria.",
        },
    }


def clr_document(vector: dict[str, Any]) -> dict[str, Any]:
    unsigned = {k: v for k, v in vector.items() if k != "proof"}
    achievement_id = vector["credentialSubject"]["achievement"]["id"]
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:clr",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Learner record",
        "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"]},
        "validFrom": "2024-01-01T00:00:00Z",
        "partial": True,
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["ClrSubject"],
            "verifiableCredential": [vector, unsigned],
            "association": [
                {
                    "type": "Association",
                    "associationType": "isPartOf",
                    "sourceId": achievement_id,
                    "targetId": "https://example.com/programmes/leadership",
                }
            ],
        },
    }
