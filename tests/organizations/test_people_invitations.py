"""Invitations: the e-mail, the link, joining with the role, and every way a link fails."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.organizations.models.people import Invitation
from microcred.organizations.roles import Role
from tests.accounts.helpers import fast_passwords, static_sources
from tests.conftest import PASSWORD, MakeMember

__all__ = ["fast_passwords", "static_sources"]

LINK = re.compile(r"http://testserver(/(en|tr)/accounts/invitations/[^/\s]+/)")


def _invite(client: Client, email: str, role: str = "issuer", lang: str = "en") -> str:
    """Send an invitation through the page; the path of the link in the e-mail."""
    before = len(mail.outbox)
    response = client.post(f"/{lang}/orgs/anadolu-uni/invitations/", {"email": email, "role": role})
    assert response.status_code == 302
    assert len(mail.outbox) == before + 1
    message = mail.outbox[-1]
    assert message.to == [email.lower()]
    found = LINK.search(str(message.body))
    assert found is not None, message.body
    return found.group(1)


@pytest.fixture
def admin_client(client: Client, organization: Organization, make_member: MakeMember) -> Client:
    client.force_login(make_member(organization, Role.ADMIN))
    return client


def _roles(organization: Organization, email: str) -> set[str]:
    rows = Membership.objects.filter(organization=organization, user__email=email)
    return set(rows.values_list("role", flat=True))


def test_new_person_signs_up_through_the_link_and_joins(
    admin_client: Client, organization: Organization
) -> None:
    path = _invite(admin_client, "New.Person@example.org", role="designer")
    subject = mail.outbox[-1].subject
    assert subject == "Invitation to join Anadolu Üniversitesi on Microcred"
    assert "Programme designer" in mail.outbox[-1].body

    token = path.rstrip("/").rsplit("/", 1)[1]
    stored = Invitation.objects.get()
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64

    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200
    assert "new.person@example.org" in page.content.decode()
    data = {"display_name": "New Person", "password1": PASSWORD, "password2": PASSWORD}
    response = visitor.post(path, data)
    assert response.status_code == 302
    assert response["Location"] == "/en/orgs/anadolu-uni/"
    assert _roles(organization, "new.person@example.org") == {"designer"}
    assert visitor.get("/en/orgs/anadolu-uni/").status_code == 200
    stored.refresh_from_db()
    assert stored.accepted_at is not None


def test_existing_person_signs_in_then_joins(
    admin_client: Client, organization: Organization
) -> None:
    User.objects.create_user("known@example.org", PASSWORD)
    path = _invite(admin_client, "known@example.org", role="qa_reviewer")
    visitor = Client()
    page = visitor.get(path).content.decode()
    assert "Sign in with it to join" in page
    signed_in = visitor.post(
        f"/en/accounts/sign-in/?next={path}",
        {"username": "known@example.org", "password": PASSWORD, "next": path},
    )
    assert signed_in["Location"] == path
    assert visitor.get(path).status_code == 200
    response = visitor.post(path)
    assert response.status_code == 302
    assert _roles(organization, "known@example.org") == {"qa_reviewer"}


def test_used_link_is_refused(admin_client: Client, organization: Organization) -> None:
    path = _invite(admin_client, "once@example.org")
    visitor = Client()
    data = {"display_name": "Once", "password1": PASSWORD, "password2": PASSWORD}
    assert visitor.post(path, data).status_code == 302
    again = visitor.post(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_expired_link_is_refused(admin_client: Client, organization: Organization) -> None:
    path = _invite(admin_client, "late@example.org")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(path)
    assert response.status_code == 410
    assert "This invitation has expired. Ask an admin of Anadolu Üniversitesi" in (
        response.content.decode()
    )
    data = {"display_name": "Late", "password1": PASSWORD, "password2": PASSWORD}
    assert Client().post(path, data).status_code == 410
    assert not User.objects.filter(email="late@example.org").exists()


def test_link_expires_after_seven_days(admin_client: Client) -> None:
    _invite(admin_client, "week@example.org")
    stored = Invitation.objects.get()
    assert stored.expires_at - stored.created == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_wrong_account_is_refused(
    admin_client: Client, organization: Organization, make_member: MakeMember
) -> None:
    path = _invite(admin_client, "right@example.org")
    wrong = make_member(organization, Role.ISSUER, email="wrong@example.org")
    visitor = Client()
    visitor.force_login(wrong)
    for response in (visitor.get(path), visitor.post(path)):
        assert response.status_code == 403
        body = response.content.decode()
        assert "This invitation was sent to right@example.org" in body
        assert "you are signed in as wrong@example.org" in body
    assert _roles(organization, "wrong@example.org") == {"issuer"}
    assert Invitation.objects.get().accepted_at is None


def test_unknown_link_is_404(db: None, client: Client) -> None:
    response = client.get("/en/accounts/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


def test_invitation_mail_is_in_the_inviters_language(admin_client: Client) -> None:
    path = _invite(admin_client, "turk@example.org", lang="tr")
    assert path.startswith("/tr/accounts/invitations/")
    message = mail.outbox[-1]
    assert message.subject == "Microcred'de Anadolu Üniversitesi kuruluşuna katılma daveti"
    assert "“Düzenleme görevlisi” rolüyle" in message.body
    assert "Issuer officer" not in message.body


def test_withdrawn_invitation_no_longer_works(admin_client: Client) -> None:
    path = _invite(admin_client, "gone@example.org")
    public_id = Invitation.objects.get().public_id
    response = admin_client.post(f"/en/orgs/anadolu-uni/invitations/{public_id}/cancel/")
    assert response.status_code == 302
    assert Client().get(path).status_code == 404


def test_bad_invitation_input_is_refused_and_kept(admin_client: Client) -> None:
    response = admin_client.post(
        "/en/orgs/anadolu-uni/invitations/", {"email": "not-an-address", "role": "issuer"}
    )
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.content.decode()
    assert mail.outbox == []
    assert not Invitation.objects.exists()
