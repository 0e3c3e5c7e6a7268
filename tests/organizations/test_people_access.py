"""Every organisation page refuses the people it must: signed out → sign-in, non-member or
another organisation → 404, member without the role → 403; the platform admin sees all."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.organizations.invitations import invite
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.organizations.tokens import create_token
from tests.accounts.helpers import fast_passwords, static_sources
from tests.conftest import PASSWORD, MakeMember

__all__ = ["fast_passwords", "static_sources"]

ADMIN_PAGES = [
    ("get", "members/"),
    ("post", "members/roles/"),
    ("post", "members/remove/"),
    ("get", "invitations/"),
    ("post", "invitations/"),
    ("post", "invitations/{invitation}/cancel/"),
    ("get", "tokens/"),
    ("get", "tokens/new/"),
    ("post", "tokens/new/"),
    ("post", "tokens/{token}/revoke/"),
]
ALL_PAGES = [("get", ""), *ADMIN_PAGES]


@pytest.fixture
def ids(organization: Organization, make_member: MakeMember) -> dict[str, str]:
    """An invitation and a token of ``organization``, for the URLs that name one."""
    admin = make_member(organization, Role.ADMIN)
    sent = invite(
        organization,
        email="x@example.org",
        role=Role.ISSUER,
        inviter=admin,
        language="en",
        absolute=lambda path: "http://testserver" + path,
    )
    token, _plain = create_token(organization, name="ci", scopes=["read"], created_by=admin)
    return {
        "invitation": sent.invitation.public_id,
        "token": token.public_id,
        "prefix": token.prefix,
    }


def _url(org: str, page: str, ids: dict[str, str]) -> str:
    return f"/en/orgs/{org}/" + page.format(**ids)


@pytest.mark.parametrize(("method", "page"), ALL_PAGES)
def test_signed_out_is_sent_to_sign_in(
    client: Client, organization: Organization, ids: dict[str, str], method: str, page: str
) -> None:
    url = _url(organization.slug, page, ids)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")


@pytest.mark.parametrize(("method", "page"), ALL_PAGES)
def test_non_member_gets_404(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    ids: dict[str, str],
    method: str,
    page: str,
) -> None:
    client.force_login(make_member(other_organization, Role.ADMIN))
    response = getattr(client, method)(_url(organization.slug, page, ids))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "page"), ADMIN_PAGES)
@pytest.mark.parametrize("role", [Role.ISSUER, Role.DESIGNER, Role.QA_REVIEWER])
def test_member_without_admin_role_gets_403(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    ids: dict[str, str],
    method: str,
    page: str,
    role: Role,
) -> None:
    client.force_login(make_member(organization, role))
    response = getattr(client, method)(_url(organization.slug, page, ids))
    assert response.status_code == 403


@pytest.mark.parametrize("page", ["invitations/{invitation}/cancel/", "tokens/{token}/revoke/"])
def test_another_organisations_invitation_or_token_is_404(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    ids: dict[str, str],
    page: str,
) -> None:
    """An admin elsewhere naming this organisation's objects under their own slug: 404."""
    client.force_login(make_member(other_organization, Role.ADMIN))
    response = client.post(_url(other_organization.slug, page, ids))
    assert response.status_code == 404


def test_other_organisations_people_do_not_show(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    ids: dict[str, str],
) -> None:
    client.force_login(make_member(other_organization, Role.ADMIN))
    for page in ("members/", "invitations/", "tokens/"):
        body = client.get(_url(other_organization.slug, page, ids)).content.decode()
        assert "anadolu-uni.example" not in body
        assert "x@example.org" not in body
        assert ids["prefix"] not in body


def test_any_member_sees_the_overview(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    client.force_login(make_member(organization, Role.QA_REVIEWER))
    response = client.get(f"/en/orgs/{organization.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Anadolu Üniversitesi" in body
    assert "Quality-assurance reviewer" in body
    assert "/members/" not in body  # admin links are for admins


def test_only_the_platform_admin_lists_every_organisation(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    assert client.get("/en/orgs/").status_code == 302
    client.force_login(make_member(organization, Role.ADMIN))
    assert client.get("/en/orgs/").status_code == 403
    root = User.objects.create_superuser("root@example.org", PASSWORD)
    client.force_login(root)
    body = client.get("/en/orgs/").content.decode()
    assert "Anadolu Üniversitesi" in body
    assert "Other Academy" in body
    assert client.get(f"/en/orgs/{other_organization.slug}/tokens/").status_code == 200
