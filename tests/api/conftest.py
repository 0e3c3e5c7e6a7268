"""API fixtures: the issuing fixtures (KEK, a published specification), tokens, a client."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.organizations.tokens import create_token, revoke_token

from ..conftest import MakeMember
from ..issuing.conftest import kek, published

__all__ = ["kek", "published"]

MakeToken = Callable[..., str]


@pytest.fixture
def make_token(make_member: MakeMember) -> MakeToken:
    """``make_token(org, "issue", "read", revoked=False)``: a plain bearer token."""
    counter = iter(range(1000))

    def make(org: Organization, *scopes: str, revoked: bool = False) -> str:
        user = make_member(org, Role.ADMIN, email=f"admin{next(counter)}@{org.slug}.example")
        row, plain = create_token(org, name="test", scopes=scopes, created_by=user)
        if revoked:
            revoke_token(org, row.public_id)
        return plain.reveal()

    return make


def call(client: Client, method: str, url: str, body: Any = None, token: str = "") -> Any:
    """One JSON request; ``body`` as bytes is sent as is (to test malformed input)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, bytes) or body is None else json.dumps(body)
    return getattr(client, method)(url, data=data, content_type="application/json", headers=headers)
