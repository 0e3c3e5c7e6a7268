"""Every strategy view: members (any role) work, non-members and other organisations get 404,
admin-only actions refuse other members with 403; HTMX saves answer with the checks panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.strategy import services
from microcred.strategy.canvas import editing
from microcred.strategy.models import Revision, Strategy
from microcred.strategy.steep import work as steep_work
from tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def _routes(strategy: Strategy, slug: str | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, url, data) for every view, aimed at ``strategy`` under org ``slug``."""
    org = slug or strategy.organization.slug
    item = editing.add_item(strategy, None, "cost_centres", {"name": "Licences"})
    factor = steep_work.add_factor(
        strategy,
        None,
        {
            "lens": "economic",
            "orientation": "threat",
            "title": "Fees",
            "impact": 4,
            "likelihood": 4,
        },
    )
    base = {"org": org, "sid": strategy.public_id}
    kind = {**base, "kind": "cost_centres"}
    fid = {**base, "fid": factor.public_id}
    return [
        ("get", reverse("strategy:list", kwargs={"org": org}), {}),
        ("post", reverse("strategy:list", kwargs={"org": org}), {"title": "Another"}),
        ("get", reverse("strategy:canvas", kwargs=base), {}),
        ("get", reverse("strategy:checks", kwargs=base), {}),
        ("get", reverse("strategy:progress", kwargs=base), {}),
        ("get", reverse("strategy:history", kwargs=base), {}),
        ("post", reverse("strategy:team", kwargs=base), {"role": "initiative_lead"}),
        ("post", reverse("strategy:notes", kwargs={**base, "block": "target"}), {"notes": "x"}),
        ("post", reverse("strategy:item_add", kwargs=kind), {"name": "Design time"}),
        ("post", reverse("strategy:item_save", kwargs={**kind, "item": item}), {"name": "Lic."}),
        ("post", reverse("strategy:item_delete", kwargs={**kind, "item": item}), {}),
        ("get", reverse("strategy:steep", kwargs=base), {}),
        ("post", reverse("strategy:steep", kwargs=base), {"title": "x"}),
        ("post", reverse("strategy:theme_add", kwargs=base), {"title": "x"}),
        ("post", reverse("strategy:factor_save", kwargs=fid), {"title": "x"}),
        ("post", reverse("strategy:factor_send", kwargs=fid), {}),
        ("post", reverse("strategy:factor_delete", kwargs=fid), {}),
        ("post", reverse("strategy:delete", kwargs=base), {}),
    ]


def test_every_view_works_for_an_admin(
    client: Client, organization: Organization, make_member: MakeMember, strategy: Strategy
) -> None:
    client.force_login(make_member(organization, Role.ADMIN))
    for method, url, data in _routes(strategy):
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (url, response.status_code)


def test_members_of_any_role_use_the_workspace_but_only_admins_delete(
    client: Client, organization: Organization, make_member: MakeMember, strategy: Strategy
) -> None:
    client.force_login(make_member(organization, Role.ISSUER))
    for method, url, data in _routes(strategy):
        response = getattr(client, method)(url, data)
        expected = (403,) if url.endswith("/delete") and "/items/" not in url else (200, 302)
        if "/steep/" in url and url.endswith("/delete"):
            expected = (302,)
        assert response.status_code in expected, (url, response.status_code)
    assert Strategy.objects.filter(pk=strategy.pk).exists()


def test_non_members_get_404_everywhere(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    strategy: Strategy,
    other_organization: Organization,
) -> None:
    client.force_login(make_member(other_organization, Role.ADMIN))
    for method, url, data in _routes(strategy):
        assert getattr(client, method)(url, data).status_code == 404, url


def test_another_organisations_strategy_is_404_even_for_its_admins(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    strategy: Strategy,
    other_organization: Organization,
) -> None:
    client.force_login(make_member(other_organization, Role.ADMIN))
    for method, url, data in _routes(strategy, slug=other_organization.slug):
        if "/s/" not in url:
            continue
        assert getattr(client, method)(url, data).status_code == 404, url


def test_signed_out_visitors_are_sent_to_sign_in(client: Client, strategy: Strategy) -> None:
    url = reverse(
        "strategy:canvas", kwargs={"org": strategy.organization.slug, "sid": strategy.public_id}
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_a_member_cannot_set_another_members_role_but_the_admin_can(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    strategy: Strategy,
    member: Any,
) -> None:
    url = reverse("strategy:team", kwargs={"org": organization.slug, "sid": strategy.public_id})
    other = make_member(organization, Role.ISSUER)
    client.force_login(other)
    data = {"member": member.email, "role": "leadership_champion"}
    assert client.post(url, data).status_code == 403
    client.force_login(make_member(organization, Role.ADMIN))
    assert client.post(url, data).status_code == 302
    assert services.snapshot(strategy)["team_roles"] == ["leadership_champion"]


def test_canvas_shows_the_eight_blocks_with_questions_in_turkish(
    member_client: Client, strategy: Strategy
) -> None:
    url = reverse(
        "strategy:canvas", kwargs={"org": strategy.organization.slug, "sid": strategy.public_id}
    ).replace("/en/", "/tr/")
    html = member_client.get(url).content.decode()
    for title in ("Hedef kitle ve kilit kişiler", "Bütçe, gelir ve maliyet", "İyileştirme"):
        assert title in html
    assert "En az bir maliyet merkezi ekleyin." in html
    assert '<option value="Kalite ofisi">' in html
    assert 'style="' not in html
    assert "<script>" not in html


def test_htmx_save_returns_the_checks_panel_that_reflects_the_change(
    member_client: Client, strategy: Strategy
) -> None:
    revenue = editing.add_item(strategy, None, "revenue_sources", {"name": "Fees"})
    cost = editing.add_item(strategy, None, "cost_centres", {"name": "Licences"})
    url = reverse(
        "strategy:item_save",
        kwargs={
            "org": strategy.organization.slug,
            "sid": strategy.public_id,
            "kind": "cost_centres",
            "item": cost,
        },
    )
    before = member_client.get(url.split("/items/")[0] + "/checks").content.decode()
    assert 'data-code="budget.unfunded"' in before
    response = member_client.post(
        url, {"name": "Licences", "funding_source": revenue}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-code="budget.unfunded"' not in html
    assert 'data-code="budget.no_cost_centre"' not in html


def test_htmx_save_with_bad_input_reports_it_and_keeps_the_item(
    member_client: Client, strategy: Strategy
) -> None:
    cost = editing.add_item(strategy, None, "cost_centres", {"name": "Licences"})
    url = reverse(
        "strategy:item_save",
        kwargs={
            "org": strategy.organization.slug,
            "sid": strategy.public_id,
            "kind": "cost_centres",
            "item": cost,
        },
    )
    revisions = Revision.objects.count()
    response = member_client.post(
        url, {"name": "Licences", "amount": "lots"}, HTTP_HX_REQUEST="true"
    )
    assert 'role="alert"' in response.content.decode()
    assert "Amount" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.canvas["cost_centres"][0]["amount"] is None
    assert Revision.objects.count() == revisions


def test_history_compares_two_versions_block_by_block(
    member_client: Client, strategy: Strategy
) -> None:
    group = editing.add_item(strategy, None, "target_groups", {"name": "Adult learners"})
    editing.update_item(strategy, None, "target_groups", group, {"name": "Working adults"})
    url = reverse(
        "strategy:history", kwargs={"org": strategy.organization.slug, "sid": strategy.public_id}
    )
    html = member_client.get(url, {"a": 1, "b": 3}).content.decode()
    assert "Changes from version 1 to version 3" in html
    assert "Working adults" in html
    assert 'data-change="added"' in html
    html = member_client.get(url, {"a": 2, "b": 3}).content.decode()
    assert 'data-change="changed"' in html
    assert "<del>Adult learners</del>" in html
    assert member_client.get(url, {"a": 1, "b": 99}).status_code == 404


def test_steep_page_ranks_factors_and_draws_the_matrix(
    member_client: Client, strategy: Strategy
) -> None:
    url = reverse(
        "strategy:steep", kwargs={"org": strategy.organization.slug, "sid": strategy.public_id}
    )
    for title, impact, likelihood in (("Low", 1, 2), ("High", 5, 4), ("Mid", 3, 3)):
        member_client.post(
            url,
            {
                "lens": "social",
                "orientation": "opportunity",
                "title": title,
                "impact": impact,
                "likelihood": likelihood,
            },
        )
    html = member_client.get(url).content.decode()
    assert html.index("<strong>High</strong>") < html.index("<strong>Mid</strong>")
    assert html.index("<strong>Mid</strong>") < html.index("<strong>Low</strong>")
    assert "<svg" in html
    assert html.count('class="matrix-point"') == 3


def test_send_to_canvas_links_both_ways(member_client: Client, strategy: Strategy) -> None:
    factor = steep_work.add_factor(
        strategy,
        None,
        {
            "lens": "political",
            "orientation": "threat",
            "title": "Recognition is fragmented",
            "impact": 5,
            "likelihood": 3,
        },
    )
    url = reverse(
        "strategy:factor_send",
        kwargs={
            "org": strategy.organization.slug,
            "sid": strategy.public_id,
            "fid": factor.public_id,
        },
    )
    response = member_client.post(url)
    strategy.refresh_from_db()
    risk = strategy.canvas["risks"][0]
    assert response["Location"].endswith(f"#item-{risk['id']}")
    assert risk["level"] == "high"
    assert risk["steep_factor"] == factor.public_id
    steep_html = member_client.get(url.rsplit("/", 2)[0] + "/").content.decode()
    assert f"#item-{risk['id']}" in steep_html
    canvas_html = member_client.get(response["Location"].split("#")[0]).content.decode()
    assert f"#factor-{factor.public_id}" in canvas_html


def test_progress_shows_each_block_complete_or_missing_with_links(
    member_client: Client, strategy: Strategy
) -> None:
    editing.add_item(strategy, None, "partnerships", {"partner": "Chamber", "kind": "external"})
    cost = editing.add_item(strategy, None, "cost_centres", {"name": "Licences"})
    url = reverse(
        "strategy:progress", kwargs={"org": strategy.organization.slug, "sid": strategy.public_id}
    )
    html = member_client.get(url).content.decode()
    partnerships = html[
        html.index('id="progress-partnerships"') : html.index('id="progress-budget"')
    ]
    budget = html[html.index('id="progress-budget"') : html.index('id="progress-performance"')]
    assert "Complete" in partnerships
    assert "Missing" in budget
    assert f"#item-{cost}" in budget
    assert 'data-code="budget.no_revenue"' in budget
