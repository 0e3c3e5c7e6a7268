"""The OpenAPI document loads and lists every endpoint; the docs page loads nothing external."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from microcred.api.urls import urlpatterns

EXPECTED = {
    ("/api/v1/awards", "post"),
    ("/api/v1/awards/{award_id}", "get"),
    ("/api/v1/specifications", "get"),
    ("/api/v1/awards/{award_id}/revoke", "post"),
    ("/api/v1/awards/{award_id}/suspend", "post"),
    ("/api/v1/awards/{award_id}/reinstate", "post"),
    ("/api/v1/credentials/{credential_id}", "get"),
    ("/api/v1/credentials/{credential_id}/revoke", "post"),
    ("/api/v1/credentials/{credential_id}/suspend", "post"),
    ("/api/v1/credentials/{credential_id}/reinstate", "post"),
    ("/credentials/issue", "post"),
    ("/credentials/status", "post"),
    ("/credentials/verify", "post"),
    ("/presentations/verify", "post"),
    ("/status/{list_id}/publish", "post"),
    ("/api/verify", "post"),
}


def test_openapi_document_lists_every_endpoint(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    listed = {(path, method) for path, ops in schema["paths"].items() for method in ops}
    assert listed == EXPECTED
    security = schema["components"]["securitySchemes"]
    assert [s["scheme"] for s in security.values()] == ["bearer"]


def test_every_mounted_operation_is_documented() -> None:
    """A route added without reaching the schema would show up here."""
    mounted = {str(p.pattern) for p in urlpatterns} - {"api/v1/openapi.json", "api/v1/docs"}
    documented = {"/" + re.sub(r"<(\w+)>", r"{\1}", p) for p in mounted}
    assert documented == {path for path, _ in EXPECTED}


def test_docs_page_has_no_scripts(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script" not in page
    assert "/credentials/verify" in page
    assert 'href="/api/v1/openapi.json"' in page


@pytest.mark.django_db
def test_site_root_still_redirects_by_language(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
