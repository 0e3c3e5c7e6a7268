"""API tokens: shown once, stored hashed, revocable, scoped."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from microcred.organizations.errors import ScopeError
from microcred.organizations.models import Organization
from microcred.organizations.models.people import ApiToken
from microcred.organizations.roles import Role
from microcred.organizations.tokens import (
    PlainToken,
    Scope,
    TokenGrant,
    authenticate_token,
    create_token,
    require_scope,
)
from tests.accounts.helpers import fast_passwords, static_sources
from tests.conftest import MakeMember

__all__ = ["fast_passwords", "static_sources"]

SECRET = re.compile(r'<code class="secret">(mc_[0-9a-f]{8}_[A-Za-z0-9_-]+)</code>')


@pytest.fixture
def admin_client(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    client.force_login(make_member(organization, Role.ADMIN))
    return client


def _create(client: Client, scopes: list[str]) -> str:
    response = client.post("/en/orgs/anadolu-uni/tokens/new/", {"name": "LMS", "scopes": scopes})
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    found = SECRET.search(response.content.decode())
    assert found is not None
    return found.group(1)


def test_token_is_shown_once_and_stored_hashed(admin_client: Client) -> None:
    secret = _create(admin_client, ["issue", "read"])
    row = ApiToken.objects.get()
    stored = " ".join(str(v) for v in ApiToken.objects.values().get().values())
    assert secret not in stored
    assert secret.split("_", 2)[2] not in stored
    assert row.prefix == secret[3:11]
    assert len(row.secret_hash) == 64
    listing = admin_client.get("/en/orgs/anadolu-uni/tokens/").content.decode()
    assert f"mc_{row.prefix}_…" in listing
    assert secret not in listing


def test_token_authenticates_with_its_scopes_and_records_use(
    admin_client: Client, organization: Organization
) -> None:
    secret = _create(admin_client, ["read"])
    grant = authenticate_token(secret)
    assert grant is not None
    assert grant.organization == organization
    assert grant.scopes == frozenset({"read"})
    assert grant.token_id == ApiToken.objects.get().public_id
    assert ApiToken.objects.get().last_used is not None
    require_scope(grant, Scope.READ)
    with pytest.raises(ScopeError) as refused:
        require_scope(grant, Scope.ISSUE)
    assert refused.value.code == "organizations.missing_scope"
    with pytest.raises(ValueError, match="unknown scope"):
        require_scope(grant, "admin")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),  # one character off
        lambda s: s.split("_", 2)[0] + "_" + "0" * 8 + "_" + s.split("_", 2)[2],  # other prefix
        lambda s: "",
        lambda s: "mc_short",
        lambda s: "Bearer " + s,
    ],
)
def test_wrong_tokens_do_not_authenticate(admin_client: Client, mangle: object) -> None:
    secret = _create(admin_client, ["read"])
    assert callable(mangle)
    assert authenticate_token(mangle(secret)) is None
    assert ApiToken.objects.get().last_used is None


def test_revoked_token_fails(admin_client: Client) -> None:
    secret = _create(admin_client, ["revoke"])
    token = ApiToken.objects.get()
    response = admin_client.post(f"/en/orgs/anadolu-uni/tokens/{token.public_id}/revoke/")
    assert response.status_code == 302
    assert authenticate_token(secret) is None
    listing = admin_client.get("/en/orgs/anadolu-uni/tokens/").content.decode()
    assert "Revoked" in listing


def test_token_needs_a_name_and_a_scope(admin_client: Client) -> None:
    response = admin_client.post("/en/orgs/anadolu-uni/tokens/new/", {"name": "LMS"})
    assert response.status_code == 400
    assert "Choose at least one scope." in response.content.decode()
    assert 'value="LMS"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_service_refuses_unknown_scopes_and_masks_the_secret(
    organization: Organization, make_member: MakeMember
) -> None:
    admin = make_member(organization, Role.ADMIN)
    with pytest.raises(Exception, match="valid scope"):
        create_token(organization, name="x", scopes=["everything"], created_by=admin)
    token, plain = create_token(organization, name="x", scopes=["issue"], created_by=admin)
    assert isinstance(plain, PlainToken)
    assert plain.reveal() not in repr(plain)
    assert plain.reveal() not in f"{plain}"
    assert isinstance(authenticate_token(plain.reveal()), TokenGrant)
    assert token.scopes == ["issue"]


def test_tokens_page_in_turkish(admin_client: Client) -> None:
    body = admin_client.get("/tr/orgs/anadolu-uni/tokens/new/").content.decode()
    assert "Belirteç oluştur" in body
    assert "Create a token" not in body
