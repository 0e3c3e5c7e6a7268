"""Forgotten and changed passwords: the same answer for every address, a link that works
once and expires, and every other session ended."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
EMAIL = "ada@example.org"
NEW = "a completely new passphrase"


@pytest.fixture
def ada() -> User:
    user = User.objects.create_user(EMAIL, PASSWORD, display_name="Ada")
    EmailAddress.objects.create(user=user, email=EMAIL)  # signed up, not yet confirmed
    return user


def ask_reset(client: Client, email: str, lang: str = "en") -> str:
    response = client.post(f"/{lang}/accounts/password/reset/", {"email": email})
    assert response.status_code == 302
    return response["Location"]


def reset_link() -> str:
    found = re.search(r"http://testserver(/\S+/password/reset/\S+/)", str(mail.outbox[-1].body))
    assert found is not None, mail.outbox[-1].body
    return found.group(1)


def set_new_password(client: Client, link: str) -> str:
    opened = client.get(link)
    assert opened.status_code == 302  # Django moves the token out of the URL into the session
    form = opened["Location"]
    done = client.post(form, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302, done.content.decode()
    return str(done["Location"])


def test_the_sign_in_page_links_to_the_reset(client: Client) -> None:
    assert "/en/accounts/password/reset/" in client.get("/en/accounts/sign-in/").content.decode()


def test_known_and_unknown_addresses_get_the_same_answer(client: Client, ada: User) -> None:
    known = ask_reset(client, "Ada@Example.org")
    unknown = ask_reset(client, "nobody@example.org")
    assert known == unknown == "/en/accounts/password/reset/sent/"
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_the_reset_mail_is_in_the_language_of_the_request(client: Client, ada: User) -> None:
    ask_reset(client, EMAIL, "tr")
    message = mail.outbox[-1]
    assert "Microcred parolanızı" in message.subject
    assert "/tr/accounts/password/reset/" in str(message.body)


def test_a_reset_ends_every_session_and_confirms_the_address(client: Client, ada: User) -> None:
    elsewhere = Client()
    assert elsewhere.login(username=EMAIL, password=PASSWORD)
    assert elsewhere.get("/en/accounts/").status_code == 200
    ask_reset(client, EMAIL)
    done = set_new_password(client, reset_link())
    assert done == "/en/accounts/password/reset/done/"
    ada.refresh_from_db()
    assert ada.check_password(NEW)
    assert "_auth_user_id" not in client.session  # not signed in by the reset
    signed_out = elsewhere.get("/en/accounts/")
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith("/en/accounts/sign-in/")
    assert EmailAddress.objects.get(user=ada, email=EMAIL).verified


def test_a_reset_link_works_once(client: Client, ada: User) -> None:
    ask_reset(client, EMAIL)
    link = reset_link()
    set_new_password(client, link)
    again = Client().get(link)
    assert again.status_code == 400
    assert 'data-code="reset_link_invalid"' in again.content.decode()


class _IssuedLongAgo(PasswordResetTokenGenerator):
    """The token generator as it was when a link was made past the timeout."""

    def _now(self) -> datetime:
        return datetime.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)


def test_a_reset_link_expires(client: Client, ada: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(ada.pk))
    token = _IssuedLongAgo().make_token(ada)
    response = client.get(f"/en/accounts/password/reset/{uid}/{token}/")
    assert response.status_code == 400
    assert 'data-code="reset_link_invalid"' in response.content.decode()
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_reset_mails_to_one_address_are_limited(client: Client, ada: User) -> None:
    for _attempt in range(5):
        ask_reset(client, EMAIL)
    assert len(mail.outbox) == 3


def test_change_needs_the_current_password_and_ends_other_sessions(
    client: Client, ada: User
) -> None:
    elsewhere = Client()
    assert elsewhere.login(username=EMAIL, password=PASSWORD)
    assert client.login(username=EMAIL, password=PASSWORD)
    page = "/en/accounts/password/change/"
    assert "/en/accounts/password/change/" in client.get("/en/accounts/security/").content.decode()
    wrong = client.post(page, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)
    changed = client.post(
        page, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert changed["Location"] == "/en/accounts/security/"
    assert client.get("/en/accounts/").status_code == 200  # this session stays
    assert elsewhere.get("/en/accounts/").status_code == 302  # the other one ended
    ada.refresh_from_db()
    assert ada.check_password(NEW)
    assert ada.last_login is None or ada.last_login <= timezone.now()
