"""Signing up, in and out through the pages, in both languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import PASSWORD, MakeMember

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def _sign_up(client: Client, **overrides: str) -> _MonkeyPatchedWSGIResponse:
    data = {
        "email": "Ada@Example.org",
        "display_name": "Ada Lovelace",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post("/en/accounts/sign-up/", data)


def test_sign_up_creates_an_account_to_confirm_before_signing_in(client: Client, db: None) -> None:
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/sign-up/sent/"
    user = User.objects.get(email="ada@example.org")
    assert user.display_name == "Ada Lovelace"
    assert user.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    sent = client.get(response["Location"]).content.decode()
    assert "Check your inbox" in sent
    assert "not confirmed within 7 days is deleted" in sent


def test_sign_up_refuses_different_passwords(client: Client, db: None) -> None:
    response = _sign_up(client, password2=PASSWORD + "x")
    assert response.status_code == 400
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_applies_the_password_validators(client: Client, db: None) -> None:
    response = _sign_up(client, password1="12345678", password2="12345678")
    assert response.status_code == 400
    body = response.content.decode()
    assert "too common" in body
    assert "entirely numeric" in body
    assert not User.objects.exists()


def test_sign_in_and_out(client: Client, db: None) -> None:
    User.objects.create_user("grace@example.org", PASSWORD)
    refused = client.post(
        "/en/accounts/sign-in/", {"username": "grace@example.org", "password": "wrong"}
    )
    assert refused.status_code == 200
    assert "do not match an account" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post(
        "/en/accounts/sign-in/", {"username": "Grace@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/start/"  # then where the work is (tests/web)
    assert client.get("/en/accounts/").status_code == 200

    assert client.get("/en/accounts/sign-out/").status_code == 405  # a link cannot sign out
    out = client.post("/en/accounts/sign-out/")
    assert out.status_code == 302
    assert client.get("/en/accounts/").status_code == 302


def test_my_organisations_needs_sign_in(client: Client, db: None) -> None:
    response = client.get("/en/accounts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=/en/accounts/")


def test_home_lists_memberships_with_roles(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    user = make_member(organization, Role.ISSUER, Role.DESIGNER)
    client.force_login(user)
    body = client.get("/en/accounts/").content.decode()
    assert "Anadolu Üniversitesi" in body
    assert "Programme designer, Issuer officer" in body
    assert "Other Academy" not in body


def test_creating_an_organisation_makes_the_creator_its_admin(client: Client, db: None) -> None:
    user = User.objects.create_user("founder@example.org", PASSWORD)  # not held back
    client.force_login(user)
    data = {
        "name": "Ege Akademi",
        "slug": "ege-akademi",
        "kind": "provider",
        "country": "tr",
        "website": "https://ege.example",
    }
    response = client.post("/en/accounts/", data)
    assert response.status_code == 302
    assert response["Location"] == "/en/orgs/ege-akademi/"
    organization = Organization.objects.get(slug="ege-akademi")
    assert organization.country == "TR"
    roles = list(organization.memberships.values_list("user__email", "role"))
    assert roles == [("founder@example.org", "admin")]
    assert client.get("/en/orgs/ege-akademi/members/").status_code == 200


def test_creating_an_organisation_refuses_bad_input_and_keeps_it(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    client.force_login(make_member(organization, Role.ISSUER))
    data = {"name": "Copy", "slug": "anadolu-uni", "kind": "provider", "country": "TUR"}
    response = client.post("/en/accounts/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "This short name is taken" in body
    assert "two-letter ISO 3166-1" in body
    assert 'value="Copy"' in body
    assert Organization.objects.count() == 1


def test_nav_include_shows_account_links(client: Client, db: None) -> None:
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    html = render_to_string("accounts/_nav.html", {"user": request.user}, request=request)
    assert "/en/accounts/sign-in/" in html
    assert "/en/accounts/sign-up/" in html


def test_pages_in_turkish(client: Client, db: None) -> None:
    body = client.get("/tr/accounts/sign-in/").content.decode()
    assert "Giriş yap" in body
    assert "Sign in" not in body
    assert "Hesap oluştur" in client.get("/tr/accounts/sign-up/").content.decode()


def test_nav_include_for_a_signed_in_platform_admin(db: None) -> None:
    root = User.objects.create_superuser("root@example.org", PASSWORD)
    request = RequestFactory().get("/tr/")
    request.user = root
    with translation.override("tr"):
        html = render_to_string("accounts/_nav.html", {"user": root}, request=request)
    assert "Kuruluşlarım" in html
    assert "Tüm kuruluşlar" in html
    assert 'action="/tr/accounts/sign-out/" method="post"' in html
    assert "sign-in" not in html
