"""The API's one error map, over HTTP: each family of refusals answers with its status, its
dotted code and a message in the caller's language (``api/errors.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization

from .conftest import MakeToken

pytestmark = pytest.mark.django_db
LEARNER = {"email": "ayse@uni.example", "name": "Ayşe Yılmaz", "grade": "BA"}

Ask = Callable[[str], Any]


def ask(client: Client, path: str, body: Any, token: str, lang: str) -> Any:
    return client.post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": lang},
    )


def award_body(version: SpecificationVersion, **learner: str) -> dict[str, Any]:
    return {"specification": version.public_id, "learner": {**LEARNER, **learner}}


def assert_answers(ask_in: Ask, status: int, code: str) -> None:
    """The same refusal in English and in Turkish: same status and code, two messages."""
    english, turkish = ask_in("en"), ask_in("tr")
    assert (english.status_code, english.json()["code"]) == (status, code), english.content
    assert (turkish.status_code, turkish.json()["code"]) == (status, code), turkish.content
    assert english.json()["message"]
    assert turkish.json()["message"]
    assert english.json()["message"] != turkish.json()["message"]


def test_an_organisation_error_missing_scope_is_403(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "read")
    assert_answers(
        lambda lang: ask(client, "/api/v1/awards", award_body(published), token, lang),
        403,
        "organizations.missing_scope",
    )


def test_a_catalogue_error_not_issuable_is_404(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "issue")
    body = {"specification": "no-such-version", "learner": LEARNER}
    assert_answers(
        lambda lang: ask(client, "/api/v1/awards", body, token, lang), 404, "catalog.not_issuable"
    )


def test_a_refused_value_is_422(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue")
    body = award_body(published, name="Ayşe\nYılmaz")
    assert_answers(
        lambda lang: ask(client, "/api/v1/awards", body, token, lang),
        422,
        "issuing.name_control_characters",
    )


def test_any_other_issuing_error_is_400(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue", "revoke")
    created = ask(client, "/api/v1/awards", award_body(published), token, "en").json()["id"]
    path = f"/api/v1/awards/{created}/revoke"
    assert_answers(
        lambda lang: ask(client, path, {"reason": " "}, token, lang), 400, "issuing.reason_required"
    )


def test_a_taken_credential_id_is_409(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "issue")
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:learner"},
    }
    body = {"credential": credential, "options": {"credentialId": "urn:uuid:1234"}}
    assert ask(client, "/credentials/issue", body, token, "en").status_code == 201
    assert_answers(
        lambda lang: ask(client, "/credentials/issue", body, token, lang),
        409,
        "issuing.credential_id_taken",
    )


def test_the_apis_own_refusal_states_its_status(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "revoke")
    path = "/api/v1/awards/no-such-award/revoke"
    assert_answers(
        lambda lang: ask(client, path, {"reason": "fraud"}, token, lang), 404, "api.not_found"
    )


class ElsewhereStore:
    """A store other than the one the keys were made by (a KMS, say): never built here."""


def test_a_key_store_error_is_503_and_keeps_its_detail_to_the_log(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
    settings: Settings,
) -> None:
    token = make_token(organization, "issue")
    assert ask(client, "/api/v1/awards", award_body(published), token, "en").status_code == 201
    settings.MICROCRED_KEYSTORE = f"{__name__}.ElsewhereStore"
    assert_answers(
        lambda lang: ask(client, "/api/v1/awards", award_body(published), token, lang),
        503,
        "keystore.mismatch",
    )
    body = ask(client, "/api/v1/awards", award_body(published), token, "en").content.decode()
    assert "ElsewhereStore" not in body
    assert "EnvelopeKeyStore" not in body


def test_a_trust_core_error_keeps_its_code_under_vc(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "issue")
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
    }
    response = ask(client, "/credentials/issue", {"credential": credential}, token, "en")
    assert (response.status_code, response.json()["code"]) == (400, "vc.subject_missing")
