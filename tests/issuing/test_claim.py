"""The learner's public claim page: found only by its secret token, plain words, and the
signed credential as a download; it tells the truth after a revocation."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.test import Client

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.vc import Learner

from .helpers import page, url

pytestmark = pytest.mark.django_db


def issue_one(version: SpecificationVersion) -> Issued:
    request = AwardRequest(
        Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(version.public_id, "ayse@uni.example", "2026-05-15"),
    )
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer)
    assert issued.claim_token is not None
    return issued


def test_claim_page_shows_the_credential_in_plain_words_without_sign_in(
    client: Client, published: SpecificationVersion
) -> None:
    issued = issue_one(published)
    assert issued.claim_token is not None
    response = client.get(url("claim", token=issued.claim_token))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = page(response)
    for expected in (
        published.title,
        "Anadolu Üniversitesi",
        "2026-05-15",
        "Reads statistical charts critically.",
        "2.5",
        "EQF level",
        "Active",
    ):
        assert expected in text, expected
    assert "revoked" not in text.lower()


def test_claim_download_is_the_signed_credential(
    client: Client, published: SpecificationVersion
) -> None:
    issued = issue_one(published)
    assert issued.claim_token is not None
    response = client.get(url("claim_download", token=issued.claim_token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert response["Content-Disposition"].endswith('.json"')
    credential = json.loads(response.content)
    assert credential == issued.award.credential
    assert "proof" in credential


def test_claim_page_shows_state_and_reason_after_revocation(
    client: Client, published: SpecificationVersion
) -> None:
    issued = issue_one(published)
    assert issued.claim_token is not None
    with signer_for(published.specification.organization) as signer:
        change_status(
            [issued.award], StatusAction.REVOKE, reason="Exam result annulled", by=None,
            signer=signer,
        )  # fmt: skip
    text = page(client.get(url("claim", token=issued.claim_token)))
    assert "This micro-credential has been revoked." in text
    assert "Exam result annulled" in text
    assert "Revoked" in text


def test_unknown_or_stored_hash_tokens_are_not_found(
    client: Client, published: SpecificationVersion
) -> None:
    issued = issue_one(published)
    assert issued.claim_token is not None
    stored = Award.objects.get().claim_token_hash
    assert stored == hashlib.sha256(issued.claim_token.encode()).hexdigest()
    for token in ("nope", stored, issued.claim_token[:-1], "x" * 200):
        assert client.get(url("claim", token=token)).status_code == 404
        assert client.get(url("claim_download", token=token)).status_code == 404
