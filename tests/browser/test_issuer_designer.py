"""A programme designer writes a specification in the catalogue editor, in a real browser.

What must be shown (issue 3): the live completeness and consistency checks react while the
designer types (each missing mandatory element disappears as it is filled in, an ECTS/hours
mismatch is flagged then cleared, an outcome without an observable verb is flagged), the
live preview shows the credential a learner would receive, and the finished specification
is published. Every check result comes from the server through HTMX, as in production.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.browser.conftest import sign_in
from tests.browser.page_audit import PHONE, axe_findings, failing, overflow
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

#: The editor re-checks 700 ms after the last keystroke; allow for a slow shared machine.
CHECK_TIMEOUT = 10_000
MISSING_AT_START = (
    "Learning outcomes",
    "Notional workload (ECTS credits, hours)",
    "Level (EQF, TQF; QF-EHEA cycle)",
    "Type of assessment",
    "Form of participation in the learning activity",
    "Type of quality assurance",
)


def field(page: Page, label: str) -> Locator:
    """A form field by its visible label (Django adds a colon after it)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def missing(page: Page) -> Locator:
    return page.locator("#checks ul.missing")


def problems(page: Page) -> Locator:
    return page.locator("#checks ul.problems")


def warnings(page: Page) -> Locator:
    return page.locator("#checks ul.warnings")


def expect_no_longer_missing(page: Page, label: str) -> None:
    """The element has left the missing list (or the list is gone: nothing is missing)."""
    expect(page.locator("#checks #check-status")).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(missing(page).get_by_text(label, exact=True)).to_have_count(0, timeout=CHECK_TIMEOUT)


def test_designer_fills_in_the_eu_elements_and_watches_the_live_checks(
    live_server: Any,
    page: Page,
    organization: Organization,
    make_member: Any,
    screenshot: Any,
) -> None:
    designer = make_member(organization, Role.DESIGNER)
    sign_in(page, live_server.url, designer.email, PASSWORD)
    page.goto(f"{live_server.url}/en/catalog/{organization.slug}/specifications/new")
    expect(page.locator("#checks")).to_contain_text("Checks appear here as you type.")
    # The organisation's name and country are filled in for the designer.
    expect(field(page, "Awarding body")).to_have_value(organization.name)
    expect(field(page, "Country")).to_have_value("TR")

    field(page, "Title in English").fill("Data Literacy for Teachers")
    expect(page.locator("#check-status")).to_have_text(
        "Not ready to publish yet.", timeout=CHECK_TIMEOUT
    )
    for label in MISSING_AT_START:
        expect(missing(page).get_by_text(label, exact=True)).to_be_visible()
    # The preview is live too: the title typed a moment ago is on the learner's card.
    expect(page.locator("#checks .credential-card h4")).to_have_text("Data Literacy for Teachers")
    screenshot(page, "1-missing-elements")

    # An outcome whose verb is an inner state, not something a learner can be seen doing.
    field(page, "Learning outcomes in English (one per line)").fill(
        "Understands statistical charts."
    )
    expect_no_longer_missing(page, "Learning outcomes")
    expect(warnings(page)).to_contain_text(
        "“Understands statistical charts.”: its verb describes an inner state",
        timeout=CHECK_TIMEOUT,
    )
    screenshot(page, "2-vague-outcome")
    field(page, "Learning outcomes in English (one per line)").fill(
        "Explains statistical charts.\nCleans a small data set."
    )
    expect(warnings(page)).to_have_count(0, timeout=CHECK_TIMEOUT)
    card = page.locator("#checks .credential-card")
    expect(card).to_contain_text("Explains statistical charts.")
    expect(card).to_contain_text("Cleans a small data set.")

    # ECTS and hours that disagree with the organisation's 25 hours per credit.
    field(page, "ECTS credits").fill("5")
    field(page, "Workload (hours)").fill("100")
    expect(problems(page)).to_contain_text(
        "5 ECTS means 125 to 150 hours of work (25-30 hours per credit), not 100.",
        timeout=CHECK_TIMEOUT,
    )
    field(page, "Workload (hours)").fill("140")
    expect(warnings(page)).to_contain_text(
        "5 ECTS at 25 hours per credit is 125 hours, not 140.", timeout=CHECK_TIMEOUT
    )
    screenshot(page, "3-workload-mismatch")
    field(page, "Workload (hours)").fill("125")
    expect(problems(page)).to_have_count(0, timeout=CHECK_TIMEOUT)
    expect(warnings(page)).to_have_count(0, timeout=CHECK_TIMEOUT)
    expect_no_longer_missing(page, "Notional workload (ECTS credits, hours)")

    field(page, "EQF level").fill("6")
    expect_no_longer_missing(page, "Level (EQF, TQF; QF-EHEA cycle)")
    page.get_by_role("group", name="Type of assessment").get_by_label("project").check()
    expect_no_longer_missing(page, "Type of assessment")
    field(page, "Form of participation").select_option("blended")
    expect_no_longer_missing(page, "Form of participation in the learning activity")
    expect(missing(page).locator("li")).to_have_text(["Type of quality assurance"])
    qa = page.get_by_role("group", name="Type of quality assurance")
    qa.get_by_label("internal quality assurance").check()

    expect(page.locator("#check-status")).to_have_text(
        "Complete: every mandatory element is present and consistent.", timeout=CHECK_TIMEOUT
    )
    expect(missing(page)).to_have_count(0)
    expect(card).to_contain_text("5 ECTS · 125 hours")
    expect(card).to_contain_text("EQF level 6")
    expect(card).to_contain_text("blended")
    expect(card).to_contain_text(f"Awarded by {organization.name} (Türkiye)")
    page.locator("#checks details.json-preview summary").click()
    expect(page.locator("#checks details.json-preview pre")).to_contain_text(
        '"OpenBadgeCredential"'
    )
    screenshot(page, "4-complete-with-preview")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("main p .status")).to_have_text("Draft")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main p .status")).to_have_text("Published")
    expect(page.locator("#check-status")).to_have_text(
        "Complete: every mandatory element is present and consistent."
    )
    screenshot(page, "5-published")

    version = SpecificationVersion.objects.get(specification__organization=organization)
    assert version.status == SpecificationVersion.Status.PUBLISHED
    assert version.elements["title"] == "Data Literacy for Teachers"
    assert version.hours_per_ects == 25


def audit(page: Page) -> None:
    """No sideways scrolling at this width, no serious or critical axe-core finding."""
    assert overflow(page) == ""
    assert failing(axe_findings(page)) == []


def test_a_turkish_designer_on_a_phone_autosaves_acknowledges_and_publishes(
    browser: Browser,
    live_server: Any,
    organization: Organization,
    make_member: Any,
    screenshot: Any,
) -> None:
    # bypass_csp: axe-core is injected as a script tag, which the site's CSP rightly refuses
    # (the site's own scripts, autosave included, are files from 'self' and need no bypass).
    context = browser.new_context(
        locale="tr-TR",
        viewport={"width": PHONE["width"], "height": PHONE["height"]},
        bypass_csp=True,
    )
    page = context.new_page()
    designer = make_member(organization, Role.DESIGNER)
    page.goto(f"{live_server.url}/tr/accounts/sign-in/")
    page.fill("input[name=username]", designer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/tr/orgs/{organization.slug}/$"))

    # From the start page to a new specification, by clicking.
    page.locator("main .card a[href$='/specifications/']").first.click()
    page.get_by_role("link", name="Yeni tanım").click()
    expect(page.get_by_role("group", name="Ad ve sağlayıcı")).to_be_visible()
    audit(page)
    field(page, "Türkçe adı").fill("Öğretmenler için Veri Okuryazarlığı")
    field(page, "İngilizce adı").fill("Data Literacy for Teachers")
    field(page, "Türkçe öğrenme çıktıları (her satıra bir tane)").fill(
        "İstatistik grafiklerini açıklar.\nVeri bilimini bilir."
    )
    field(page, "AKTS kredisi").fill("5")
    field(page, "İş yükü (saat)").fill("125")
    field(page, "AYÇ seviyesi").fill("6")
    page.get_by_role("group", name="Değerlendirme türü").get_by_label("proje").check()
    field(page, "Katılım biçimi").select_option("blended")
    page.get_by_role("group", name="Kalite güvencesi türü").get_by_label(
        re.compile("iç kalite güvencesi", re.IGNORECASE)
    ).check()
    field(page, "Geçerlilik süresi").fill("5")
    status = page.locator("#autosave-status")
    expect(status).to_have_text(re.compile(r"^Kaydedildi \d\d:\d\d$"), timeout=CHECK_TIMEOUT)
    expect(page).to_have_url(re.compile(r"/specifications/v/[^/]+/edit$"))
    screenshot(page, "1-autosaved")

    # Leave without pressing anything, come back: the work is there.
    page.locator("nav.org-nav a[href$='/specifications/']").first.click()
    page.get_by_role("link", name="Öğretmenler için Veri Okuryazarlığı").click()
    page.get_by_role("link", name="Düzenle").click()
    expect(field(page, "İngilizce adı")).to_have_value("Data Literacy for Teachers")
    expect(field(page, "Geçerlilik süresi")).to_have_value("5")
    warning = page.locator(".field-learning_outcomes .finding-warning")
    expect(warning).to_contain_text("“Veri bilimini bilir.”")
    expect(warning).to_contain_text("değerlendirilebilir")
    audit(page)
    screenshot(page, "2-verb-warning")

    # The verb warning is acknowledged rather than obeyed, then the draft is published.
    warning.get_by_label("Kontrol ettim: yine de yayımla").check()
    page.get_by_role("button", name="Taslağı kaydet").click()
    expect(page.locator("main p .status")).to_have_text("Taslak")
    expect(page.locator("main")).to_contain_text("5 yıl")
    page.get_by_role("button", name="Yayımla").click()
    expect(page.locator("main p .status")).to_have_text("Yayımlandı")
    audit(page)
    screenshot(page, "3-published")

    version = SpecificationVersion.objects.get(specification__organization=organization)
    assert version.status == SpecificationVersion.Status.PUBLISHED
    assert len(version.acknowledged) == 1
    assert version.elements["translations"][0]["title"] == "Data Literacy for Teachers"
    context.close()
