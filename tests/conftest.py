"""Fixtures shared by the platform's tests: people and organisations named by scenario."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role

PASSWORD = "correct horse battery staple"

MakeMember = Callable[..., User]


@pytest.fixture
def organization(db: None) -> Organization:
    return Organization.objects.create(
        slug="anadolu-uni", name="Anadolu Üniversitesi", country="TR"
    )


@pytest.fixture
def other_organization(db: None) -> Organization:
    return Organization.objects.create(slug="other-academy", name="Other Academy", country="DE")


@pytest.fixture
def make_member(db: None) -> MakeMember:
    """``make_member(org, Role.ISSUER, email=...)``: a user holding the given roles in org."""

    def make(org: Organization, *roles: Role, email: str | None = None) -> User:
        address = email or f"{'-'.join(roles) or 'nobody'}@{org.slug}.example"
        user = User.objects.create_user(address, PASSWORD)
        for role in roles:
            Membership.objects.create(organization=org, user=user, role=role)
        return user

    return make


@pytest.fixture(autouse=True)
def _english_unless_a_request_says_otherwise() -> Iterator[None]:
    """A request in Turkish leaves Turkish active in the thread; start every test in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings: Any) -> None:
    """Pages render on a fresh clone: hashed static names need collectstatic's manifest,
    which only scripts/server makes (its own test checks the hashed names it serves)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
