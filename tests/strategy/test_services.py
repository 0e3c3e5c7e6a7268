"""Editing, history, snapshot and STEEP services against the database."""

from __future__ import annotations

from typing import Any

import pytest

from microcred.organizations.models import Organization
from microcred.strategy import services
from microcred.strategy.canvas import editing
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import Revision, Strategy
from microcred.strategy.steep import work as steep_work

pytestmark = pytest.mark.django_db


def test_a_new_strategy_starts_with_an_empty_canvas_and_one_revision(strategy: Strategy) -> None:
    assert strategy.canvas["cost_centres"] == []
    (first,) = strategy.revisions.all()
    assert first.number == 1
    assert first.action == Revision.Action.CREATED


def test_every_change_is_a_revision_with_its_author(strategy: Strategy, member: Any) -> None:
    typed = editing.form_values("revenue_sources", {"name": "Fees", "amount": "1 200,50"}, "tr")
    item = editing.add_item(strategy, member, "revenue_sources", typed)
    editing.update_item(strategy, member, "revenue_sources", item, {"name": "Course fees"})
    editing.update_item(strategy, member, "revenue_sources", item, {"name": "Course fees"})
    editing.delete_item(strategy, None, "revenue_sources", item)
    revisions = list(strategy.revisions.order_by("number"))
    assert [r.action for r in revisions] == ["created", "added", "changed", "removed"]
    assert revisions[1].author == member
    assert revisions[3].author is None
    assert revisions[1].snapshot["revenue_sources"][0]["amount"] == "1200.50"
    assert revisions[2].summary == "Changed Revenue source “Course fees”"
    assert Strategy.objects.get(pk=strategy.pk).canvas["revenue_sources"] == []


def test_bad_input_changes_nothing(strategy: Strategy) -> None:
    with pytest.raises(InvalidInput) as error:
        editing.add_item(strategy, None, "indicators", {"description": "", "deadline": "soon"})
    assert error.value.messages == [
        "Indicator: This field is required.",
        "Deadline: Enter a date (YYYY-MM-DD).",
    ]
    with pytest.raises(InvalidInput):
        editing.add_item(strategy, None, "cost_centres", {"name": "X", "funding_source": "nope"})
    assert strategy.revisions.count() == 1
    assert Strategy.objects.get(pk=strategy.pk).canvas["indicators"] == []


def test_edits_of_two_members_on_different_items_both_survive(strategy: Strategy) -> None:
    first = editing.add_item(strategy, None, "activities", {"description": "Pilot"})
    stale = Strategy.objects.get(pk=strategy.pk)  # a second member's page, loaded earlier
    editing.add_item(strategy, None, "activities", {"description": "Staff training"})
    editing.update_item(stale, None, "activities", first, {"description": "Pilot", "owner": "Ali"})
    activities = Strategy.objects.get(pk=strategy.pk).canvas["activities"]
    assert [(a["description"], a["owner"]) for a in activities] == [
        ("Pilot", "Ali"),
        ("Staff training", ""),
    ]


def test_unknown_items_are_not_found(strategy: Strategy) -> None:
    with pytest.raises(NotFound):
        editing.update_item(strategy, None, "risks", "missing", {"description": "x"})


def test_revisions_compare(strategy: Strategy) -> None:
    editing.add_item(strategy, None, "partnerships", {"partner": "Chamber", "kind": "external"})
    diffs = services.compare_revisions(strategy, 1, 2)
    (change,) = [c for d in diffs for c in d.items]
    assert (change.kind, change.change, change.title) == ("partnerships", "added", "Chamber")
    with pytest.raises(NotFound):
        services.compare_revisions(strategy, 1, 5)


def test_snapshot_holds_canvas_steep_ranked_and_team_roles(
    strategy: Strategy, member: Any, organization: Organization
) -> None:
    services.set_team_role(strategy, member, "initiative_lead")
    for title, impact in (("Small", 1), ("Big", 5)):
        steep_work.add_factor(
            strategy,
            member,
            {
                "lens": "economic",
                "orientation": "opportunity",
                "title": title,
                "impact": impact,
                "likelihood": 4,
            },
        )
    snap = services.snapshot(strategy)
    assert snap["strategy"]["organization"] == organization.slug
    assert [f["title"] for f in snap["steep"]] == ["Big", "Small"]
    assert snap["steep"][0]["score"] == 20
    assert snap["steep"][0]["sent_to"] is None
    assert snap["team_roles"] == ["initiative_lead"]
    assert snap["canvas"] == strategy.canvas


def test_team_roles_are_for_members_only(
    strategy: Strategy, make_member: Any, other_organization: Organization
) -> None:
    outsider = make_member(other_organization)
    with pytest.raises(NotFound):
        services.set_team_role(strategy, outsider, "initiative_lead")


def test_factor_input_is_validated(strategy: Strategy) -> None:
    with pytest.raises(InvalidInput) as error:
        steep_work.add_factor(
            strategy,
            None,
            {"lens": "cosmic", "orientation": "threat", "title": "x", "impact": 9, "likelihood": 1},
        )
    assert error.value.messages == ["Check this field: Impact.", "Check this field: Lens."]
    assert strategy.factors.count() == 0


def test_send_to_canvas_an_opportunity_becomes_a_value_proposition_once(strategy: Strategy) -> None:
    factor = steep_work.add_factor(
        strategy,
        None,
        {
            "lens": "economic",
            "orientation": "opportunity",
            "title": "Skills-based hiring",
            "impact": 3,
            "likelihood": 3,
        },
    )
    first = steep_work.send_to_canvas(strategy, factor, None)
    again = steep_work.send_to_canvas(strategy, factor, None)
    strategy.refresh_from_db()
    (prop,) = strategy.canvas["value_propositions"]
    assert first == again == prop["id"]
    assert prop["statement"] == "Skills-based hiring"
    assert prop["steep_factor"] == factor.public_id
    factor.refresh_from_db()
    assert (factor.sent_kind, factor.sent_item) == ("value_propositions", first)


def test_threat_level_follows_its_score(strategy: Strategy) -> None:
    levels = []
    for impact, likelihood in ((5, 3), (3, 3), (2, 3)):
        factor = steep_work.add_factor(
            strategy,
            None,
            {
                "lens": "social",
                "orientation": "threat",
                "title": "t",
                "impact": impact,
                "likelihood": likelihood,
            },
        )
        steep_work.send_to_canvas(strategy, factor, None)
    strategy.refresh_from_db()
    levels = [r["level"] for r in strategy.canvas["risks"]]
    assert levels == ["high", "medium", "low"]


def test_org_themes_extend_the_starter_library(
    strategy: Strategy, organization: Organization, other_organization: Organization
) -> None:
    steep_work.add_theme(
        organization, {"lens": "technological", "orientation": "threat", "title": "LMS end of life"}
    )
    mine = [t.title for t in steep_work.themes_for(organization)]
    theirs = [t.title for t in steep_work.themes_for(other_organization)]
    assert mine[-1] == "LMS end of life"
    assert "LMS end of life" not in theirs
    assert len(mine) == len(theirs) + 1
