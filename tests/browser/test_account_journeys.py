"""Accounts in a real browser (issue 13): a learner claims on a phone in Turkish; a
forgotten password is reset from the sign-in page; an officer whose organisation requires
two-factor sign-in is made to enrol, then signs in with a code."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page

from microcred.accounts import totp, two_factor
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations import two_factor_rule
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.verification.services import clear_caches
from microcred.wallet.models import WalletItem
from tests.browser.journeys import EMAIL, award_by_email, count_submissions
from tests.conftest import PASSWORD, MakeMember

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(autouse=True)
def _platform(monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url  # claim links point here
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    get_keystore.cache_clear()
    clear_caches()


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        locale="tr-TR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


def test_a_learner_claims_on_a_phone_in_turkish(
    live_server: Any, phone: BrowserContext, organization: Organization, screenshot: Any
) -> None:
    claim_link = award_by_email(organization, "tr")
    assert "/tr/issuing/claim/" in claim_link
    page = phone.new_page()
    submissions = count_submissions(page)
    page.goto(claim_link)
    page.click("a.save-to-passport")
    page.wait_for_url(re.compile(r"/tr/wallet/claim/"))
    assert "Pasaportunuzu oluşturun" in page.inner_text("main")
    assert page.locator("main a[href='/tr/accounts/privacy/']").count() >= 1
    # Usable with a thumb: 16 px text in the fields (no zoom on focus), 44 px buttons.
    field = page.locator("input[name=password1]")
    assert field.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    box = page.locator("[data-step=new-passport] button[type=submit]").bounding_box()
    assert box is not None
    assert box["height"] >= 44
    assert box["x"] + box["width"] <= 390
    screenshot(page, "claim-phone-tr")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("[data-step=new-passport] button[type=submit]")
    page.wait_for_url(re.compile(r"/tr/wallet/$"))
    assert len(submissions) <= 3, submissions
    assert "Mikro-yeterlilik pasaportunuza kaydedildi." in page.inner_text("main")
    screenshot(page, "passport-phone-tr")
    user = User.objects.get(email=EMAIL)
    assert EmailAddress.objects.get(user=user, email=EMAIL).verified
    assert WalletItem.objects.filter(owner=user).count() == 1


def test_a_forgotten_password_is_reset_from_the_sign_in_page(
    live_server: Any, page: Page, screenshot: Any
) -> None:
    User.objects.create_user("ada@example.org", PASSWORD, display_name="Ada")
    base = live_server.url
    page.goto(f"{base}/en/accounts/sign-in/")
    page.click("a.forgot-password")
    page.fill("input[name=email]", "ada@example.org")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/en/accounts/password/reset/sent/"))
    assert "Check your inbox" in page.inner_text("main")
    found = re.search(r"https?://\S+/password/reset/\S+/", str(mail.outbox[-1].body))
    assert found is not None
    link = re.sub(r"^https?://[^/]+", base, found.group(0))
    page.goto(link)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    screenshot(page, "reset-choose")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/en/accounts/password/reset/done/"))
    page.click("main a.button")
    page.fill("input[name=username]", "ada@example.org")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    # Signed in with the new password; someone with no organisation lands on the passport.
    page.wait_for_url(re.compile(r"/en/wallet/$"))
    assert "Sign out" in page.inner_text("header")


def code_for(user: User, offset: int = 0) -> str:
    secret = user.two_factor.secret
    return totp.totp(totp.secret_bytes(secret), time.time() + offset)


def test_an_officer_is_made_to_enrol_then_signs_in_with_a_code(
    live_server: Any,
    page: Page,
    organization: Organization,
    make_member: MakeMember,
    screenshot: Any,
) -> None:
    admin = make_member(organization, Role.ADMIN)
    two_factor.start_enrolment(admin)
    two_factor.confirm_enrolment(admin, code_for(admin))
    two_factor_rule.set_required(organization, required=True, by=admin)
    officer = make_member(organization, Role.ISSUER, email="officer@anadolu.example")
    base = live_server.url
    overview = f"{base}/en/orgs/{organization.slug}/"

    def sign_in_with_password() -> None:
        page.goto(f"{base}/en/accounts/sign-in/?next=/en/orgs/{organization.slug}/")
        page.fill("input[name=username]", officer.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")

    sign_in_with_password()
    page.wait_for_url(re.compile(r"/en/accounts/security/two-factor/\?next="))
    assert "Your organisation requires two-factor sign-in" in page.inner_text("main")
    assert page.locator("figure.two-factor-qr svg").count() == 1
    screenshot(page, "enrol")
    officer.refresh_from_db()
    page.fill("input[name=code]", code_for(officer))
    page.click("main form button[type=submit]")
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "recovery-codes")
    page.click("main a.button")
    page.wait_for_url(overview)
    page.click(".account-nav form button")  # sign out

    sign_in_with_password()
    page.wait_for_url(re.compile(r"/en/accounts/sign-in/code/"))
    page.fill("input[name=code]", "000000")
    page.click("main form button[type=submit]")
    assert "That code is not right" in page.inner_text("main")
    page.fill("input[name=code]", code_for(officer, offset=30))
    page.click("main form button[type=submit]")
    page.wait_for_url(overview)
    assert organization.name in page.inner_text("main")
