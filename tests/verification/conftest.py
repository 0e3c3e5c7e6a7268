"""Verification fixtures: an award issued here (with its status entries), fresh caches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.verification.services import clear_caches, use_remote

from ..issuing.conftest import kek, published

__all__ = ["kek", "published"]


@pytest.fixture(autouse=True)
def _fresh_caches(settings: Any) -> Iterator[None]:
    """No cached documents between tests; no rate limit unless a test sets one."""
    settings.MICROCRED_VERIFY_RATE = "off"
    clear_caches()
    cache.clear()
    yield
    clear_caches()
    use_remote(None)


@pytest.fixture
def award(organization: Organization, published: SpecificationVersion) -> Award:
    learner = Learner("ayse@uni.example", "Ayşe Yılmaz", "AA", date(2026, 5, 1))
    request = AwardRequest(learner, idempotency_key("verification-test", learner.email))
    with signer_for(organization) as signer:
        (issued,) = issue_awards(published, [request], signer=signer, include_name=True)
    return issued.award


def change(award: Award, action: StatusAction, reason: str) -> None:
    with signer_for(award.organization) as signer:
        change_status([award], action, reason=reason, by=None, signer=signer)
