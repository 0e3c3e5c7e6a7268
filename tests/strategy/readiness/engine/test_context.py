"""context_from_snapshot distils S-A's snapshot and tolerates gaps and junk."""

from __future__ import annotations

from microcred.strategy.readiness.engine import context_from_snapshot
from microcred.strategy.readiness.engine.context import CANVAS_FACTS

SNAPSHOT = {
    "canvas": {
        "target_groups": [{"name": "Working professionals", "needs": "evening classes"}, "Alumni"],
        "value_propositions": [{"audience": "learners"}, {"audience": "employers"}],
        "partnerships": [
            {"kind": "external", "role": "İşveren danışma kurulu"},
            {"kind": "external", "role": "Another university"},
            {"kind": "internal", "role": "Quality office"},
        ],
        "cost_centres": [{"funding_source": "Fees"}, {"funding_source": ""}],
        "revenue_sources": [{"name": "Fees"}],
        "indicators": [
            {"owner": "Ayşe", "target": "100", "data_source": "LMS"},
            {"owner": "", "target": "", "data_source": "survey"},
        ],
        "risks": [
            {"level": "high", "mitigation": ""},
            {"level": "Yüksek", "mitigation": "Pilot first"},
            {"level": "low", "mitigation": ""},
        ],
    },
    "steep": [
        {
            "category": "economic",
            "kind": "opportunity",
            "theme": "demand",
            "impact": 5,
            "likelihood": 3,
        },
        {"category": "social", "kind": "threat", "theme": "x", "impact": 9, "likelihood": 1},
        {"category": "social", "kind": "maybe", "theme": "y", "impact": 2, "likelihood": 2},
        {"kind": "threat", "theme": "z", "impact": "n/a", "likelihood": 2},
        "junk",
    ],
}


def test_canvas_facts() -> None:
    ctx = context_from_snapshot(SNAPSHOT)
    assert set(ctx.canvas) == CANVAS_FACTS
    assert ctx.canvas["target_group_count"] == 2
    assert ctx.canvas["has_working_learners"] == 1
    assert ctx.canvas["has_employer_partner"] == 1
    assert ctx.canvas["external_partner_count"] == 2
    assert ctx.canvas["internal_partner_count"] == 1
    assert ctx.canvas["has_funding_for_every_cost_centre"] == 0
    assert ctx.canvas["indicator_count"] == 2
    assert ctx.canvas["indicators_without_owner"] == 1
    assert ctx.canvas["indicators_not_measurable"] == 1
    assert ctx.canvas["high_risks_without_mitigation"] == 1


def test_turkish_capital_i_matches() -> None:
    snap = {"canvas": {"partnerships": [{"kind": "external", "role": "İŞVEREN"}]}}
    assert context_from_snapshot(snap).canvas["has_employer_partner"] == 1


def test_steep_keeps_only_valid_factors() -> None:
    ctx = context_from_snapshot(SNAPSHOT)
    assert len(ctx.steep) == 1
    assert ctx.strongest("opportunity", ["DEMAND"]) == 15
    assert ctx.strongest("opportunity", categories=["social"]) == 0
    assert ctx.strongest("threat") == 0


def test_empty_and_malformed_snapshots() -> None:
    assert context_from_snapshot({}).canvas == {}  # no canvas: facts unknown
    empty = context_from_snapshot({"canvas": {}})
    assert empty.steep == ()
    assert empty.canvas["cost_centre_count"] == 0
    assert empty.canvas["has_funding_for_every_cost_centre"] == 0  # nothing budgeted yet
    odd = context_from_snapshot({"canvas": "nonsense", "steep": {"not": "a list"}})
    assert odd.canvas == {}
    assert odd.steep == ()


def test_no_employer_partner_when_only_internal_or_academic() -> None:
    snap = {"canvas": {"partnerships": [{"kind": "internal", "role": "employer relations office"}]}}
    assert context_from_snapshot(snap).canvas["has_employer_partner"] == 0


def test_strategy_app_spelling_lens_orientation_title() -> None:
    """services.snapshot() spells STEEP fields lens/orientation and adds a title."""
    snap = {
        "canvas": {
            "governance_roles": [{"person": "Dean", "kind": "decides"}],
            "partnerships": [{"partner": "Acme Ltd", "kind": "external", "role": "employer"}],
        },
        "steep": [
            {
                "id": "f1",
                "lens": "economic",
                "orientation": "opportunity",
                "title": "Local firms ask for data skills",
                "theme": "business-skills",
                "impact": 4,
                "likelihood": 4,
                "score": 16,
            }
        ],
    }
    ctx = context_from_snapshot(snap)
    (factor,) = ctx.steep
    assert (factor.category, factor.kind, factor.score) == ("economic", "opportunity", 16)
    assert ctx.strongest("opportunity", ["business-skills"]) == 16
    assert ctx.strongest("opportunity", ["data skills"]) == 16
    assert ctx.canvas["has_decision_maker"] == 1
    assert ctx.canvas["has_implementer"] == 0
    assert ctx.canvas["has_employer_partner"] == 1
