"""Two-factor sign-in: enrolment with a QR code and recovery codes, the second step (each
code once, its own failure budget), and organisations that require it."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.accounts import totp, two_factor
from microcred.accounts.models import User
from microcred.accounts.models.two_factor import RecoveryCode, TwoFactorDevice
from microcred.organizations import two_factor_rule
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.conftest import PASSWORD, MakeMember

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db
EMAIL = "officer@anadolu.example"


def code_now(user: User, offset: int = 0) -> str:
    device = TwoFactorDevice.objects.get(user=user)
    return totp.totp(totp.secret_bytes(device.secret), time.time() + offset)


def enrol(client: Client, user: User) -> list[str]:
    """Through the pages; returns the recovery codes shown."""
    client.get("/en/accounts/security/two-factor/")
    shown = client.post("/en/accounts/security/two-factor/", {"code": code_now(user)})
    assert shown.status_code == 200
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", shown.content.decode())


@pytest.fixture
def officer(make_member: MakeMember, organization: Organization) -> User:
    return make_member(organization, Role.ISSUER, email=EMAIL)


def with_two_factor(user: User) -> list[str]:
    two_factor.start_enrolment(user)
    return two_factor.confirm_enrolment(user, code_now(user), now=time.time())


def password_step(client: Client, email: str = EMAIL) -> Response:
    return client.post("/en/accounts/sign-in/", {"username": email, "password": PASSWORD})


def test_enrolment_shows_a_qr_code_and_recovery_codes_once(client: Client, officer: User) -> None:
    client.force_login(officer)
    page = client.get("/en/accounts/security/two-factor/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    assert "<svg" in text
    wrong = client.post("/en/accounts/security/two-factor/", {"code": "000000"})
    assert wrong.status_code == 400
    assert not two_factor.is_enabled(officer)
    codes = enrol(client, officer)
    assert len(codes) == 10
    assert two_factor.is_enabled(officer)
    stored = set(RecoveryCode.objects.filter(user=officer).values_list("code_hash", flat=True))
    assert stored == {totp.hash_code(c) for c in codes}
    assert not any(code in stored for code in codes)
    again = client.get("/en/accounts/security/")
    assert not any(code in again.content.decode() for code in codes)
    assert 'data-two-factor="on"' in again.content.decode()


def test_sign_in_asks_for_the_code_and_accepts_it_once(client: Client, officer: User) -> None:
    with_two_factor(officer)
    first = password_step(client)
    assert first["Location"] == "/en/accounts/sign-in/code/"
    assert "_auth_user_id" not in client.session
    before = client.session.session_key
    code = code_now(officer, offset=30)  # the next step's code: not yet used at enrolment
    signed = client.post("/en/accounts/sign-in/code/", {"code": code})
    assert signed.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.session.session_key != before  # rotated at sign-in
    # the same code does not open a second session
    other = Client()
    password_step(other)
    replay = other.post("/en/accounts/sign-in/code/", {"code": code})
    assert replay.status_code == 400
    assert "_auth_user_id" not in other.session


def test_a_wrong_code_is_refused(client: Client, officer: User) -> None:
    with_two_factor(officer)
    password_step(client)
    wrong = client.post("/en/accounts/sign-in/code/", {"code": "123456"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_step_is_throttled(client: Client, officer: User, settings: Settings) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT = 3
    with_two_factor(officer)
    password_step(client)
    for _attempt in range(3):
        assert client.post("/en/accounts/sign-in/code/", {"code": "000000"}).status_code == 400
    blocked = client.post("/en/accounts/sign-in/code/", {"code": code_now(officer, 30)})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
    # a fresh password step does not buy fresh code guesses
    fresh = Client()
    password_step(fresh)
    assert fresh.post("/en/accounts/sign-in/code/", {"code": "000000"}).status_code == 429


def test_a_recovery_code_works_once(client: Client, officer: User) -> None:
    codes = with_two_factor(officer)
    password_step(client)
    assert client.post("/en/accounts/sign-in/code/", {"code": codes[0].upper()}).status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    other = Client()
    password_step(other)
    assert other.post("/en/accounts/sign-in/code/", {"code": codes[0]}).status_code == 400
    assert two_factor.remaining_recovery_codes(officer) == 9


def test_the_code_step_needs_the_password_step(client: Client, officer: User) -> None:
    with_two_factor(officer)
    response = client.post("/en/accounts/sign-in/code/", {"code": code_now(officer)})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")
    assert "_auth_user_id" not in client.session


def test_turning_it_off_needs_the_password(client: Client, officer: User) -> None:
    with_two_factor(officer)
    client.force_login(officer)
    client.post("/en/accounts/security/two-factor/off", {"password": "wrong"})
    assert two_factor.is_enabled(officer)
    client.post("/en/accounts/security/two-factor/off", {"password": PASSWORD})
    assert not two_factor.is_enabled(officer)
    assert not RecoveryCode.objects.filter(user=officer).exists()


def require(client: Client, admin: User, organization: Organization) -> Response:
    client.force_login(admin)
    return client.post(
        f"/en/accounts/security/orgs/{organization.slug}/two-factor", {"required": "1"}
    )


def test_an_admin_requires_it_only_with_their_own(
    client: Client, make_member: MakeMember, organization: Organization
) -> None:
    admin = make_member(organization, Role.ADMIN)
    require(client, admin, organization)
    assert not two_factor_rule.is_required(organization)
    with_two_factor(admin)
    require(client, admin, organization)
    assert two_factor_rule.is_required(organization)
    page = client.get("/en/accounts/security/").content.decode()
    assert f'data-org="{organization.slug}"' in page


def test_only_an_admin_sets_the_rule(
    client: Client, officer: User, organization: Organization
) -> None:
    with_two_factor(officer)
    assert require(client, officer, organization).status_code == 403
    assert not two_factor_rule.is_required(organization)


def test_members_without_it_are_sent_to_enrol(
    client: Client, officer: User, make_member: MakeMember, organization: Organization
) -> None:
    admin = make_member(organization, Role.ADMIN)
    with_two_factor(admin)
    require(client, admin, organization)
    client.force_login(officer)
    awards = f"/en/issuing/{organization.slug}/awards/"
    sent = client.get(awards)
    assert sent.status_code == 302
    assert sent["Location"].startswith("/en/accounts/security/two-factor/?next=")
    setup = client.get(sent["Location"]).content.decode()
    assert 'data-code="accounts.two_factor_required"' in setup
    enrol(client, officer)
    assert client.get(awards).status_code == 200
    # and it cannot be turned off while required
    client.post("/en/accounts/security/two-factor/off", {"password": PASSWORD})
    assert two_factor.is_enabled(officer)
    # a programme designer is not held to the rule; public documents stay open
    designer = make_member(organization, Role.DESIGNER)
    client.force_login(designer)
    assert client.get(f"/en/catalog/{organization.slug}/specifications/").status_code == 200
    assert client.get(f"/orgs/{organization.slug}/did.json").status_code in (200, 404)


def test_a_half_finished_sign_in_lapses(client: Client, officer: User) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from microcred.accounts.second_step import PENDING_KEY, PENDING_SECONDS

    with_two_factor(officer)
    password_step(client)
    session = client.session
    started = timezone.now() - timedelta(seconds=PENDING_SECONDS + 1)
    session[PENDING_KEY] = {**session[PENDING_KEY], "since": started.isoformat()}
    session.save()
    response = client.post("/en/accounts/sign-in/code/", {"code": code_now(officer, 30)})
    assert response["Location"] == "/en/accounts/sign-in/?expired=1"
    assert "_auth_user_id" not in client.session
