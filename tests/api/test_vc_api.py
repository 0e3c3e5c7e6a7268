"""The W3C VC-API endpoints and /api/verify over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.api.documents import local_documents
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.keys import did_document, did_for
from microcred.organizations.models import Organization
from microcred.vc.errors import DocumentLoadError
from microcred.vc.verify import verify_credential
from microcred.verification.services import use_remote

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_internet(settings: Any) -> Iterator[None]:
    """Foreign documents go to a fake internet that refuses; no rate limit between tests."""

    def refuse(url: str) -> Any:
        raise DocumentLoadError(f"[fetch_failed] {url} is offline", code="fetch_failed")

    settings.MICROCRED_VERIFY_RATE = "off"
    use_remote(refuse)
    yield
    use_remote(None)


def issue_award(client: Client, token: str, version: SpecificationVersion) -> dict[str, Any]:
    body = {"specification": version.public_id, "learner": {"email": "ayse@uni.example"}}
    response = call(client, "post", "/api/v1/awards", body, token)
    assert response.status_code == 201
    return dict(response.json())


def vc_verify(client: Client, credential: Any) -> dict[str, Any]:
    """VC-API: 200 with the VerificationResult when verified, 422 with it when not."""
    response = call(client, "post", "/credentials/verify", {"verifiableCredential": credential})
    answer = dict(response.json())
    assert response.status_code == (200 if answer["verified"] else 422), response.content
    return answer


def test_issued_award_verifies_then_revoked_does_not(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    token = make_token(organization, "issue", "revoke")
    award = issue_award(client, token, published)
    before = vc_verify(client, award["credential"])
    assert before["verified"] is True, before["errors"]
    assert {"proof", "status"} <= set(before["checks"])
    assert before["errors"] == []
    revoked = call(
        client, "post", f"/api/v1/awards/{award['id']}/revoke", {"reason": "fraud"}, token
    )
    assert revoked.json()["state"] == "revoked"
    after = vc_verify(client, award["credential"])
    assert after["verified"] is False
    assert [e["code"] for e in after["errors"]] == ["revoked"]
    report = call(client, "post", "/api/verify", {"verifiableCredential": award["credential"]})
    assert report.status_code == 200
    assert report.json()["verified"] is False
    assert any(c["code"] == "revoked" for c in report.json()["checks"])


def test_foreign_documents_fail_closed_without_network(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    credential = issue_award(client, make_token(organization, "issue"), published)["credential"]
    credential["credentialStatus"][0]["statusListCredential"] = "https://elsewhere.example/s/1"
    result = vc_verify(client, credential)
    assert result["verified"] is False
    assert "status_unavailable" in [e["code"] for e in result["errors"]]


def test_vc_api_issue_signs_as_the_organisation(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    unsigned = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:learner"},
    }
    response = call(
        client,
        "post",
        "/credentials/issue",
        {"credential": unsigned},
        make_token(organization, "issue"),
    )
    assert response.status_code == 201, response.content
    signed = response.json()["verifiableCredential"]
    assert signed["issuer"] == did_for(organization)
    assert [e["statusPurpose"] for e in signed["credentialStatus"]] == ["revocation", "suspension"]
    documents = local_documents(signed)
    assert documents[did_for(organization)] == did_document(organization)
    report = verify_credential(signed, now=timezone.now(), documents=documents)
    assert report.verified, [c.code for c in report.failures]
    assert vc_verify(client, signed)["verified"] is True


@pytest.mark.parametrize(
    "issuer", ["did:web:evil.example", {"id": "did:web:evil.example", "name": "Evil"}]
)
def test_vc_api_issue_refuses_a_foreign_issuer(
    client: Client, organization: Organization, make_token: MakeToken, issuer: object
) -> None:
    unsigned = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:learner"},
    }
    token = make_token(organization, "issue")
    response = call(client, "post", "/credentials/issue", {"credential": unsigned}, token)
    assert response.status_code == 400
    assert response.json()["code"] == "api.issuer_mismatch"


def test_vc_api_issue_needs_the_issue_scope(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    body = {"credential": {"type": ["VerifiableCredential"]}}
    assert call(client, "post", "/credentials/issue", body).status_code == 401
    read_only = make_token(organization, "read")
    response = call(client, "post", "/credentials/issue", body, read_only)
    assert response.status_code == 403
    assert response.json()["code"] == "organizations.missing_scope"


def test_tampered_credential_fails_verification(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    credential = issue_award(client, make_token(organization, "issue"), published)["credential"]
    credential["name"] = "Something else"
    result = vc_verify(client, credential)
    assert result["verified"] is False
    assert "proof" in {e["check"] for e in result["errors"]}


@pytest.mark.parametrize("path", ["/credentials/verify", "/api/verify"])
@pytest.mark.parametrize("depth", [40, 100_000])
def test_a_deeply_nested_body_is_refused_with_its_own_code(
    client: Client, path: str, depth: int
) -> None:
    """Checked before the JSON is parsed, so even nesting that would exhaust Python's
    recursion is a precise 400 rather than a parser failure."""
    body = '{"verifiableCredential": ' + "[" * depth + "]" * depth + "}"
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "api.json_too_deep"


def test_a_credential_at_the_depth_limit_still_reaches_the_verifier(client: Client) -> None:
    nested: Any = "leaf"
    for _ in range(30):
        nested = {"n": nested}
    response = client.post(
        "/api/verify",
        data={"verifiableCredential": {"deep": nested}},
        content_type="application/json",
    )
    assert response.status_code == 200  # a report (not verified), not a refused request
    assert response.json()["verified"] is False
