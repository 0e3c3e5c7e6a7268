"""Issuing fixtures: a KEK, an organisation with a published specification, a verifier."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role

from ..conftest import MakeMember
from ..vc.elements.conftest import full_elements
from .helpers import signed_in


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


@pytest.fixture
def officer(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    """A client signed in as an issuer officer of ``organization``."""
    return signed_in(client, make_member(organization, Role.ISSUER))
