"""The public verify page, through HTTP: the answer first, then claims, then every check.

Credentials are signed in the tests with fresh keys; the expected messages come from the
trust core's own report for the same input, so the page is held to say what the core says.
"""

from __future__ import annotations

import base64
import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.vc.did import did_key_for
from microcred.vc.issue import issue_credential
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.testing import sample_credential
from microcred.vc.verify import VerificationReport, verify_credential

from .helpers import text_of, verdict_of

LIMIT = 256 * 1024
#: Every verification reads the registry (which bodies recognise whom).
pytestmark = pytest.mark.django_db
VALID = "The signature is valid, but no quality-assurance body"
NOT_VALID = "Not valid"


def core_report(data: Any) -> VerificationReport:
    return verify_credential(data, now=datetime.now(UTC))


def issue(fmt: str = "di-rdfc") -> Any:
    key = Ed25519KeyPair.generate()
    did = did_key_for(key.public)
    return issue_credential(
        sample_credential(issuer=did),
        key=key,
        verification_method=f"{did}#{did[len('did:key:') :]}",
        now=datetime.now(UTC),
        format=fmt,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def signed_di() -> dict[str, Any]:
    credential = issue("di-rdfc")
    assert isinstance(credential, dict)
    return credential


@pytest.fixture(scope="module")
def signed_jwt() -> str:
    token = issue("jwt")
    assert isinstance(token, str)
    return token


@pytest.fixture
def tampered(signed_di: dict[str, Any]) -> dict[str, Any]:
    forged = copy.deepcopy(signed_di)
    forged["credentialSubject"]["achievement"]["name"] = "Doctorate in Everything"
    return forged


def upload(client: Client, data: bytes, *, lang: str = "en", name: str = "cred.json") -> Any:
    file = SimpleUploadedFile(name, data, content_type="application/json")
    return client.post(f"/{lang}/verify/", {"file": file})


def paste(client: Client, text: str, *, lang: str = "en") -> Any:
    return client.post(f"/{lang}/verify/", {"text": text})


def test_form_page(client: Client) -> None:
    response = client.get("/en/verify/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'type="file" name="file"' in body
    assert "<textarea" in body
    assert 'name="url"' in body
    assert 'src="/static/verification/qr-scan.js"' in body
    assert "<script>" not in body  # no inline script under the CSP
    assert "verdict" not in body


def test_valid_credential_file_is_verified(client: Client, signed_di: dict[str, Any]) -> None:
    response = upload(client, json.dumps(signed_di).encode())
    assert response.status_code == 200
    assert verdict_of(response).startswith(VALID)
    text = text_of(response)
    # What the credential says, taken from the credential itself.
    assert signed_di["credentialSubject"]["achievement"]["name"] in text
    issuer = signed_di["issuer"]
    assert (issuer["name"] if isinstance(issuer, dict) else issuer) in text
    assert '<time datetime="' + signed_di["validFrom"] in text
    # Every check the core ran is listed with its code and its message.
    for check in core_report(signed_di).checks:
        assert f"<code>{check.code}</code>" in text
        assert check.message("en") in text


def test_valid_credential_in_turkish(client: Client, signed_di: dict[str, Any]) -> None:
    response = upload(client, json.dumps(signed_di).encode(), lang="tr")
    assert response.status_code == 200
    assert verdict_of(response).startswith("İmza geçerli, ancak")
    text = text_of(response)
    assert "Belgede yazanlar" in text
    for check in core_report(signed_di).checks:
        assert check.message("tr") in text


def test_pasted_jwt_is_verified(client: Client, signed_jwt: str) -> None:
    response = paste(client, signed_jwt)
    assert response.status_code == 200
    assert verdict_of(response).startswith(VALID)
    decoded = core_report(signed_jwt).credential
    assert decoded is not None
    assert decoded["credentialSubject"]["achievement"]["name"] in text_of(response)


def test_jwt_file_is_verified(client: Client, signed_jwt: str) -> None:
    response = upload(client, (signed_jwt + "\n").encode(), name="credential.jwt")
    assert response.status_code == 200
    assert verdict_of(response).startswith(VALID)


def test_jwt_with_a_forged_payload_is_not_verified(client: Client, signed_jwt: str) -> None:
    header, payload, signature = signed_jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["achievement"]["name"] = "Doctorate in Everything"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    expected = core_report(forged)
    assert expected.failures[0].code == "proof_signature_invalid"
    response = paste(client, forged)
    assert response.status_code == 200
    assert verdict_of(response).startswith(NOT_VALID)
    assert expected.failures[0].message("en") in text_of(response)


def test_tampered_credential_is_not_verified_and_says_why(
    client: Client, tampered: dict[str, Any]
) -> None:
    expected = core_report(tampered)
    assert not expected.verified
    first = expected.failures[0]
    assert first.code == "proof_signature_invalid"
    response = upload(client, json.dumps(tampered).encode())
    assert response.status_code == 200
    assert verdict_of(response).startswith(NOT_VALID)
    text = text_of(response)
    assert first.message("en") in text
    # The reason sits right under the verdict, before the credential's claims.
    assert text.index(first.message("en")) < text.index("What the credential says")
    assert "do not rely on them" in text
    assert "Doctorate in Everything" in text


def test_tampered_credential_reason_in_turkish(client: Client, tampered: dict[str, Any]) -> None:
    response = upload(client, json.dumps(tampered).encode(), lang="tr")
    assert verdict_of(response) == "Geçersiz: içerik imzalandıktan sonra değiştirilmiş."
    assert core_report(tampered).failures[0].message("tr") in text_of(response)


@pytest.mark.parametrize("bad", ['{"@context": [', "not json at all", "[1, 2, 3]", "null"])
def test_malformed_input_gets_a_clear_message_not_an_error(client: Client, bad: str) -> None:
    response = paste(client, bad)
    assert response.status_code == 200
    assert verdict_of(response) == "Not a credential: it could not be read."
    assert core_report(bad).failures[0].message("en") in text_of(response)


def test_binary_garbage_file_is_reported(client: Client) -> None:
    garbage = b"\xff\xfe\x00\x81" * 100
    response = upload(client, garbage)
    assert response.status_code == 200
    assert verdict_of(response) == "Not a credential: it could not be read."
    assert core_report(garbage).failures[0].message("en") in text_of(response)


def test_file_far_over_the_limit_is_refused_before_reading(client: Client) -> None:
    response = upload(client, b" " * (LIMIT + 200_000))
    assert response.status_code == 413
    assert "The credential is too large: the limit is 256.0\xa0KB." in text_of(response)


def test_file_just_over_the_limit_is_dropped_while_streaming(client: Client) -> None:
    response = upload(client, b" " * (LIMIT + 1))
    assert response.status_code == 413
    assert "too large" in text_of(response)


def test_pasted_text_over_the_limit_is_refused(client: Client) -> None:
    response = paste(client, "x" * (LIMIT + 1))
    assert response.status_code == 413
    assert "too large" in text_of(response)


def test_too_large_message_in_turkish(client: Client) -> None:
    response = upload(client, b" " * (LIMIT + 200_000), lang="tr")
    assert response.status_code == 413
    assert "Belge çok büyük" in text_of(response)


def test_file_at_the_limit_is_accepted(client: Client) -> None:
    response = upload(client, b" " * (LIMIT - 2) + b"{}")
    assert response.status_code == 200
    assert verdict_of(response).startswith(NOT_VALID)  # an empty object is no credential


def test_nothing_uploaded_touches_the_disk(
    client: Client,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    signed_di: dict[str, Any],
) -> None:
    # With Django's default handlers and this setting, every upload would go to a temp file.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    spilled: list[str] = []
    original = TemporaryUploadedFile.__init__

    def spy(self: TemporaryUploadedFile, *args: Any, **kwargs: Any) -> None:
        spilled.append(repr(args))
        original(self, *args, **kwargs)

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", spy)
    data = json.dumps(signed_di).encode()
    # Control: any other form on the site, parsed by Django's defaults, spills to disk.
    client.post("/i18n/setlang/", {"file": SimpleUploadedFile("c.json", data)})
    assert len(spilled) == 1
    spilled.clear()
    response = upload(client, data)
    assert verdict_of(response).startswith(VALID)
    assert spilled == []


def test_nothing_to_verify(client: Client) -> None:
    response = client.post("/en/verify/", {"text": "   "})
    assert response.status_code == 400
    assert "Choose a file, paste a credential or give a link." in text_of(response)


def test_file_and_text_together_are_refused(client: Client) -> None:
    file = SimpleUploadedFile("c.json", b"{}", content_type="application/json")
    response = client.post("/en/verify/", {"file": file, "text": "{}"})
    assert response.status_code == 400
    assert "Give one credential: a file, pasted text or a link, not several." in text_of(response)


def test_broken_multipart_body_is_a_clear_400(client: Client) -> None:
    response = client.post(
        "/en/verify/", data=b"--x\r\ngarbage", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "could not be read" in text_of(response)


def test_post_without_csrf_token_is_refused(csrf_client: Client) -> None:
    response = csrf_client.post("/en/verify/", {"text": "{}"})
    assert response.status_code == 403
    assert "The form could not be sent" in text_of(response)


def test_post_with_csrf_token_is_accepted(csrf_client: Client) -> None:
    csrf_client.get("/en/verify/")
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post("/en/verify/", {"text": "{}", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert verdict_of(response).startswith(NOT_VALID)


def test_only_get_and_post(client: Client) -> None:
    assert client.put("/en/verify/").status_code == 405


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)
