"""Scenarios for the catalogue's tests: a signed-in designer and complete editor input."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import PASSWORD, MakeMember

PYTHON_SKILL = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


@pytest.fixture(autouse=True)
def _static_without_manifest(settings: Settings) -> None:
    """Pages refer to static files; tests serve sources, without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Settings) -> None:
    """Test accounts need no slow password hashing (dozens are made per run)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(client: Client, user: Any) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.fixture
def designer_client(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    return signed_in(client, make_member(organization, Role.DESIGNER))


def complete_data(**changes: Any) -> dict[str, Any]:
    """Editor input with every mandatory element (and several optional ones)."""
    data: dict[str, Any] = {
        "title": "Data Literacy for Teachers",
        "description": "Teachers learn to read, question and present data.",
        "awarding_body_name": "Anadolu Üniversitesi",
        "country": "TR",
        "region": "TR-26",
        "learning_outcomes": "Explains statistical charts.\nCleans a small data set.",
        "ects": "5",
        "workload_hours": "125",
        "hours_per_ects": "25",
        "eqf_level": "6",
        "tqf_level": "6",
        "assessment_types": ["project", "onlineTest"],
        "assessment_description": "",
        "participation": "blended",
        "supervision": "supervisedWithIdentityVerification",
        "qa_types": ["internal"],
        "qa_description": "",
        "qa_body_name": "YÖKAK",
        "prerequisites": "Basic spreadsheet skills.",
        "grading_scheme": "Pass/fail",
        "grading_values": "pass, fail",
        "integration": "standAlone",
        "stackable_towards": "",
        "further_information": "",
        "languages": "tr, en",
        "validity_number": "5",
        "validity_unit": "Y",
        "esco_skills": [PYTHON_SKILL],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def qa_body(db: None) -> Organization:
    return Organization.objects.create(
        slug="kalite-kurulu", name="Kalite Kurulu", country="TR", kind=Organization.Kind.QA_BODY
    )


@pytest.fixture
def other_qa_body(db: None) -> Organization:
    return Organization.objects.create(
        slug="other-agency", name="Other Agency", country="DE", kind=Organization.Kind.QA_BODY
    )
