"""GET /api/v1/specifications: what a token's organisation can issue, and nothing else."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from tests.vc.elements.conftest import full_elements

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db


def test_lists_published_versions_of_the_tokens_organisation(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    foreign = catalog.publish(
        catalog.create_specification(other_organization, None, full_elements(), hours_per_ects=28)
    )
    response = call(client, "get", "/api/v1/specifications", token=make_token(organization, "read"))
    assert response.status_code == 200
    listed = response.json()
    assert [item["id"] for item in listed] == [published.public_id]  # no draft, no foreign one
    assert foreign.public_id not in response.content.decode()
    assert listed[0]["title"] == published.title
    assert listed[0]["achievement"].endswith(f"/catalog/achievements/{published.public_id}")


def test_needs_the_read_scope(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    assert call(client, "get", "/api/v1/specifications").status_code == 401
    token = make_token(organization, "issue")
    assert call(client, "get", "/api/v1/specifications", token=token).status_code == 403
