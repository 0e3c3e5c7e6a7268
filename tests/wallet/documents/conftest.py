"""Credentials for the document tests: a Turkish learner, a Turkish issuer, every element."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.vc import Ed25519KeyPair, did_key_for, issue_credential
from microcred.vc.elements import elements_to_credential
from microcred.vc.testing import sample_credential

from ...vc.elements.conftest import full_elements

JWT_CREDENTIAL_ID = "urn:uuid:0b9e6c1a-7f3d-4a2b-8c5e-9d1f2a3b4c5d"
NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
LEARNER_NAME = "Ayşe Işıl Çağlar-Öztürk İnce"
#: The Turkish pangram, in both cases: every letter that a Latin-1 font would lose.
DESCRIPTION = (
    "Pijamalı hasta yağız şoföre çabucak güvendi. PİJAMALI HASTA YAĞIZ ŞOFÖRE ÇABUCAK GÜVENDİ."
)


def turkish_credential() -> dict[str, Any]:
    """Every EU element, Turkish title and issuer, and the learner's name disclosed."""
    credential = elements_to_credential(
        full_elements(),
        credential_id="urn:uuid:6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b",
        achievement_id="https://mc.example.edu.tr/achievements/veri-okuryazarligi",
        description=DESCRIPTION,
    ).to_jsonld()
    credential["credentialSubject"]["identifier"].append(
        {"type": "IdentityObject", "identityType": "name", "hashed": False,
         "identityHash": LEARNER_NAME}
    )  # fmt: skip
    return credential


@pytest.fixture(scope="module")
def issuer_key() -> Ed25519KeyPair:
    return Ed25519KeyPair.generate()


@pytest.fixture(scope="module")
def signed(issuer_key: Ed25519KeyPair) -> dict[str, Any]:
    """A did:key-signed eddsa-rdfc-2022 credential (verifies offline)."""
    did = did_key_for(issuer_key.public)
    credential = issue_credential(
        sample_credential(issuer=did),
        key=issuer_key,
        verification_method=f"{did}#{issuer_key.public.multikey}",
        now=NOW,
    )
    assert isinstance(credential, dict)
    return credential


@pytest.fixture(scope="module")
def signed_jwt(issuer_key: Ed25519KeyPair) -> str:
    did = did_key_for(issuer_key.public)
    token = issue_credential(
        sample_credential(issuer=did, credential_id=JWT_CREDENTIAL_ID),
        key=issuer_key,
        verification_method=f"{did}#{issuer_key.public.multikey}",
        now=NOW,
        format="jwt",
    )
    assert isinstance(token, str)
    return token
