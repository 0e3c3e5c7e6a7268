"""A micro-credential approved by a quality-assurance body, in a real browser (issue 11).

The designer submits a version to the QA body; a reviewer (working in Turkish) returns it
with a comment; the designer reads the comment, fixes the draft and submits it again; the
reviewer answers every criterion and approves; the designer publishes; the officer issues a
credential; a visitor verifies it on the public page, which says who approved it — from the
QA body's signed endorsement the credential carries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from microcred.catalog import qa_criteria
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.vc.elements.conftest import full_elements

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Ölçme ölçütlerini önceden yayımlayın."
FIX = "Değerlendirme ölçütleri ders başında yayımlanır."


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    yield
    get_keystore.cache_clear()


@pytest.fixture
def qa_body(db: None) -> Organization:
    return Organization.objects.create(
        slug="kalite-kurulu", name="Kalite Kurulu", country="TR", kind=Organization.Kind.QA_BODY
    )


def person(browser: Browser, live_server: Any, email: str) -> Page:
    """A signed-in person in a browser context of their own."""
    page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, email, PASSWORD)
    return page


def test_submit_return_fix_approve_issue_and_verify(
    live_server: Any,
    browser: Browser,
    organization: Organization,
    qa_body: Organization,
    make_member: Any,
    screenshot: Any,
    tmp_path: Path,
    recognise: Any,
) -> None:
    recognise(organization)  # so that the answer may call the credential valid outright
    version = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    designer = person(browser, live_server, make_member(organization, Role.DESIGNER).email)
    reviewer = person(browser, live_server, make_member(qa_body, Role.QA_REVIEWER).email)
    officer = person(browser, live_server, make_member(organization, Role.ISSUER).email)
    version_url = f"{live_server.url}/en/catalog/{organization.slug}/specifications/v/"
    version_url += f"{version.public_id}/"

    # The designer submits the version to the QA body.
    designer.goto(version_url)
    designer.select_option("select[name=qa_body]", qa_body.slug)
    designer.fill("textarea[name=note]", "Ready for review.")
    designer.click("form.submit-review button[type=submit]")
    expect(designer.locator("#approval-status")).to_contain_text("Under review by Kalite Kurulu")
    expect(designer.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    screenshot(designer, "submitted")

    # The reviewer, in Turkish, finds it in the queue and returns it with a comment.
    reviewer.goto(f"{live_server.url}/tr/catalog/{qa_body.slug}/reviews/")
    reviewer.get_by_role("link", name=version.title).click()
    expect(reviewer.locator('[data-element="learning_outcomes"]')).to_be_visible()
    expect(reviewer.locator("ul.auto-checks")).to_contain_text("Tüm zorunlu AB öğeleri mevcut.")
    reviewer.select_option('[data-criterion="assessment_valid"] select', "not_met")
    reviewer.fill("textarea[name=comment]", COMMENT)
    screenshot(reviewer, "review-tr")
    reviewer.get_by_role("button", name="Değişiklik için geri gönder").click()
    expect(reviewer.locator("span.status")).to_have_text("Değişiklik için geri gönderildi")

    # The designer reads the comment, fixes the draft and submits it again.
    designer.goto(version_url)
    expect(designer.locator(".review-history")).to_contain_text(COMMENT)
    expect(designer.locator(".review-history")).to_contain_text("Returned for changes")
    designer.get_by_role("link", name="Edit", exact=True).click()
    designer.get_by_label(re.compile(r"^Assessment details:?$")).fill(FIX)
    designer.get_by_role("button", name="Save draft").click()
    designer.wait_for_url(version_url)
    designer.select_option("select[name=qa_body]", qa_body.slug)
    designer.click("form.submit-review button[type=submit]")
    expect(designer.locator("#approval-status")).to_contain_text("Under review by Kalite Kurulu")

    # The reviewer answers every criterion and approves.
    reviewer.goto(f"{live_server.url}/tr/catalog/{qa_body.slug}/reviews/")
    reviewer.locator("table.review-queue").get_by_role("link", name=version.title).click()
    expect(reviewer.locator("dl.elements")).to_contain_text(FIX)
    for code in qa_criteria.codes():
        reviewer.select_option(f'[data-criterion="{code}"] select', "met")
    reviewer.fill("textarea[name=comment]", "Tüm ölçütler karşılanıyor.")
    reviewer.get_by_role("button", name="Onayla").click()
    expect(reviewer.locator("#approval-status")).to_contain_text(
        "Kalite Kurulu tarafından onaylandı"
    )
    screenshot(reviewer, "approved-tr")

    # The designer publishes; the page says the approval travels with the credentials.
    designer.goto(version_url)
    expect(designer.locator("#approval-status")).to_contain_text("Approved by Kalite Kurulu")
    designer.get_by_role("button", name="Publish").click()
    expect(designer.locator("span.status")).to_have_text("Published")
    screenshot(designer, "published")

    # The officer issues one credential from it.
    officer.goto(f"{live_server.url}/en/issuing/{organization.slug}/issue/")
    officer.select_option("select[name=version]", version.public_id)
    officer.fill("input[name=name]", "Ayşe Yılmaz")
    officer.fill("input[name=email]", "ayse@uni.example")
    officer.fill("input[name=awarded_on]", "2026-06-01")
    officer.click("main form button[type=submit]")
    officer.wait_for_url(re.compile(r".*/awards/[^/]+/$"))
    award = Award.objects.get(organization=organization)
    assert SpecificationVersion.objects.get(pk=version.pk).status == "published"

    # Anyone verifies it on the public page and reads who approved it.
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(award.credential, ensure_ascii=False), "utf-8")
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{live_server.url}/en/verify/")
    visitor.set_input_files("#verify-form input[type=file]", str(path))
    visitor.click("#verify-form button[type=submit]")
    expect(visitor.locator("#verdict")).to_contain_text("Valid — issued by Anadolu Üniversitesi")
    expect(visitor.locator("ul.approvals")).to_contain_text("Approved by Kalite Kurulu on ")
    screenshot(visitor, "verified")
