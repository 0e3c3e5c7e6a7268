"""Credential factories named by scenario, built with fresh keys: hermetic, no network."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from microcred.vc.contexts import OB_CONTEXT
from microcred.vc.dates import format_datetime
from microcred.vc.did import build_did_web_document, did_key_for, did_web_for
from microcred.vc.issue import Format, issue_credential
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.status import BitstringStatusList, status_entry, status_list_credential

STATUS_URL = "https://issuer.example/status/1"


@dataclass
class Issuer:
    key: Ed25519KeyPair
    did: str
    method: str
    documents: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def did_key(cls) -> Issuer:
        key = Ed25519KeyPair.generate()
        did = did_key_for(key.public)
        return cls(key, did, f"{did}#{did.removeprefix('did:key:')}")

    @classmethod
    def did_web(cls, domain: str = "issuer.example", path: str | None = "uni") -> Issuer:
        key = Ed25519KeyPair.generate()
        did = did_web_for(domain, path)
        method = f"{did}#key-1"
        document = build_did_web_document(did, [("key-1", key.public)])
        return cls(key, did, method, {did: document})


def achievement() -> dict[str, Any]:
    return {
        "id": "https://issuer.example/achievements/data-literacy",
        "type": ["Achievement"],
        "name": "Data Literacy for Teachers",
        "description": "Reads, questions and presents data in the classroom.",
        "criteria": {"narrative": "Pass the final project with at least 60 of 100 points."},
        "creditsAvailable": 2,
    }


def unsigned_credential(issuer: Issuer, now: datetime, **extra: Any) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": list(OB_CONTEXT),
        "id": "urn:uuid:7e8a1e2a-6f3f-4a49-9b9e-3f4a1c1c0d11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer.did, "type": ["Profile"], "name": "Example University"},
        "validFrom": format_datetime(now - timedelta(days=1)),
        "name": "Data Literacy for Teachers",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:learner-42",
            "achievement": achievement(),
        },
    }
    credential.update(extra)
    return credential


def signed(issuer: Issuer, now: datetime, fmt: Format = "di-rdfc", **extra: Any) -> Any:
    return issue_credential(
        unsigned_credential(issuer, now, **extra),
        key=issuer.key,
        verification_method=issuer.method,
        now=now,
        format=fmt,
        documents=issuer.documents,
    )


def status_list(
    issuer: Issuer, now: datetime, *, purpose: str = "revocation", set_bits: tuple[int, ...] = ()
) -> dict[str, Any]:
    bits = BitstringStatusList()
    for index in set_bits:
        bits.set(index, 1)
    document = status_list_credential(
        id=STATUS_URL,
        issuer=issuer.did,
        purpose=purpose,
        encoded_list=bits.encode(),
        valid_from=format_datetime(now - timedelta(days=1)),
    )
    result = issue_credential(
        document,
        key=issuer.key,
        verification_method=issuer.method,
        now=now,
        documents=issuer.documents,
    )
    assert isinstance(result, dict)
    return result


def entry(index: int, purpose: str = "revocation") -> dict[str, Any]:
    return status_entry(list_credential=STATUS_URL, index=index, purpose=purpose)
