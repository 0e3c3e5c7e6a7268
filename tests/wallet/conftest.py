"""Wallet fixtures: a KEK, an issuer with a published specification, awards to learners,
and learners with confirmed addresses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.issuing.revocation import StatusAction, change_status
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import share_answers
from tests.conftest import PASSWORD

from ..vc.elements.conftest import full_elements

IssueTo = Callable[..., Issued]
MakeLearner = Callable[..., User]


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    text = generate_kek_text()
    monkeypatch.setenv("MICROCRED_KEK", text)
    get_keystore.cache_clear()
    clear_caches()
    share_answers.forget()
    yield text
    get_keystore.cache_clear()
    clear_caches()
    share_answers.forget()


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def published(organization: Organization) -> SpecificationVersion:
    version = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    return catalog.publish(version)


@pytest.fixture
def issue_to(published: SpecificationVersion) -> IssueTo:
    """``issue_to(email, version=None)``: an award (with its raw claim token)."""

    def issue(email: str, version: SpecificationVersion | None = None) -> Issued:
        version = version or published
        request = AwardRequest(
            Learner(email, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
            idempotency_key(version.public_id, email, "2026-05-15"),
        )
        with signer_for(version.specification.organization) as signer:
            (issued,) = issue_awards(version, [request], signer=signer)
        assert issued.claim_token is not None
        return issued

    return issue


def revoke(issued: Issued, reason: str) -> None:
    award = issued.award
    award.refresh_from_db()
    with signer_for(award.organization) as signer:
        change_status([award], StatusAction.REVOKE, reason=reason, by=None, signer=signer)


@pytest.fixture
def make_learner(db: None) -> MakeLearner:
    """``make_learner(email, verified=True)``: an account whose address is (or is not) confirmed."""

    def make(email: str, *, verified: bool = True) -> User:
        user = User.objects.create_user(email, PASSWORD, display_name="Ayşe Yılmaz")
        EmailAddress.objects.create(
            user=user, email=email, verified_at=timezone.now() if verified else None
        )
        return user

    return make


def signed_in(client: Client, user: User) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


def url(name: str, lang: str = "en", **kwargs: str) -> str:
    path = reverse(f"wallet:{name}", kwargs=kwargs)
    return f"/{lang}/" + path.split("/", 2)[2]


def page(response: Any) -> str:
    return unescape(response.content.decode())
