"""The verify page's holder check: yes or no for a typed e-mail address, nothing else."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from html import unescape
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.vc.compose import Learner, compose_credential
from microcred.verification.holder import holder_matches

pytestmark = pytest.mark.django_db


def credential(email: str) -> dict[str, Any]:
    return compose_credential(
        credential_id="urn:uuid:00000000-0000-4000-8000-000000000001",
        achievement={"id": "https://uni.example/a/1", "type": ["Achievement"], "name": "Data"},
        issuer={"id": "did:example:uni", "type": ["Profile"], "name": "Uni"},
        learner=Learner(email, "Ayşe", "", date(2026, 5, 1)),
        issued=datetime(2026, 5, 2, tzinfo=UTC),
    )


def test_matching_is_by_the_salted_hash() -> None:
    made = credential("ayse@uni.example")
    assert holder_matches(made, "AYSE@uni.example ") is True
    assert holder_matches(made, "ali@uni.example") is False
    assert holder_matches({"credentialSubject": {"id": "did:example:x"}}, "a@b.example") is None
    assert holder_matches("not a credential", "a@b.example") is None


def test_the_page_answers_yes_or_no_beside_the_verdict(client: Client) -> None:
    body = credential("ayse@uni.example")

    def check(email: str) -> str:
        upload = SimpleUploadedFile("c.json", json.dumps(body).encode(), "application/json")
        response = client.post("/en/verify/", {"file": upload, "holder_email": email})
        return unescape(response.content.decode())

    assert "Yes: this credential was issued to the e-mail address you typed." in check(
        "ayse@uni.example"
    )
    answer = check("ali@uni.example")
    assert "No: this credential was not issued to the e-mail address you typed." in answer
    assert "ayse@uni.example" not in answer
    assert 'data-holder="' not in unescape(client.get("/en/verify/").content.decode())
