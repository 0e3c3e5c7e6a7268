"""Abuse of the account pages: password guessing, address probing, squatting, and using
an unconfirmed account to send mail — each through the real views."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from microcred.accounts import emails
from microcred.accounts.expiry import expire_unverified_accounts
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.accounts.models.throttle import ThrottleCounter
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from tests.conftest import PASSWORD

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db
SIGN_IN = "/en/accounts/sign-in/"


def sign_in(client: Client, email: str, password: str, address: str = "198.51.100.7") -> Response:
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=address)


def sign_up(client: Client, email: str, password: str = PASSWORD) -> Response:
    data = {"email": email, "display_name": "Someone", "password1": password, "password2": password}
    return client.post("/en/accounts/sign-up/", data)


def confirmed(email: str) -> User:
    user = User.objects.create_user(email, PASSWORD)
    emails.confirm(emails.make_token(emails.add_address(user, email)), user)
    return user


# --- sign-in throttling ------------------------------------------------------------------


def test_guessing_one_accounts_password_is_stopped(client: Client, settings: Settings) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT = 5
    User.objects.create_user("grace@example.org", PASSWORD)
    for n in range(5):  # from ever-changing addresses: the account's count still grows
        assert (
            sign_in(client, "grace@example.org", f"guess{n}", f"203.0.113.{n}").status_code == 200
        )
    blocked = sign_in(client, "Grace@Example.org", PASSWORD, "192.0.2.99")
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 15 * 60
    assert "Too many failed sign-ins. Try again in 15 minutes." in blocked.content.decode()
    assert "_auth_user_id" not in client.session  # not even the right password, for now
    # Once the window is over (its start moved back, as the clock would), it works again.
    ThrottleCounter.objects.update(window_start=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "grace@example.org", PASSWORD).status_code == 302


def test_one_client_trying_many_accounts_is_stopped(client: Client, settings: Settings) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_CLIENT = 3
    for n in range(3):
        assert sign_in(client, f"user{n}@example.org", "123456").status_code == 200
    assert sign_in(client, "user9@example.org", "123456").status_code == 429
    other = Client()  # another client (another process, even: the count is in the database)
    assert sign_in(other, "user9@example.org", "123456", "192.0.2.1").status_code == 200


def test_a_success_clears_the_accounts_count(client: Client, settings: Settings) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT = 3
    User.objects.create_user("grace@example.org", PASSWORD)
    for _ in range(2):
        sign_in(client, "grace@example.org", "wrong")
    assert sign_in(client, "grace@example.org", PASSWORD).status_code == 302
    client.post("/en/accounts/sign-out/")
    for _ in range(2):
        assert sign_in(client, "grace@example.org", "wrong").status_code == 200


def test_the_throttle_message_is_translated(client: Client, settings: Settings) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT = 1
    sign_in(client, "grace@example.org", "wrong")
    response = client.post(
        "/tr/accounts/sign-in/", {"username": "grace@example.org", "password": "x"}
    )
    assert response.status_code == 429
    assert "Çok fazla başarısız giriş denemesi. 15 dakika sonra yeniden deneyin." in (
        response.content.decode()
    )


# --- sign-up tells no one which addresses have accounts ----------------------------------


def test_sign_up_answers_alike_for_new_taken_and_squatted_addresses(client: Client) -> None:
    owner = confirmed("owner@example.org")
    squatter = User.objects.create_user("victim@example.org", "squatters password")
    EmailAddress.objects.create(user=squatter, email="victim@example.org")
    answers = []
    for address in ("new@example.org", "OWNER@example.org", "victim@example.org"):
        response = sign_up(client, address, password="a different pass phrase")
        answers.append((response.status_code, response["Location"], dict(client.session)))
    assert answers == [(302, "/en/accounts/sign-up/sent/", {})] * 3

    assert User.objects.count() == 3  # only the new address got an account
    owner.refresh_from_db()
    squatter.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert squatter.check_password("squatters password")
    sent = {m.to[0]: m for m in mail.outbox}
    assert sorted(sent) == ["new@example.org", "owner@example.org", "victim@example.org"]
    assert sent["new@example.org"].subject == "Confirm your e-mail address"
    notice = sent["owner@example.org"]
    assert notice.subject == "Someone tried to sign up with your address"
    assert "http://testserver/en/accounts/sign-in/" in notice.body
    assert "nothing was changed" in notice.body
    # The squatted address gets the link again — to itself, for the existing account.
    assert sent["victim@example.org"].subject == "Confirm your e-mail address"
    token = re.search(r"/confirm/([^/]+)/", str(sent["victim@example.org"].body))
    assert token is not None
    assert emails.read_token(token.group(1)) == (squatter.pk, "victim@example.org")


def test_the_owner_is_not_flooded_with_notices(client: Client) -> None:
    confirmed("owner@example.org")
    for _ in range(6):
        assert sign_up(client, "owner@example.org").status_code == 302
    assert len(mail.outbox) == 3


# --- unconfirmed accounts cannot send mail through the site ------------------------------


def new_organisation(slug: str) -> dict[str, str]:
    return {"name": slug.title(), "slug": slug, "kind": "provider", "country": "TR"}


def test_an_unconfirmed_account_cannot_create_an_organisation(client: Client) -> None:
    assert sign_up(client, "spammer@example.org").status_code == 302
    sign_in(client, "spammer@example.org", PASSWORD)
    refused = client.post("/en/accounts/", new_organisation("spam-co"))
    assert refused.status_code == 403
    assert "Confirm your e-mail address before creating an organisation" in (
        refused.content.decode()
    )
    assert not Organization.objects.exists()
    link = re.search(r"http://testserver(/\S+)", str(mail.outbox[0].body))
    assert link is not None
    client.post(link.group(1))  # the address confirmed
    assert client.post("/en/accounts/", new_organisation("real-co")).status_code == 302


def test_an_unconfirmed_admin_cannot_invite(client: Client, organization: Organization) -> None:
    assert sign_up(client, "admin@example.org").status_code == 302
    user = User.objects.get(email="admin@example.org")
    Membership.objects.create(organization=organization, user=user, role=Role.ADMIN)
    sign_in(client, "admin@example.org", PASSWORD)
    mail.outbox.clear()
    refused = client.post(
        f"/en/orgs/{organization.slug}/invitations/", {"email": "x@example.org", "role": "issuer"}
    )
    assert refused.status_code == 403
    assert "Confirm your e-mail address before inviting anyone" in refused.content.decode()
    assert mail.outbox == []


def test_invitations_are_limited_per_organisation_and_sender(
    client: Client, settings: Settings, organization: Organization, other_organization: Organization
) -> None:
    settings.MICROCRED_INVITATIONS_PER_HOUR = 3
    admin = confirmed("admin@example.org")
    for org in (organization, other_organization):
        Membership.objects.create(organization=org, user=admin, role=Role.ADMIN)
    client.force_login(admin)

    def invite(org: Organization, n: int) -> Response:
        data = {"email": f"person{n}@example.org", "role": "issuer"}
        return client.post(f"/en/orgs/{org.slug}/invitations/", data)

    assert [invite(organization, n).status_code for n in range(3)] == [302] * 3
    refused = invite(organization, 3)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many invitations in the last hour." in refused.content.decode()
    # Another organisation of the same person: the sender's budget is spent too.
    assert invite(other_organization, 4).status_code == 429
    assert len(mail.outbox) == 3


# --- squatting ends: unconfirmed accounts expire -----------------------------------------


def test_unconfirmed_accounts_expire_and_free_their_address(
    client: Client, organization: Organization
) -> None:
    for address in ("squat@example.org", "member@example.org", "fresh@example.org"):
        assert sign_up(client, address).status_code == 302
    Membership.objects.create(
        organization=organization,
        user=User.objects.get(email="member@example.org"),
        role=Role.ISSUER,
    )
    kept_confirmed = confirmed("confirmed@example.org")
    legacy = User.objects.create_user("legacy@example.org", PASSWORD)  # no address row
    week_ago = timezone.now() - timedelta(days=8)
    User.objects.exclude(email="fresh@example.org").update(date_joined=week_ago)

    assert expire_unverified_accounts() == 1
    left = set(User.objects.values_list("email", flat=True))
    assert left == {"member@example.org", "fresh@example.org", kept_confirmed.email, legacy.email}
    # The address is free: signing up with it makes a new account.
    mail.outbox.clear()
    assert (
        sign_up(client, "squat@example.org", password="the owners pass phrase").status_code == 302
    )
    assert User.objects.get(email="squat@example.org").check_password("the owners pass phrase")
    assert mail.outbox[0].to == ["squat@example.org"]
