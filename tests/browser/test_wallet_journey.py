"""The learner's journey in a real browser (issue 4, "What must be shown"; issue 13): claim
from the award e-mail in one form (the link proves the address, so no second e-mail), see
it in the passport, share it with an expiring link and print a PDF; an anonymous visitor
sees "Valid"; the issuer revokes; the visitor and the learner see "Revoked" with the
issuer's reason. At desktop size (1366×900), in English."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser

from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.verification.services import clear_caches
from tests.conftest import PASSWORD

from .journeys import EMAIL, award_by_email, count_submissions

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
REASON = "Exam result annulled after review"


@pytest.fixture(autouse=True)
def _platform(monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any) -> Any:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url  # status lists and claim links point here
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    get_keystore.cache_clear()
    clear_caches()


def test_learner_claims_shares_and_sees_the_revocation(
    live_server: Any, browser: Browser, organization: Organization, screenshot: Any
) -> None:
    base = live_server.url
    claim_link = award_by_email(organization)
    assert claim_link.startswith(base)
    context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    submissions = count_submissions(page)

    # The award e-mail's link, "Save to my passport", a name and a password: done.
    page.goto(claim_link)
    page.click("a.save-to-passport")
    page.wait_for_url(re.compile(r"/en/wallet/claim/"))
    assert EMAIL in page.inner_text("[data-step=new-passport]")
    assert page.input_value("input[name=display_name]") == "Ayşe Yılmaz"
    screenshot(page, "claim-new-passport")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("[data-step=new-passport] button[type=submit]")
    page.wait_for_url(re.compile(r"/en/wallet/$"))
    assert len(submissions) <= 3, submissions
    assert len(mail.outbox) == 1  # no second e-mail: the award's own was enough
    main = page.inner_text("main")
    assert "The micro-credential was saved to your passport." in main
    assert "Anadolu Üniversitesi" in main
    assert "Valid" in main
    assert "analyse data" in main
    screenshot(page, "passport-valid")

    # An expiring share link, and the printable certificate.
    page.click("text=Veri Okuryazarlığı / Data Literacy")
    page.click("text=Share it with a link")
    page.fill("input[name=label]", "For Acme")
    page.fill("input[name=expires_on]", (date.today() + timedelta(days=7)).isoformat())
    page.click("main form button[type=submit]")
    share_url = page.input_value("input.share-url")
    assert share_url.startswith(f"{base}/en/wallet/s/")
    with page.expect_download() as download_info:
        page.click("a.pdf-link")
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # An anonymous visitor opens the link: "Valid".
    visitor_context = browser.new_context(locale="en-GB")
    visitor = visitor_context.new_page()
    visitor.goto(share_url)
    assert visitor.get_attribute("[data-verdict]", "data-verdict") == "valid"
    assert "Valid" in visitor.inner_text("main")
    assert EMAIL not in visitor.content()
    screenshot(visitor, "share-valid")

    # The issuer revokes; the visitor reloads.
    award = Award.objects.get()
    with signer_for(organization) as signer:
        change_status([award], StatusAction.REVOKE, reason=REASON, by=None, signer=signer)
    visitor.reload()
    assert visitor.get_attribute("[data-verdict]", "data-verdict") == "revoked"
    text = visitor.inner_text("main")
    assert "Revoked" in text
    assert REASON in text
    screenshot(visitor, "share-revoked")
    visitor_context.close()

    # The learner sees the reason in the passport.
    page.goto(f"{base}/en/wallet/")
    main = page.inner_text("main")
    assert "Revoked" in main
    assert REASON in main
    screenshot(page, "passport-revoked")
    context.close()
