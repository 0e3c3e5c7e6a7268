"""Field-ready issuing, by clicking only: a Turkish officer issues on a phone (390 px), an
English one on a desktop; a CSV with a bad row keeps it on the batch page; search, resend,
correct-and-reissue; and the learner's share list with its copy button and LinkedIn.

The batch is run by calling the worker's own function (``run_batch``) in the test's thread,
as ``test_issuer_officer.py`` explains the live server's in-memory database requires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.batches import run_batch
from microcred.issuing.models import Award, Batch
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc import Learner
from microcred.verification.services import clear_caches
from microcred.wallet import claims
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.queued_mail import run_queued_mail
from tests.vc.elements.conftest import full_elements

LINKEDIN = re.compile(r"^https://www\.linkedin\.com/profile/add\?")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture(autouse=True)
def _platform(monkeypatch: pytest.MonkeyPatch, settings: Any, live_server: Any) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    clear_caches()
    settings.MICROCRED_PUBLIC_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    get_keystore.cache_clear()
    clear_caches()


def box(page: Page, label: str) -> Any:
    """The text field whose label starts with ``label`` (a checkbox may mention it too)."""
    return page.get_by_role("textbox", name=re.compile("^" + re.escape(label)))


@pytest.fixture
def published(organization: Organization) -> SpecificationVersion:
    version = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    return catalog.publish(version)


def test_a_turkish_officer_issues_on_a_phone(
    browser: Browser,
    live_server: Any,
    organization: Organization,
    published: SpecificationVersion,
    make_member: Any,
    screenshot: Any,
) -> None:
    Organization.objects.filter(pk=organization.pk).update(default_language="tr")
    context = browser.new_context(locale="tr-TR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    officer = make_member(organization, Role.ISSUER)
    sign_in(page, live_server.url, officer.email, PASSWORD)
    page.goto(f"{live_server.url}/tr/issuing/{organization.slug}/issue/")
    page.get_by_label(re.compile(r"^Mikro-yeterlilik:?$")).select_option(published.public_id)
    box(page, "Öğrenenin adı").fill("Ayşe Yılmaz")
    box(page, "Öğrenenin e-postası").fill("ayse@uni.example")
    expect(page.get_by_label("Tamamlama tarihi")).to_have_value(timezone.localdate().isoformat())
    expect(page.get_by_role("button", name="Düzenle")).to_have_count(0)
    screenshot(page, "1-form")
    page.get_by_role("button", name="Mikro-yeterliliği ver").click()
    expect(page.locator(".messages")).to_contain_text("Verildi.")
    screenshot(page, "2-issued")
    award = Award.objects.get()
    assert award.language == "tr"
    assert "Ayşe Yılmaz" in str(award.credential)
    assert run_queued_mail() == 1  # the claim e-mail, a task queued with the award
    assert mail.outbox[0].body.startswith("Merhaba Ayşe Yılmaz,")
    context.close()


def test_an_officer_issues_uploads_searches_resends_and_corrects(
    live_server: Any,
    page: Page,
    organization: Organization,
    published: SpecificationVersion,
    make_member: Any,
    screenshot: Any,
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    officer = make_member(organization, Role.ISSUER)
    sign_in(page, live_server.url, officer.email, PASSWORD)
    base = f"{live_server.url}/en/issuing/{organization.slug}"

    # One learner, on a desktop, in English.
    page.goto(f"{base}/issue/")
    page.get_by_label(re.compile(r"^Micro-credential:?$")).select_option(published.public_id)
    box(page, "Learner's name").fill("Ali Kaya")
    box(page, "Learner's e-mail").fill("ali@uni.example")
    page.get_by_role("button", name="Issue the micro-credential").click()
    expect(page.locator(".messages")).to_contain_text("Issued. ali@uni.example was sent")

    # A CSV with a bad row: the row is kept, with its reason, on the batch page.
    page.get_by_role("link", name="Issue from a CSV file").click()
    page.get_by_label(re.compile(r"^Micro-credential:?$")).select_option(published.public_id)
    day = date.today().isoformat()
    body = f"name,email,date\nAyşe Yılmaz,ayse@uni.example,{day}\nMehmet,mehmet.uni.example,{day}\n"
    page.get_by_label("CSV file").set_input_files(
        {"name": "learners.csv", "mimeType": "text/csv", "buffer": body.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".valid-count")).to_contain_text("1 new, 0 already issued")
    page.get_by_role("button", name="Issue the 1 new micro-credential").click()
    run_batch(Batch.objects.get().public_id)
    page.reload()
    skipped = page.locator(".skipped-rows")
    expect(skipped).to_contain_text("“mehmet.uni.example” is not an e-mail address.")
    expect(page.locator("#batch-progress")).to_contain_text("1 new, 0 already issued")
    screenshot(page, "1-batch")

    # Search, then the award: resend its claim e-mail, then correct it.
    page.get_by_role("link", name="Awards", exact=True).first.click()
    page.get_by_label("Search").fill("Ayşe")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("main")).to_contain_text("1 award matches.")
    expect(page.locator("td.claimed")).to_have_text("Not yet")
    page.get_by_role("link", name="Ayşe Yılmaz").click()
    sent = len(mail.outbox)
    page.get_by_role("button", name="Send the claim e-mail again").click()
    expect(page.locator(".messages")).to_contain_text("sent again to ayse@uni.example")
    assert len(mail.outbox) == sent + 1
    page.get_by_role("link", name="Correct and reissue").click()
    box(page, "Learner's name").fill("Ayşe Nur Yılmaz")
    page.get_by_label("Public reason for revoking the wrong one").fill("Name misspelt")
    page.get_by_label("Internal note").fill("Learner wrote on 3 May")
    page.get_by_role("button", name="Revoke the wrong one and issue the corrected one").click()
    expect(page.locator(".messages")).to_contain_text("Corrected")
    expect(page.locator(".award-history")).to_contain_text("Issued as a correction")
    screenshot(page, "2-corrected")
    page.get_by_role("link", name="the award it replaces").click()
    expect(page.locator("dd.state")).to_have_text("Revoked")
    expect(page.locator(".award-history")).to_contain_text("Name misspelt")
    expect(page.get_by_role("link", name="the corrected award")).to_be_visible()
    assert Award.objects.filter(learner_name="Ayşe Nur Yılmaz", state="active").exists()


def test_a_learner_copies_a_share_link_and_adds_to_linkedin(
    browser: Browser,
    live_server: Any,
    organization: Organization,
    published: SpecificationVersion,
    screenshot: Any,
) -> None:
    email = "ayse@uni.example"
    learner = User.objects.create_user(email, PASSWORD, display_name="Ayşe Yılmaz")
    EmailAddress.objects.create(user=learner, email=email, verified_at=timezone.now())
    request = AwardRequest(
        Learner(email, "Ayşe Yılmaz", "AA", date(2026, 5, 15)),
        idempotency_key(published.public_id, email, "2026-05-15"),
    )
    with signer_for(organization) as signer:
        (issued,) = issue_awards(published, [request], signer=signer, include_name=True)
    claims.claim(learner, issued.award)
    context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    sign_in(page, live_server.url, email, PASSWORD)

    page.goto(f"{live_server.url}/en/wallet/")
    page.get_by_text("Veri Okuryazarlığı / Data Literacy").first.click()
    page.get_by_role("button", name="Add to LinkedIn").click()
    linkedin = page.get_by_role("link", name="Add to LinkedIn")
    expect(linkedin).to_have_attribute("href", LINKEDIN)
    page.get_by_role("link", name="Share it with a link").click()
    page.get_by_label("Name of the link").fill("For Acme")
    page.get_by_role("button", name="Create the link").click()
    page.get_by_role("link", name="All share links").click()
    row = page.locator("tr", has_text="For Acme")
    expect(row.locator(".views")).to_have_text("0")
    row.get_by_role("button", name="Copy the link").click()
    expect(row.locator(".copy-status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == row.locator("input.share-url").input_value()
    assert copied.startswith(f"{live_server.url}/en/wallet/s/")
    screenshot(page, "share-list")
    page.goto(copied)
    expect(page.locator("[data-verdict]").first).to_have_attribute("data-verdict", "valid")
    context.close()
