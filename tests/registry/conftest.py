"""Registry fixtures: a provider, a quality-assurance body, their people, an application."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry import applications
from microcred.registry.criteria import criteria
from microcred.registry.models import Application
from microcred.registry.qa_bodies import create_qa_body
from microcred.verification.services import clear_caches

from ..conftest import MakeMember
from ..issuing.conftest import kek, published

__all__ = ["kek", "published"]


@pytest.fixture(autouse=True)
def _private_var(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.VAR_DIR = tmp_path
    settings.MICROCRED_VERIFY_RATE = "off"
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def body(kek: str) -> Organization:
    return create_qa_body(slug="kalite", name="Kalite Kurulu", country="TR")


@pytest.fixture
def provider_admin(organization: Organization, make_member: MakeMember) -> User:
    return make_member(organization, Role.ADMIN)


@pytest.fixture
def reviewer(body: Organization, make_member: MakeMember) -> User:
    return make_member(body, Role.QA_REVIEWER)


def filled(application: Application) -> Application:
    return applications.save_draft(
        application,
        {
            "answers": {c.code: f"How we meet {c.code}." for c in criteria()},
            "contact_name": "Kalite Ofisi",
            "contact_email": "kalite@anadolu.example",
            "fields_of_study": ["Education"],
            "eqf_levels": [6],
            "tqf_levels": [6],
        },
    )


@pytest.fixture
def draft(organization: Organization, body: Organization, provider_admin: User) -> Application:
    return applications.open_application(organization, body, by=provider_admin)


@pytest.fixture
def submitted(draft: Application, provider_admin: User) -> Application:
    return applications.submit(filled(draft), by=provider_admin)
