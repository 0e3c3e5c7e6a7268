"""A team of two fills the Opportunity Scoping canvas and the STEEP workspace in Chromium.

The live checks flag a cost centre without funding and an indicator without an owner; the
second member fixes both (HTMX saves on change) and the flags disappear without a reload.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from microcred.organizations.roles import Role
from microcred.strategy.models import Strategy
from tests.browser.strategy_steps import add, flag, second_member, start_strategy

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_members_fill_the_canvas_fix_the_flags_and_use_steep(
    live_server: Any,
    page: Page,
    browser: Browser,
    organization: Any,
    make_member: Any,
    screenshot: Any,
) -> None:
    lead = make_member(organization, Role.DESIGNER, email="lead@anadolu.example")
    finance = make_member(organization, Role.ISSUER, email="finance@anadolu.example")
    base = live_server.url

    canvas_url = start_strategy(page, base, organization, lead)
    add(page, "target_groups", {"name": "Working adults", "needs": "Evening and online study"})
    add(page, "cost_centres", {"name": "Platform licences", "amount": "12000"})
    add(page, "revenue_sources", {"name": "Course fees"})
    add(
        page,
        "indicators",
        {
            "description": "Completion rate",
            "target": "70%",
            "deadline": "2027-06-30",
            "data_source": "LMS reports",
        },
    )
    expect(flag(page, "budget.unfunded")).to_contain_text("Platform licences")
    expect(flag(page, "performance.no_owner")).to_contain_text("Completion rate")

    other = second_member(browser, base, finance, canvas_url)
    expect(flag(other, "budget.unfunded")).to_have_count(1)
    cost = other.locator("form.item[data-kind=cost_centres]:not(.new)")
    cost.locator("[name=funding_source]").select_option(label="Course fees")
    expect(flag(other, "budget.unfunded")).to_have_count(0)
    indicator = other.locator("form.item[data-kind=indicators]:not(.new)")
    indicator.locator("[name=owner]").fill("Finance office")
    indicator.locator("[name=owner]").blur()
    expect(flag(other, "performance.no_owner")).to_have_count(0)
    expect(flag(other, "performance.not_measurable")).to_have_count(0)

    page.reload()
    expect(flag(page, "budget.unfunded")).to_have_count(0)
    expect(page.locator("#team")).to_contain_text("Initiative lead")
    screenshot(page, "canvas")

    other.click("nav.strategy-nav >> text=STEEP analysis")
    other.wait_for_load_state()
    factor = other.locator("#add-factor")
    factor.locator("[name=lens]").select_option("political")
    factor.locator("[name=orientation]").select_option("threat")
    factor.locator("[name=title]").fill("Recognition of micro-credentials stays fragmented")
    factor.locator("[name=impact]").select_option("5")
    factor.locator("[name=likelihood]").select_option("4")
    factor.locator("[name=evidence]").fill("National rules differ; no shared register yet.")
    factor.locator("button[type=submit]").click()
    other.wait_for_load_state()
    other.locator("#themes li", has_text="Employers want specific skills quickly").locator(
        "button"
    ).click()
    other.wait_for_load_state()
    expect(other.locator("ol.factors > li")).to_have_count(2)
    expect(other.locator("ol.factors > li").first).to_contain_text("score 20")
    expect(other.locator("svg.steep-matrix .matrix-point")).to_have_count(2)
    screenshot(other, "steep-matrix")

    other.locator("ol.factors > li").first.get_by_role(
        "button", name="Send to canvas as a risk"
    ).click()
    other.wait_for_load_state()
    risk = other.locator("form.item[data-kind=risks]:not(.new)")
    expect(risk.locator("[name=description]")).to_have_value(
        "Recognition of micro-credentials stays fragmented"
    )
    expect(risk.locator("[name=level]")).to_have_value("high")
    expect(risk).to_contain_text("From STEEP factor")
    screenshot(other, "canvas-with-risk")
    other.context.close()

    strategy = Strategy.objects.get()
    authors = set(strategy.revisions.values_list("author__email", flat=True))
    assert authors == {lead.email, finance.email}
