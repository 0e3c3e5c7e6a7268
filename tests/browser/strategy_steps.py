"""The steps the strategy browser tests share: starting a strategy, adding canvas items,
reading the checks panel, a second member's browser, answering the questionnaire page by page.

Shared here rather than imported from one test module into another, so each test file reads
as the journey it checks and the steps change in one place.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Locator, Page

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD


def add(page: Page, kind: str, values: dict[str, str]) -> None:
    """Fills the "add" form of canvas item ``kind`` (selects by label) and submits it."""
    form = page.locator(f"form.item.new[data-kind={kind}]")
    for name, value in values.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def flag(page: Page, code: str) -> Locator:
    """The checks panel's finding with ``code``."""
    return page.locator(f'#checks [data-code="{code}"]')


def start_strategy(
    page: Page, base: str, organization: Any, lead: Any, lang: str = "en", title: str = ""
) -> str:
    """The lead signs in, opens a strategy and joins its team; returns the canvas URL."""
    sign_in(page, base, lead.email, PASSWORD)
    page.goto(f"{base}/{lang}/strategy/{organization.slug}/")
    page.fill("#title", title or "Digital skills for working adults")
    page.fill("#period", "2026–2028")
    page.click("form.new-strategy button[type=submit]")
    page.wait_for_load_state()
    canvas_url = page.url.split("#")[0]
    page.select_option("#team-role", "initiative_lead")
    page.click("#team button[type=submit]")
    page.wait_for_load_state()
    return canvas_url


def second_member(browser: Browser, base: str, member: Any, url: str) -> Page:
    """Another member, in a browser context of their own, on ``url``."""
    other = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = other.new_page()
    sign_in(page, base, member.email, PASSWORD)
    page.goto(url)
    return page


def answer_page(page: Page, ypn: str, scale: str) -> None:
    """Answers every question of the questionnaire page shown (each answer is autosaved)."""
    for question in page.locator("#questionnaire fieldset.question").all():
        kind = question.get_attribute("data-kind")
        question.locator(f"input[value='{ypn if kind == 'ypn' else scale}']").check()


def next_page(page: Page) -> None:
    """ "Save and continue" (or, on the last page, "Save and score the assessment")."""
    page.click("#questionnaire .actions button[value=next], #questionnaire button[value=finish]")
    page.wait_for_load_state()


def answer_questionnaire(page: Page, ypn: str, scale: str, pages: int | None = None) -> None:
    """Answers ``pages`` pages (all by default) from the one shown, then goes on to the end
    and scores the assessment."""
    count = int(page.locator("#questionnaire progress").get_attribute("max") or "1")
    start = int(page.locator("#questionnaire progress").get_attribute("value") or "1")
    for number in range(start, count + 1):
        if pages is None or number - start < pages:
            answer_page(page, ypn, scale)
        next_page(page)
