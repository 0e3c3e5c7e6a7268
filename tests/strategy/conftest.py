"""Fixtures of the strategy tests: a strategy of ``organization`` and a signed-in member."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.strategy import services
from microcred.strategy.models import Strategy
from tests.conftest import MakeMember


@pytest.fixture
def member(organization: Organization, make_member: MakeMember) -> Any:
    return make_member(organization, Role.DESIGNER, email="designer@anadolu.example")


@pytest.fixture
def strategy(organization: Organization, member: Any) -> Strategy:
    return services.create_strategy(organization, member, "Digital skills 2026", "2026–2028")


@pytest.fixture
def member_client(client: Client, member: Any) -> Client:
    client.force_login(member)
    return client
