"""Review of e-mail confirmation: no flooding a stranger's inbox, no confirming by GET or
without CSRF, and links bound to their account."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core import mail
from django.test import Client

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(email: str, *, enforce_csrf_checks: bool = False) -> tuple[Client, User]:
    user = User.objects.create_user(email, PASSWORD)
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    assert client.login(username=email, password=PASSWORD)
    return client, user


def test_a_strangers_address_cannot_be_flooded_with_links() -> None:
    """Anyone can add any address to a fresh account; the budget is per address."""
    victim = "victim@elsewhere.example"
    for n in range(3):
        client, _user = signed_in(f"attacker{n}@spam.example")
        for _ in range(3):
            client.post("/en/accounts/emails/", {"email": victim})
            row = EmailAddress.objects.get(user=_user)
            client.post(f"/en/accounts/emails/{row.public_id}/resend")
    sent = [m for m in mail.outbox if m.to == [victim]]
    assert len(sent) == emails.DEFAULT_LINKS_PER_HOUR


def test_over_the_budget_the_learner_is_told_precisely(settings: object) -> None:
    settings.MICROCRED_EMAIL_LINKS_PER_HOUR = 1  # type: ignore[attr-defined]
    client, user = signed_in("ayse@uni.example")
    row = emails.add_address(user, "ayse@home.example")
    assert client.post(f"/en/accounts/emails/{row.public_id}/resend").status_code == 302
    response = client.post(f"/en/accounts/emails/{row.public_id}/resend", follow=True)
    assert "already sent to ayse@home.example in the last hour" in unescape(
        response.content.decode()
    )
    assert len(mail.outbox) == 1


def _link(user: User, email: str) -> str:
    row = emails.add_address(user, email)
    assert emails.send_verification(row, base_url="http://testserver")
    found = re.search(r"http://testserver(/\S+)", str(mail.outbox[-1].body))
    assert found is not None
    return found.group(1)


def test_opening_the_link_alone_confirms_nothing() -> None:
    """Mail scanners prefetch links: GET and HEAD only show the confirm button."""
    client, user = signed_in("ayse@uni.example")
    link = _link(user, "ayse@uni.example")
    assert client.get(link).status_code == 200
    assert client.head(link).status_code == 405
    assert emails.verified_emails(user) == []


def test_confirming_needs_the_csrf_token() -> None:
    client, user = signed_in("ayse@uni.example", enforce_csrf_checks=True)
    link = _link(user, "ayse@uni.example")
    assert client.post(link).status_code == 403
    assert emails.verified_emails(user) == []


def test_a_link_does_not_confirm_for_another_signed_in_account() -> None:
    _owner_client, owner = signed_in("ayse@uni.example")
    link = _link(owner, "ayse@uni.example")
    thief, thief_user = signed_in("thief@spam.example")
    response = thief.post(link)
    assert response.status_code == 400
    assert 'data-code="accounts.email_link_wrong_account"' in response.content.decode()
    assert emails.verified_emails(thief_user) == []
    assert not EmailAddress.objects.filter(user=thief_user, email="ayse@uni.example").exists()


def test_the_confirm_page_is_never_cached() -> None:
    client, user = signed_in("ayse@uni.example")
    link = _link(user, "ayse@uni.example")
    assert "no-store" in client.get(link)["Cache-Control"]
    altered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"
    refused = client.get(altered)
    assert refused.status_code == 400
    assert "no-store" in refused["Cache-Control"]  # the refusal too
