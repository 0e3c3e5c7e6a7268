"""Pathway fixtures: two issuers, a learner holding credentials of both, a pathway.

"Anadolu Üniversitesi" defines "Veri Bilimi Sertifika Programı": its own "Python ile Veri
Analizi" and "Other Academy"'s "Machine Learning Basics" (named by achievement id and
issuer DID). Every credential is issued through the real issuing service and claimed into
the learner's passport through the real claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from microcred.accounts.models import EmailAddress, User
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.deployment import public_base_url
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.pathways import services
from microcred.pathways.models import Pathway
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import claims
from microcred.wallet.models import WalletItem
from tests.conftest import PASSWORD

from ..vc.elements.conftest import full_elements

LEARNER = "ayse@uni.example"
Publish = Callable[[Organization, str], SpecificationVersion]
IssueTo = Callable[..., Issued]


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    text = generate_kek_text()
    monkeypatch.setenv("MICROCRED_KEK", text)
    get_keystore.cache_clear()
    clear_caches()
    yield text
    get_keystore.cache_clear()
    clear_caches()


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def publish(db: None) -> Publish:
    """``publish(org, title)``: a published specification with every EU element."""

    def make(org: Organization, title: str) -> SpecificationVersion:
        elements = full_elements().model_copy(update={"title": title})
        version = catalog.create_specification(org, None, elements, hours_per_ects=28)
        return catalog.publish(version)

    return make


@pytest.fixture
def issue_to(db: None) -> IssueTo:
    """``issue_to(version, email=LEARNER, on=date)``: an award from ``version``."""

    def issue(
        version: SpecificationVersion, email: str = LEARNER, on: date | None = None
    ) -> Issued:
        awarded = on or date(2026, 5, 15)
        request = AwardRequest(
            Learner(email, "Ayşe Yılmaz", "AA", awarded),
            idempotency_key(version.public_id, email, awarded.isoformat()),
        )
        with signer_for(version.specification.organization) as signer:
            (issued,) = issue_awards(version, [request], signer=signer)
        return issued

    return issue


@pytest.fixture
def learner(db: None) -> User:
    user = User.objects.create_user(LEARNER, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=user, email=LEARNER, verified_at=timezone.now())
    return user


@dataclass
class Scenario:
    university: Organization
    academy: Organization
    python: SpecificationVersion
    ml: SpecificationVersion
    target: SpecificationVersion
    pathway: Pathway


def achievement_url(version: SpecificationVersion) -> str:
    return catalog.achievement_id(version, base_url=public_base_url())


@pytest.fixture
def scenario(
    organization: Organization, other_organization: Organization, publish: Publish
) -> Scenario:
    """The published pathway: all of [Python (ours), Machine Learning (Other Academy's)]."""
    python = publish(organization, "Python ile Veri Analizi")
    ml = publish(other_organization, "Machine Learning Basics")
    target = publish(organization, "Veri Bilimi Sertifika Programı")
    pathway = services.create_pathway(
        organization,
        None,
        services.Basics(
            name_en="Data Science Certificate Programme",
            name_tr="Veri Bilimi Sertifika Programı",
            description_en="Two micro-credentials from two issuers.",
            description_tr="İki kurumdan iki mikro-yeterlilik.",
            target=target.specification.public_id,
        ),
    )
    components = [
        {"kind": "spec", "ref": python.specification.public_id},
        {
            "kind": "achievement",
            "ref": achievement_url(ml),
            "issuer": did_for(other_organization),
            "name": "Machine Learning Basics",
        },
    ]
    services.add_rule(pathway, {"kind": "all_of", "components": components})
    services.publish(pathway)
    return Scenario(organization, other_organization, python, ml, target, pathway)


def hold(user: User, issued: Issued) -> WalletItem:
    """Claim the award into the learner's passport, as the claim link does."""
    return claims.claim(user, issued.award)
