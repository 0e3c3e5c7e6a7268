"""Confirming e-mail addresses through signed, expiring links, over the real views."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from django.core import mail
from django.test import Client

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/\S+)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def sign_up(client: Client, email: str, next_url: str = "") -> User:
    data = {
        "email": email,
        "display_name": "Ayşe Yılmaz",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post(
        "/en/accounts/sign-up/" + (f"?next={next_url}" if next_url else ""), data
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/sign-up/sent/"
    # Not signed in by signing up: the person signs in, as the page tells them to.
    signed_in = client.post("/en/accounts/sign-in/", {"username": email, "password": PASSWORD})
    assert signed_in.status_code == 302
    return User.objects.get(email=email)


def test_sign_up_sends_a_link_that_confirms_the_address(client: Client) -> None:
    user = sign_up(client, "ayse@uni.example")
    row = EmailAddress.objects.get(user=user)
    assert not row.verified
    (message,) = mail.outbox
    assert message.to == ["ayse@uni.example"]
    assert message.subject == "Confirm your e-mail address"
    link = link_in(message)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "Confirm that ayse@uni.example is your address." in unescape(
        confirm_page.content.decode()
    )
    row.refresh_from_db()
    assert not row.verified  # a GET (a mail scanner's prefetch) confirms nothing
    response = client.post(link)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.verified
    assert emails.verified_emails(user) == ["ayse@uni.example"]


def test_the_link_keeps_where_the_learner_was_going(client: Client) -> None:
    sign_up(client, "ayse@uni.example", next_url="/en/wallet/claim/abc/")
    link = link_in(mail.outbox[0])
    assert "next=%2Fen%2Fwallet%2Fclaim%2Fabc%2F" in link
    assert client.post(link)["Location"] == "/en/wallet/claim/abc/"


def test_expired_altered_and_foreign_links_are_refused_precisely(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = sign_up(client, "ayse@uni.example")
    link = link_in(mail.outbox[0])
    tampered = link.replace("/confirm/", "/confirm/x")
    response = client.post(tampered)
    assert response.status_code == 400
    assert 'data-code="accounts.email_link_invalid"' in response.content.decode()
    later = time.time() + emails.DEFAULT_MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)  # what django.core.signing reads
    response = client.post(link)
    assert response.status_code == 400
    assert 'data-code="accounts.email_link_expired"' in response.content.decode()
    monkeypatch.undo()
    other = User.objects.create_user("mehmet@uni.example", PASSWORD)
    client.force_login(other)
    response = client.get(link)
    assert response.status_code == 400
    assert 'data-code="accounts.email_link_wrong_account"' in response.content.decode()
    assert not EmailAddress.objects.get(user=user).verified


def test_a_learner_adds_and_confirms_a_second_address(client: Client) -> None:
    user = sign_up(client, "ayse@uni.example")
    mail.outbox.clear()
    response = client.post("/en/accounts/emails/", {"email": "Ayse@Home.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ayse@home.example"]
    client.post(link_in(message))
    assert emails.verified_emails(user) == ["ayse@home.example"]
    text = unescape(client.get("/en/accounts/emails/").content.decode())
    assert "ayse@home.example" in text
    assert "Not confirmed yet" in text


def test_resend_and_an_address_verified_by_someone_else(client: Client) -> None:
    owner = User.objects.create_user("owner@uni.example", PASSWORD)
    row = emails.add_address(owner, "shared@uni.example")
    emails.confirm(emails.make_token(row), owner)
    user = sign_up(client, "ayse@uni.example")
    response = client.post("/en/accounts/emails/", {"email": "shared@uni.example"})
    assert response.status_code == 400
    assert "already verified by another account" in unescape(response.content.decode())
    mail.outbox.clear()
    mine = EmailAddress.objects.get(user=user)
    assert client.post(f"/en/accounts/emails/{mine.public_id}/resend").status_code == 302
    assert len(mail.outbox) == 1
    foreign = EmailAddress.objects.get(user=owner)
    assert client.post(f"/en/accounts/emails/{foreign.public_id}/resend").status_code == 404


def test_email_pages_need_sign_in(client: Client) -> None:
    response = client.get("/en/accounts/emails/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")
