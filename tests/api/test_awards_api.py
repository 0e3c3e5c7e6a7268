"""/api/v1/awards over HTTP: scopes, tokens, organisations, idempotency, field errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.api.documents import local_documents
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.vc.verify import verify_credential

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db
LEARNER = {"email": "ayse@uni.example", "name": "Ayşe Yılmaz", "grade": "BA"}


def issue(client: Client, token: str, version: SpecificationVersion, **extra: object) -> Any:
    body = {"specification": version.public_id, "learner": LEARNER, **extra}
    return call(client, "post", "/api/v1/awards", body, token)


def test_issue_returns_a_credential_that_verifies(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    response = issue(client, make_token(organization, "issue"), published)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["state"] == "active"
    award = Award.objects.get(public_id=data["id"])
    assert award.organization == organization
    assert data["credential"] == award.credential
    report = verify_credential(
        data["credential"], now=timezone.now(), documents=local_documents(data["credential"])
    )
    assert report.verified, [c.code for c in report.failures]


def test_replayed_idempotency_key_returns_the_same_award(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue")
    first = issue(client, token, published, idempotency_key="row-17")
    again = issue(client, token, published, idempotency_key="row-17")
    other = issue(client, token, published, idempotency_key="row-18")
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json()["id"] == first.json()["id"] != other.json()["id"]
    assert Award.objects.count() == 2


def test_token_without_the_scope_is_forbidden(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    response = issue(client, make_token(organization, "read", "revoke"), published)
    assert response.status_code == 403
    assert response.json()["code"] == "organizations.missing_scope"
    assert not Award.objects.exists()


@pytest.mark.parametrize("header", ["", "Bearer mc_nonsense", "Basic abc"])
def test_missing_or_unknown_token_is_unauthenticated(
    client: Client, published: SpecificationVersion, header: str
) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.post(
        "/api/v1/awards", data="{}", content_type="application/json", headers=headers
    )
    assert response.status_code == 401
    assert response.json()["code"] == "api.unauthenticated"


def test_revoked_token_is_unauthenticated(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    response = issue(client, make_token(organization, "issue", revoked=True), published)
    assert response.status_code == 401
    assert response.json()["code"] == "api.unauthenticated"


def test_other_organisations_award_and_specification_are_not_found(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    award_id = issue(client, make_token(organization, "issue"), published).json()["id"]
    stranger = make_token(other_organization, "issue", "read", "revoke")
    assert call(client, "get", f"/api/v1/awards/{award_id}", token=stranger).status_code == 404
    revoke = call(client, "post", f"/api/v1/awards/{award_id}/revoke", {"reason": "x"}, stranger)
    assert revoke.status_code == 404
    assert revoke.json()["code"] == "api.not_found"
    foreign_spec = issue(client, stranger, published)
    assert foreign_spec.status_code == 404
    assert foreign_spec.json()["code"] == "catalog.not_issuable"
    assert Award.objects.get(public_id=award_id).state == "active"


def test_read_returns_state_and_reason(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue", "read", "revoke")
    award_id = issue(client, token, published).json()["id"]
    suspended = call(
        client, "post", f"/api/v1/awards/{award_id}/suspend", {"reason": "audit"}, token
    )
    assert suspended.status_code == 200
    read = call(client, "get", f"/api/v1/awards/{award_id}", token=token).json()
    assert (read["state"], read["reason"]) == ("suspended", "audit")
    again = call(client, "post", f"/api/v1/awards/{award_id}/suspend", {"reason": "x"}, token)
    assert again.status_code == 409
    assert again.json()["code"] == "api.invalid_transition"
    back = call(client, "post", f"/api/v1/awards/{award_id}/reinstate", {"reason": "ok"}, token)
    assert back.json()["state"] == "active"


def test_bad_fields_are_422_with_field_errors(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue")
    body = {"specification": published.public_id, "learner": {"email": "not-an-address"}}
    response = call(client, "post", "/api/v1/awards", body, token)
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "api.invalid_request"
    assert any(e["loc"][-1] == "email" for e in data["errors"])
    assert not Award.objects.exists()


def test_reason_is_required(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue", "revoke")
    award_id = issue(client, token, published).json()["id"]
    for body in ({}, {"reason": ""}):
        response = call(client, "post", f"/api/v1/awards/{award_id}/revoke", body, token)
        assert response.status_code == 422
    blank = call(client, "post", f"/api/v1/awards/{award_id}/revoke", {"reason": "  "}, token)
    assert blank.status_code == 400
    assert blank.json()["code"] == "issuing.reason_required"
    assert Award.objects.get(public_id=award_id).state == "active"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "api.malformed_json"),
        (b"[1, 2]", "api.json_not_object"),
        (b"\xff", "api.malformed_json"),
    ],
)
def test_malformed_json_is_400_with_a_code(
    client: Client, organization: Organization, make_token: MakeToken, body: bytes, code: str
) -> None:
    response = call(client, "post", "/api/v1/awards", body, make_token(organization, "issue"))
    assert response.status_code == 400
    assert response.json()["code"] == code


@pytest.mark.parametrize("size", [1024 * 1024, 3 * 1024 * 1024])
def test_oversized_body_is_413(client: Client, size: int) -> None:
    """Over our 1 MiB limit, and over Django's own 2.5 MB read limit: the same answer."""
    body = b'{"verifiableCredential": "' + b"x" * size + b'"}'
    response = client.post("/credentials/verify", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "api.request_too_large"


def test_empty_body_is_a_field_error(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    response = call(client, "post", "/api/v1/awards", b"", make_token(organization, "issue"))
    assert response.status_code == 422
    assert response.json()["code"] == "api.invalid_request"


@pytest.mark.parametrize(
    "body",
    [
        b'{"specification": "x", "learner": {"email": "a@b.example", "grade": "\\u0000A"}}',
        b'{"specification": "x", "learner": {"email": "a@b.example"}, "\\u0000": 1}',
    ],
)
def test_a_nul_character_anywhere_is_refused_before_the_database_sees_it(
    client: Client, organization: Organization, make_token: MakeToken, body: bytes
) -> None:
    """PostgreSQL cannot store U+0000 in text or jsonb: found by Schemathesis as a 500."""
    response = call(client, "post", "/api/v1/awards", body, make_token(organization, "issue"))
    assert response.status_code == 400
    assert response.json()["code"] == "api.nul_character"


def test_an_escaped_backslash_before_u0000_is_ordinary_text(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    body = b'{"specification": "nope", "learner": {"email": "a@b.example", "grade": "\\\\u0000"}}'
    response = call(client, "post", "/api/v1/awards", body, make_token(organization, "issue"))
    assert response.json()["code"] != "api.nul_character"  # the text is a backslash and "u0000"


def test_a_reused_idempotency_key_with_another_request_is_refused(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue")
    first = issue(client, token, published, idempotency_key="row-17")
    assert first.status_code == 201
    other_learner = {"email": "mehmet@uni.example", "name": "Mehmet"}
    body = {"specification": published.public_id, "learner": other_learner}
    reused = call(client, "post", "/api/v1/awards", {**body, "idempotency_key": "row-17"}, token)
    assert reused.status_code == 422
    assert reused.json()["code"] == "api.idempotency_key_reused"
    unnamed = issue(client, token, published, idempotency_key="row-17", include_name=False)
    assert unnamed.json()["code"] == "api.idempotency_key_reused"
    # The same request again (keys in another order, e-mail in another case) is a replay.
    same = {
        "learner": {**LEARNER, "email": "AYSE@uni.example"},
        "specification": published.public_id,
    }
    replay = call(client, "post", "/api/v1/awards", {**same, "idempotency_key": "row-17"}, token)
    assert (replay.status_code, replay.json()["id"]) == (200, first.json()["id"])
    assert Award.objects.get().learner_email == "ayse@uni.example"


@pytest.mark.parametrize(
    "name", ["Ayşe\nYılmaz", "Ayşe\r\nBcc: x@evil.example", "A\u2028B", "A\tB"]
)
def test_a_name_with_a_line_break_or_control_character_is_refused(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
    name: str,
) -> None:
    body = {"specification": published.public_id, "learner": {**LEARNER, "name": name}}
    response = call(client, "post", "/api/v1/awards", body, make_token(organization, "issue"))
    assert response.status_code == 422
    assert response.json()["code"] == "issuing.name_control_characters"
    assert "control character" in response.json()["message"]
    assert not Award.objects.exists()
