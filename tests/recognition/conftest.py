"""Recognition fixtures: a provider that issued a micro-credential to a learner, who holds
it in the passport; a university with a recognition desk, a 6-ECTS course and reviewers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import EmailAddress, User
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.recognition.models import Target
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import claims
from microcred.wallet.models import WalletItem
from tests.conftest import PASSWORD, MakeMember

from ..vc.elements.conftest import full_elements

LEARNER = "ayse@uni.example"


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Iterator[str]:
    text = generate_kek_text()
    monkeypatch.setenv("MICROCRED_KEK", text)
    settings.VAR_DIR = tmp_path / "var"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_keystore.cache_clear()
    clear_caches()
    yield text
    get_keystore.cache_clear()
    clear_caches()


@pytest.fixture
def provider(other_organization: Organization) -> Organization:
    """The provider that issued the learner's micro-credential ("Other Academy")."""
    return other_organization


@pytest.fixture
def provider_version(provider: Organization) -> SpecificationVersion:
    version = catalog.create_specification(provider, None, full_elements(), hours_per_ects=28)
    return catalog.publish(version)


def issue(version: SpecificationVersion, email: str) -> Issued:
    request = AwardRequest(
        Learner(email, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(version.public_id, email, "2026-05-15"),
    )
    with signer_for(version.specification.organization) as signer:
        (issued,) = issue_awards(version, [request], signer=signer)
    return issued


def make_learner(email: str) -> User:
    user = User.objects.create_user(email, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=user, email=email, verified_at=timezone.now())
    return user


@pytest.fixture
def learner(db: None) -> User:
    return make_learner(LEARNER)


@pytest.fixture
def held(learner: User, provider_version: SpecificationVersion) -> WalletItem:
    """The provider's micro-credential, claimed into the learner's passport."""
    return claims.claim(learner, issue(provider_version, LEARNER).award)


@pytest.fixture
def course(organization: Organization) -> Target:
    return Target.objects.create(
        organization=organization,
        kind=Target.Kind.COURSE,
        code="BIL101",
        title_en="Introduction to Data Science",
        title_tr="Veri Bilimine Giriş",
        ects=Decimal(6),
        eqf_level=6,
        outcomes=["Clean and explore a data set", "Fit and evaluate a regression model"],
    )


@pytest.fixture
def reviewer(organization: Organization, make_member: MakeMember) -> User:
    return make_member(organization, Role.RPL_REVIEWER, email="reviewer@anadolu.example")


@pytest.fixture
def second_reviewer(organization: Organization, make_member: MakeMember) -> User:
    return make_member(organization, Role.RPL_REVIEWER, email="reviewer2@anadolu.example")


def signed_in(client: Client, user: User) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


def text(response: Any) -> str:
    """The page as words: tags removed, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())
