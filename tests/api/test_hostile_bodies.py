"""Hostile API bodies: one strict reader, precise refusals, never a 500 (issue 12)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.organizations.models import Organization
from microcred.vc.errors import DocumentLoadError
from microcred.verification.services import use_remote

from ..vc.factories import Issuer
from ..vc.jwt_raw import plain_credential, token_over
from .conftest import MakeToken

pytestmark = pytest.mark.django_db
VERIFY_PATHS = ["/credentials/verify", "/api/verify"]


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> Iterator[None]:
    def refuse(url: str) -> Any:
        raise DocumentLoadError(f"{url} is offline", code="fetch_failed")

    settings.MICROCRED_VERIFY_RATE = "off"
    use_remote(refuse)
    yield
    use_remote(None)


def post(client: Client, path: str, body: str, token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(path, data=body.encode(), content_type="application/json", headers=headers)


@pytest.mark.parametrize("path", VERIFY_PATHS)
def test_200_kb_of_escaped_quotes_is_a_quick_400(client: Client, path: str) -> None:
    response = post(client, path, '{"verifiableCredential": "' + '\\"' * 100_000)
    assert response.status_code == 400
    assert response.json()["code"] == "api.malformed_json"


@pytest.mark.parametrize("path", VERIFY_PATHS)
@pytest.mark.parametrize(
    ("body", "code"),
    [
        ('{"verifiableCredential": {"name": "\\ud800"}}', "api.json_lone_surrogate"),
        ('{"verifiableCredential": {"name": "a", "name": "b"}}', "api.json_duplicate_key"),
        ('{"verifiableCredential": {"n": NaN}}', "api.json_number_invalid"),
        ('{"verifiableCredential": {"n": 1e999}}', "api.json_number_invalid"),
    ],
)
def test_verify_bodies_are_read_strictly(client: Client, path: str, body: str, code: str) -> None:
    response = post(client, path, body)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_issue_refuses_a_lone_surrogate(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "name": "\ud800",
        "credentialSubject": {"id": "did:example:learner"},
    }
    body = json.dumps({"credential": credential})  # ensure_ascii writes "\ud800"
    response = post(client, "/credentials/issue", body, make_token(organization, "issue"))
    assert response.status_code == 400
    assert response.json()["code"] == "api.json_lone_surrogate"


def test_turkish_refusal(client: Client) -> None:
    response = client.post(
        "/api/verify", data=b'{"verifiableCredential": {"a": 1, "a": 2}}',
        content_type="application/json", headers={"Accept-Language": "tr"},
    )  # fmt: skip
    assert response.json()["code"] == "api.json_duplicate_key"
    assert "anahtar" in response.json()["message"]


#: A credential that does not verify: the VC-API answers 422 (Data Integrity suites),
#: /api/verify its own report with 200.
REFUSED = {"/credentials/verify": 422, "/api/verify": 200}


@pytest.mark.parametrize("path", VERIFY_PATHS)
def test_a_signed_jwt_with_a_duplicated_name_does_not_verify(client: Client, path: str) -> None:
    issuer, now = Issuer.did_key(), timezone.now()
    text = json.dumps(plain_credential(issuer, now))
    honest = client.post(path, {"verifiableCredential": token_over(issuer, text)},
                         content_type="application/json")  # fmt: skip
    assert honest.json()["verified"] is True
    forged = text.replace('"name": "Data Literacy"', '"name": "FAKE", "name": "Data Literacy"')
    response = client.post(path, {"verifiableCredential": token_over(issuer, forged)},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == REFUSED[path]
    assert response.json()["verified"] is False
    answer = response.json()
    found = answer.get("checks", []) + answer.get("errors", [])
    assert "json_duplicate_key" in json.dumps(found)


@pytest.mark.parametrize("path", VERIFY_PATHS)
def test_a_jwt_of_50000_nested_arrays_is_a_report_not_a_500(client: Client, path: str) -> None:
    import base64

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    token = ".".join(
        [b64(b'{"alg":"EdDSA","kid":"did:key:z6Mk#z"}'),
         b64(b"[" * 50_000 + b"]" * 50_000), b64(b"s" * 64)]
    )  # fmt: skip
    response = client.post(path, {"verifiableCredential": token}, content_type="application/json")
    assert response.status_code == REFUSED[path]
    assert response.json()["verified"] is False
    assert "json_too_deep" in json.dumps(response.json())


@pytest.mark.parametrize("types", [{}, [{}], [["VerifiableCredential"]]])
def test_an_unhashable_type_is_a_report_not_a_500(client: Client, types: object) -> None:
    """Found by tests/fuzz: the schema rule put ``type`` values in a set."""
    body = {"verifiableCredential": {"@context": [], "type": types}}
    response = client.post("/api/verify", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["verified"] is False
