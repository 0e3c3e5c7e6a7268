"""A Turkish programme designer on a 390 px phone: a canvas amount written the Turkish way, a
refused one that keeps what was typed with the reason beside it, readiness section 1 answered
(autosaved), signed out and in again with every answer kept, then finished; no sideways
scrolling and axe-core clean on every page; screenshots in test-artifacts/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from microcred.organizations.roles import Role
from microcred.strategy.models import Assessment, ReadinessDraft, Strategy
from tests.browser.conftest import sign_in
from tests.browser.page_audit import PHONE, axe_findings, failing, overflow
from tests.browser.strategy_steps import answer_page, answer_questionnaire, start_strategy
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def audit(page: Page) -> None:
    """No sideways scrolling, no serious or critical axe-core finding."""
    assert overflow(page) == "", page.url
    assert [str(f) for f in failing(axe_findings(page))] == [], page.url


def cost_centre(page: Page) -> Any:
    return page.locator("form.item[data-kind=cost_centres]:not(.new)")


def test_a_turkish_designer_on_a_phone_budgets_and_self_assesses_across_two_sign_ins(
    live_server: Any, browser: Browser, organization: Any, make_member: Any, screenshot: Any
) -> None:
    designer = make_member(organization, Role.DESIGNER, email="tasarimci@anadolu.example")
    # bypass_csp: axe-core is injected as a script tag, which the site's CSP rightly refuses.
    context = browser.new_context(
        locale="tr-TR",
        viewport={"width": PHONE["width"], "height": PHONE["height"]},
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    base = live_server.url
    canvas_url = start_strategy(page, base, organization, designer, "tr", "Dijital beceriler")

    new = page.locator("form.item.new[data-kind=cost_centres]")
    expect(new.locator("[name=currency]")).to_have_value("TRY")
    new.locator("[name=name]").fill("Platform lisansları")
    new.locator("[name=amount]").fill("1,000,000.50")
    new.locator("button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tutar: Türkçede ondalık ayırıcı virgüldür")
    expect(new.locator("[name=amount]")).to_have_value("1,000,000.50")
    expect(new.locator("[name=name]")).to_have_value("Platform lisansları")
    expect(page.locator("#new-cost_centres-amount-error")).to_contain_text(
        "ondalık ayırıcı virgüldür"
    )
    screenshot(page, "amount-refused")
    audit(page)
    summary.locator("a").first.click()
    expect(new.locator("[name=amount]")).to_be_in_viewport()

    new.locator("[name=amount]").fill("1.000.000,50 TL")
    new.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(cost_centre(page).locator("[name=amount]")).to_have_value("1.000.000,50")
    expect(cost_centre(page).locator("[name=currency]")).to_have_value("TRY")
    strategy = Strategy.objects.get()
    (item,) = strategy.canvas["cost_centres"]
    assert (item["amount"], item["currency"]) == ("1000000.50", "TRY")
    screenshot(page, "amount-saved")
    audit(page)

    page.locator("nav.strategy-nav a[href*='/readiness/']").click()
    page.wait_for_load_state()
    expect(page.locator("#section-progress")).to_contain_text("Bölüm 1 / 4")
    answer_page(page, "yes", "3")
    expect(page.locator("#autosave-status")).to_have_text("Yanıt kaydedildi.")
    questions = page.locator("#questionnaire fieldset.question").count()
    page.wait_for_function(
        "n => document.querySelectorAll('#questionnaire input:checked').length === n", arg=questions
    )
    page.wait_for_load_state("networkidle")
    # the count follows the autosave, in Turkish word order ("118 sorudan 30 tanesi …")
    expect(page.locator("#answered-count")).to_have_text(
        re.compile(rf"^\d+ sorudan {questions} tanesi yanıtlandı$")
    )
    screenshot(page, "readiness-section-1")
    audit(page)

    page.locator("form[action*='sign-out'] button").first.click()
    page.wait_for_load_state()
    assert len(ReadinessDraft.objects.get(user=designer).answers) == questions
    sign_in(page, base, designer.email, PASSWORD)
    page.goto(canvas_url.replace("/en/", "/tr/"))
    expect(cost_centre(page).locator("[name=amount]")).to_have_value("1.000.000,50")
    page.locator("nav.strategy-nav a[href*='/readiness/']").click()
    page.wait_for_load_state()
    expect(page.locator("#section-progress")).to_contain_text("Bölüm 1 / 4")
    expect(page.locator("#questionnaire input:checked")).to_have_count(questions)
    screenshot(page, "readiness-kept-after-sign-in")

    page.click("#questionnaire button[value=next]")
    page.wait_for_load_state()
    expect(page.locator("#section-progress")).to_contain_text("Bölüm 2 / 4")
    answer_questionnaire(page, "partly", "2")
    expect(page.locator("figure.radar svg")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("Hazırlık")
    screenshot(page, "readiness-result")
    audit(page)
    saved = Assessment.objects.get(strategy=strategy)
    assert saved.author == designer
    assert len(saved.answers) == len(ReadinessDraft.objects.get(user=designer).answers)
    context.close()
