"""The verify page answers a Verifiable Presentation (VC 2.0 §4.13), uploaded or pasted,
in English and Turkish: the presentation's own checks, then each credential's answer."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from microcred.vc import Ed25519KeyPair
from microcred.vc.contexts import pinned_loader
from microcred.vc.presentations import sign_presentation
from microcred.vc.proofs import create_proof

from ..vc.factories import Issuer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    settings.MICROCRED_VERIFY_RATE = "off"


@pytest.fixture
def vp() -> dict[str, Any]:
    issuer = Issuer.did_key()
    credential = create_proof(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": issuer.did,
            "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        },
        key=issuer.key,
        verification_method=issuer.method,
        created=timezone.now(),
        document_loader=pinned_loader(),
    )
    return sign_presentation([credential], holder=Ed25519KeyPair.generate(), now=timezone.now())


def test_a_pasted_presentation_is_verified(client: Client, vp: dict[str, Any]) -> None:
    page = client.post("/en/verify/", {"text": json.dumps(vp)}).content.decode()
    assert "Valid presentation: the holder signed it and all 1 credentials verified." in page
    assert "Checks of the presentation" in page
    assert "Credential 1" in page
    assert "presentation_holder_bound" in page


def test_an_uploaded_presentation_is_answered_in_turkish(
    client: Client, vp: dict[str, Any]
) -> None:
    upload = SimpleUploadedFile("vp.json", json.dumps(vp).encode(), "application/json")
    page = client.post("/tr/verify/", {"file": upload}).content.decode()
    assert "Geçerli sunum" in page
    assert "Sunumun denetimleri" in page


def test_a_tampered_presentation_is_not_valid(client: Client, vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    tampered["verifiableCredential"][0]["credentialSubject"]["name"] = "Mallory"
    page = client.post("/en/verify/", {"text": json.dumps(tampered)}).content.decode()
    assert "Not valid: the presentation itself does not hold." in page
    assert 'data-verdict="invalid"' in page
