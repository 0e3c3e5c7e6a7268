"""A complete scoping session in Chromium, as docs/strategy-guide.md tells it.

A team of two fills the canvas; the live checks flag a cost centre without funding and an
indicator without an owner; the second member fixes both. They add STEEP factors and push the
top threat to the canvas as a risk, complete the readiness self-assessment (twice, to see
progress), read the recommendations with their reasons and sources, and download the report
as PDF in English and in Turkish; the PDF's text keeps the Turkish letters. Every step leaves a
screenshot in docs/images/strategy/ for the guide.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from microcred.organizations.roles import Role
from microcred.strategy.models import Assessment, Strategy
from tests.browser.strategy_steps import (
    add,
    answer_page,
    answer_questionnaire,
    flag,
    second_member,
    start_strategy,
)

pytestmark = pytest.mark.django_db(transaction=True)
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "strategy"
TURKISH_LETTERS = "çğıİöşü"


def shot(page: Page, name: str, target: Locator | None = None) -> None:
    """A viewport-sized picture for the guide, scrolled to ``target`` when given."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    if target is not None:
        target.scroll_into_view_if_needed()
    page.screenshot(path=str(IMAGES / f"{name}.png"))


def download_pdf_text(page: Page, tmp_path: Path, lang: str) -> str:
    with page.expect_download() as info:
        page.click("#download-pdf")
    target = tmp_path / f"report-{lang}.pdf"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def fill_canvas_with_two_members(
    page: Page, browser: Browser, base: str, org: Any, lead: Any, finance: Any
) -> tuple[Page, str]:
    """The canvas part of tests/browser/test_strategy_canvas.py, with the guide's pictures."""
    canvas_url = start_strategy(page, base, org, lead)
    add(page, "target_groups", {"name": "Working adults", "needs": "Evening and online study"})
    add(page, "governance_roles", {"person": "Vice-rector for education", "kind": "Decides"})
    add(page, "partnerships", {"partner": "Regional employers' association"})
    add(page, "cost_centres", {"name": "Platform licences", "amount": "12000"})
    add(page, "revenue_sources", {"name": "Course fees"})
    add(
        page,
        "indicators",
        {
            "description": "Credentials claimed by learners",
            "target": "500",
            "deadline": "2027-06-30",
            "data_source": "Microcred",
            "metric": "Credentials claimed",
        },
    )
    expect(flag(page, "budget.unfunded")).to_contain_text("Platform licences")
    expect(flag(page, "performance.no_owner")).to_contain_text("Credentials claimed")
    shot(page, "01-canvas-checks-flag", page.locator("#block-budget"))

    other = second_member(browser, base, finance, canvas_url)
    cost = other.locator("form.item[data-kind=cost_centres]:not(.new)")
    cost.locator("[name=funding_source]").select_option(label="Course fees")
    expect(flag(other, "budget.unfunded")).to_have_count(0)
    indicator = other.locator("form.item[data-kind=indicators]:not(.new)")
    indicator.locator("[name=owner]").fill("Quality office")
    indicator.locator("[name=owner]").blur()
    expect(flag(other, "performance.no_owner")).to_have_count(0)
    other.reload()
    expect(other.locator("#live-metrics")).to_contain_text("Credentials claimed")
    shot(other, "02-canvas-fixed-with-live-value", other.locator("#block-performance"))
    return other, canvas_url


def add_steep_and_push_threat(page: Page) -> None:
    page.click("nav.strategy-nav >> text=STEEP analysis")
    page.wait_for_load_state()
    for lens, kind, title, impact, likelihood in (
        ("political", "threat", "Recognition of micro-credentials stays fragmented", "5", "4"),
        (
            "economic",
            "opportunity",
            "Regional employers ask for short, skill-based courses",
            "5",
            "3",
        ),
    ):
        factor = page.locator("#add-factor")
        factor.locator("[name=lens]").select_option(lens)
        factor.locator("[name=orientation]").select_option(kind)
        factor.locator("[name=title]").fill(title)
        factor.locator("[name=impact]").select_option(impact)
        factor.locator("[name=likelihood]").select_option(likelihood)
        factor.locator("[name=evidence]").fill("Discussed with the employers' association.")
        factor.locator("button[type=submit]").click()
        page.wait_for_load_state()
    expect(page.locator("svg.steep-matrix .matrix-point")).to_have_count(2)
    shot(page, "03-steep-matrix")
    page.locator("ol.factors > li").first.get_by_role(
        "button", name="Send to canvas as a risk"
    ).click()
    page.wait_for_load_state()
    risk = page.locator("form.item[data-kind=risks]:not(.new)")
    expect(risk.locator("[name=description]")).to_have_value(
        "Recognition of micro-credentials stays fragmented"
    )
    mitigation = risk.locator("[name=mitigation]")
    mitigation.fill("Map each credential to the national framework.")
    # HTMX saves on change; wait for that save rather than racing it with a second submit.
    with page.expect_response(lambda r: "/items/risks/" in r.url and r.request.method == "POST"):
        mitigation.blur()
    page.reload()
    expect(risk.locator("[name=mitigation]")).to_have_value(
        "Map each credential to the national framework."
    )
    shot(page, "04-canvas-risk-from-steep", page.locator("form.item[data-kind=risks]").first)


def self_assess_twice(page: Page) -> None:
    page.click("nav.strategy-nav >> text=Self-assessment")
    page.wait_for_load_state()
    expect(page.locator("fieldset.question legend").first).to_be_visible()
    expect(page.locator("#section-progress")).to_contain_text("Section 1 of 4")
    answer_page(page, "partly", "2")
    expect(page.locator("#autosave-status")).to_have_text("Answer saved.")
    shot(page, "05-questionnaire", page.locator("fieldset.question").first)
    answer_questionnaire(page, "partly", "2")
    expect(page.locator("figure.radar svg .radar-current")).to_have_count(1)
    expect(page.locator("table.dimension-scores tbody tr")).to_have_count(4)
    expect(page.locator(".practice-scores .gate").first).to_contain_text("Blocked by")
    shot(page, "06-readiness-scores")

    page.click("text=Repeat the assessment")
    page.wait_for_load_state()
    expect(page.locator("#dim-policy_strategy")).to_be_visible()
    answer_questionnaire(page, "yes", "4", pages=1)
    expect(page.locator("#progress")).to_contain_text("Progress since the previous assessment")
    expect(page.locator("figure.radar svg .radar-previous")).to_have_count(1)
    expect(page.locator("#score-policy_strategy .delta")).to_contain_text("+")
    shot(page, "07-readiness-progress")


def check_recommendations(page: Page) -> None:
    page.click("text=See the recommendations")
    page.wait_for_load_state()
    recs = page.locator("ol.recommendations > li.recommendation")
    expect(recs).to_have_count(10)
    first = recs.first
    expect(first.locator(".reasons li").first).to_be_visible()
    expect(first.locator(".first-step")).not_to_be_empty()
    expect(first.locator(".done-when")).not_to_be_empty()
    expect(first.locator(".sources li").first).to_be_visible()
    expect(page.locator(".sources a[href^='http']").first).to_be_visible()
    from_steep = page.locator(".reasons li", has_text="Your STEEP analysis")
    expect(from_steep.first).to_be_visible()
    from_answers = page.locator(".reasons li", has_text="You answered “Partly” to:")
    expect(from_answers.first).to_be_visible()
    shot(page, "08-recommendations")


def test_a_team_runs_a_complete_scoping_session(
    live_server: Any,
    page: Page,
    browser: Browser,
    organization: Any,
    make_member: Any,
    tmp_path: Path,
) -> None:
    lead = make_member(organization, Role.DESIGNER, email="lead@anadolu.example")
    finance = make_member(organization, Role.ISSUER, email="finance@anadolu.example")
    base = live_server.url
    other, canvas_url = fill_canvas_with_two_members(
        page, browser, base, organization, lead, finance
    )
    add_steep_and_push_threat(other)
    other.context.close()

    page.goto(canvas_url)
    self_assess_twice(page)
    check_recommendations(page)

    page.click("nav.strategy-nav >> text=Report")
    page.wait_for_load_state()
    expect(page.locator("#report-canvas")).to_contain_text("Working adults")
    expect(page.locator("#report-steep svg")).to_have_count(1)
    shot(page, "09-report-en")
    english = download_pdf_text(page, tmp_path, "en")
    assert "Strategy report" in english
    assert "Recognition of micro-credentials stays fragmented" in english
    assert "Anadolu Üniversitesi" in english

    page.click("form.language button[value=tr]")
    page.wait_for_load_state()
    assert "/tr/strategy/" in page.url
    expect(page.locator("h1")).to_contain_text("Strateji raporu")
    shot(page, "10-report-tr")
    turkish = download_pdf_text(page, tmp_path, "tr")
    assert "Strateji raporu" in turkish
    assert "Öneriler" in turkish
    assert set(TURKISH_LETTERS) <= set(turkish), set(TURKISH_LETTERS) - set(turkish)

    strategy = Strategy.objects.get()
    assert Assessment.objects.filter(strategy=strategy).count() == 2
    authors = set(strategy.revisions.values_list("author__email", flat=True))
    assert authors == {lead.email, finance.email}
