"""A Turkish programme designer finds an ESCO skill by its Turkish name, on a phone and on a
desktop: types "makine öğrenmesi", taps the result, and sees the skill picked under its
Turkish label. A search that finds nothing says what to try instead."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.browser.conftest import sign_in
from tests.browser.page_audit import DESKTOP, PHONE, axe_findings, failing, overflow
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

MACHINE_LEARNING = "http://data.europa.eu/esco/skill/3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"
SEARCH_TIMEOUT = 10_000


def pick_machine_learning(page: Page, phone: bool) -> None:
    """Search "makine öğrenmesi" (after a search that finds nothing) and pick the result."""
    search = page.get_by_label("ESCO becerilerinde ara")
    search.fill("zzqqxx")
    results = page.locator("#skill-results")
    expect(results).to_contain_text("Eşleşen ESCO becerisi yok.", timeout=SEARCH_TIMEOUT)
    expect(results).to_contain_text("becerinin İngilizce adını deneyin")
    search.fill("makine öğrenmesi")
    found = results.get_by_role("button", name="makine öğrenmesi", exact=True)
    expect(found).to_be_visible(timeout=SEARCH_TIMEOUT)
    if phone:
        found.tap()
    else:
        found.click()
    picked = page.locator("#picked-skills")
    expect(picked.get_by_label("makine öğrenmesi")).to_be_checked(timeout=SEARCH_TIMEOUT)
    expect(picked.locator(f'input[value="{MACHINE_LEARNING}"]')).to_have_count(1)


@pytest.mark.parametrize("screen", ["390", "1366"])
def test_a_turkish_designer_picks_a_skill_by_its_turkish_name(
    live_server: Any,
    browser: Browser,
    organization: Organization,
    make_member: Any,
    screenshot: Any,
    screen: str,
) -> None:
    phone = screen == "390"
    size = PHONE if phone else DESKTOP
    designer = make_member(organization, Role.DESIGNER)
    editor = f"{live_server.url}/tr/catalog/{organization.slug}/specifications/new"
    # first as the site serves it (its Content Security Policy on), then once more with the
    # policy bypassed so that axe-core can be injected into the page
    for bypass_csp in (False, True):
        context = browser.new_context(
            locale="tr-TR",
            viewport=ViewportSize(width=size["width"], height=size["height"]),
            is_mobile=phone,
            has_touch=phone,
            bypass_csp=bypass_csp,
        )
        page = context.new_page()
        sign_in(page, live_server.url, designer.email, PASSWORD)
        page.goto(editor)
        pick_machine_learning(page, phone)
        assert overflow(page) == ""
        if bypass_csp:
            assert failing(axe_findings(page)) == []
        else:
            screenshot(page, f"{screen}-picked")
        context.close()
