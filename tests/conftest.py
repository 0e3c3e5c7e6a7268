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


Recognise = Callable[..., Organization]


@pytest.fixture
def recognise(db: None) -> Recognise:
    """``recognise(provider)``: a quality-assurance body ("Kalite Kurulu") recognising it
    from a year ago for two years, its trust list signed (needs the ``kek`` fixture)."""
    from datetime import timedelta

    from django.utils import timezone

    from microcred.registry import trust_lists
    from microcred.registry.models import Decision
    from microcred.registry.qa_bodies import create_qa_body

    def make(provider: Organization, *, slug: str = "kalite") -> Organization:
        body = Organization.objects.filter(slug=slug).first() or create_qa_body(
            slug=slug, name="Kalite Kurulu", country="TR"
        )
        now = timezone.now()
        Decision.objects.create(
            provider=provider,
            qa_body=body,
            outcome=Decision.Outcome.RECOGNISED,
            reason="Meets every criterion.",
            effective=now - timedelta(days=365),
            valid_until=now + timedelta(days=365),
            eqf_levels=[5, 6],
            tqf_levels=[6],
            fields_of_study=["Education"],
        )
        trust_lists.publish(body)
        return body

    return make
