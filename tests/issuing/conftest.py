"""Issuing fixtures: a KEK, an organisation with a published specification, a verifier."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import did_document, did_for
from microcred.organizations.models import Organization

from ..vc.elements.conftest import full_elements


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    text = generate_kek_text()
    monkeypatch.setenv("MICROCRED_KEK", text)
    get_keystore.cache_clear()
    yield text
    get_keystore.cache_clear()


@pytest.fixture
def published(organization: Organization) -> SpecificationVersion:
    version = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    return catalog.publish(version)


def documents_for(client: Client, organization: Organization) -> dict[str, Any]:
    """Everything a verifier needs, fetched over HTTP as an outsider would."""
    did = did_for(organization)
    response = client.get(f"/orgs/{organization.slug}/did.json")
    assert response.status_code == 200
    documents: dict[str, Any] = {did: response.json()}
    assert documents[did] == did_document(organization)
    return documents
