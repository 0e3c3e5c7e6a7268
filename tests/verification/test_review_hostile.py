"""Review of hostile input to the verify page and API: precise codes, nothing fetched,
nothing written to disk, and the rate limit counted before the work."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client

from microcred.verification.services import use_remote

pytestmark = pytest.mark.django_db

DEEP = "[" * 5000 + "]" * 5000
HOSTILE_CONTEXT = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "http://169.254.169.254/latest/"],
    "type": ["VerifiableCredential"],
    "issuer": "did:web:169.254.169.254",
    "credentialSubject": {"id": "did:example:x"},
}


@pytest.fixture
def fetched() -> list[str]:
    asked: list[str] = []

    def record(url: str) -> Any:
        asked.append(url)
        raise AssertionError(f"nothing should be fetched, but {url} was")

    use_remote(record)
    return asked


def test_deep_json_on_the_page_gets_its_precise_code(client: Client) -> None:
    text = client.post("/en/verify/", {"text": DEEP}).content.decode()
    assert "<code>json_too_deep</code>" in text


def test_json_text_inside_the_api_is_not_a_credential(client: Client) -> None:
    """Data Integrity §4.2: a secured document that is not a map is an error, so JSON text
    in a string (here a deep one) is refused as such, never parsed."""
    body = json.dumps({"verifiableCredential": DEEP})
    response = client.post("/api/verify", body, content_type="application/json")
    assert response.status_code == 200
    assert [c["code"] for c in response.json()["checks"]] == ["json_not_object"]


def test_a_remote_json_ld_context_is_refused_not_fetched(
    client: Client, fetched: list[str]
) -> None:
    page = client.post("/en/verify/", {"text": json.dumps(HOSTILE_CONTEXT)}).content.decode()
    assert "<code>context_not_pinned</code>" in page
    body = json.dumps({"verifiableCredential": HOSTILE_CONTEXT})
    report = client.post("/api/verify", body, content_type="application/json").json()
    assert "context_not_pinned" in [c["code"] for c in report["checks"]]
    assert report["verified"] is False
    assert fetched == []


def test_a_verified_upload_never_touches_the_disk(
    client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16

    def spilled(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the upload was written to a temporary file")

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", spilled)
    upload = SimpleUploadedFile("c.json", json.dumps(HOSTILE_CONTEXT).encode() + b" " * 500)
    response = client.post("/en/verify/", {"file": upload})
    assert response.status_code == 200
    assert "<code>context_not_pinned</code>" in response.content.decode()


def test_a_forged_forwarded_for_buys_no_fresh_budget(client: Client, settings: Any) -> None:
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    first = client.post("/en/verify/", {"text": "{}"}, HTTP_X_FORWARDED_FOR="1.1.1.1")
    again = client.post("/en/verify/", {"text": "{}"}, HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert first.status_code != 429
    assert again.status_code == 429
    api = client.post(
        "/api/verify",
        json.dumps({"verifiableCredential": {}}),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="3.3.3.3",
    )
    assert api.status_code == 429
    assert api.json()["code"] == "api.rate_limited"
