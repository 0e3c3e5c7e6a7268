"""The public did.json: served to anyone, cacheable, public keys only."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.organizations import keys
from microcred.organizations.models import Organization
from tests.organizations.keys_support import URLCONF, kek, leaks, seed_of  # noqa: F401

pytestmark = [pytest.mark.usefixtures("kek"), pytest.mark.urls(URLCONF)]


def test_served_without_sign_in_or_language_prefix(
    organization: Organization, client: Client
) -> None:
    keys.ensure_signing_key(organization)
    response = client.get("/orgs/anadolu-uni/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    document = response.json()
    assert document == keys.did_document(organization)
    assert document["id"] == "did:web:microcred.localhost%3A8000:orgs:anadolu-uni"


def test_etag_answers_not_modified_until_the_keys_change(
    organization: Organization, client: Client
) -> None:
    keys.ensure_signing_key(organization)
    etag = client.get("/orgs/anadolu-uni/did.json")["ETag"]
    again = client.get("/orgs/anadolu-uni/did.json", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    keys.rotate(organization, by=None)
    changed = client.get("/orgs/anadolu-uni/did.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_unknown_organisations_and_organisations_without_keys_are_404(
    organization: Organization, client: Client
) -> None:
    assert client.get("/orgs/no-such-org/did.json").status_code == 404
    assert client.get("/orgs/anadolu-uni/did.json").status_code == 404


def test_only_get_and_head(organization: Organization, client: Client) -> None:
    keys.ensure_signing_key(organization)
    assert client.head("/orgs/anadolu-uni/did.json").status_code == 200
    assert client.post("/orgs/anadolu-uni/did.json").status_code == 405


def test_no_private_material_in_the_document(organization: Organization, client: Client) -> None:
    key = keys.ensure_signing_key(organization)
    with keys.signer_for(organization) as signer:
        seed = seed_of(signer.key)
    body = client.get("/orgs/anadolu-uni/did.json").content
    assert not leaks(body, seed)
    assert bytes(key.sealed_seed) not in body
    assert bytes(key.wrapped_data_key) not in body
    assert b'"d"' not in body
    assert b"secret" not in body.lower()
