"""Context rules (canvas, STEEP) and answer rules raise priorities, with their reason kept."""

from __future__ import annotations

from microcred.strategy.readiness.engine import (
    Answer,
    Context,
    Recommendation,
    SteepFactor,
    assess,
    context_from_snapshot,
    default_kb,
    recommend,
    render,
)

from .tiny import ANSWERS, tiny_kb

DEMAND = SteepFactor(
    category="economic",
    kind="opportunity",
    theme="Employer demand for skills",
    impact=4,
    likelihood=4,
)


def _priority(recs: list[Recommendation], practice: str) -> float:
    return next(r.priority for r in recs if r.practice == practice)


def test_employer_demand_opportunity_raises_priority() -> None:
    kb = tiny_kb()
    plain = recommend(assess(ANSWERS, Context(), kb), kb)
    boosted_assessment = assess(ANSWERS, Context(steep=(DEMAND,)), kb)
    boosted = recommend(boosted_assessment, kb)
    assert boosted_assessment.fired_rules == ("R-EMPLOYER",)
    # (15 + 10) × 0.5 because PS-02 is still blocked
    assert _priority(plain, "PS-02") == 7.5
    assert _priority(boosted, "PS-02") == 12.5
    rule = next(r for r in boosted[1].reasons if r.kind == "rule")
    assert (rule.ref, rule.boost) == ("R-EMPLOYER", 10)


def test_weak_or_unrelated_steep_factor_does_not_fire() -> None:
    kb = tiny_kb()
    weak = DEMAND.model_copy(update={"impact": 2})  # 2 × 4 = 8 < 12
    threat = DEMAND.model_copy(update={"kind": "threat"})
    other = DEMAND.model_copy(update={"theme": "Climate"})
    for factor in (weak, threat, other):
        assert assess(ANSWERS, Context(steep=(factor,)), kb).fired_rules == ()


def test_canvas_fact_rule_needs_the_fact() -> None:
    kb = tiny_kb()
    assert assess({}, Context(), kb).fired_rules == ()  # unknown fact: no guess
    ctx = Context(canvas={"has_employer_partner": 0})
    assert assess({}, ctx, kb).fired_rules == ("R-NO-PARTNER",)
    ctx = Context(canvas={"has_employer_partner": 1})
    assert assess({}, ctx, kb).fired_rules == ()


def test_answer_rule_ignores_unanswered_signals() -> None:
    kb = tiny_kb()
    assert "R-ANSWER" not in assess({}, Context(), kb).fired_rules
    assert "R-ANSWER" in assess({"s4": "partly"}, Context(), kb).fired_rules
    assert "R-ANSWER" not in assess({"s4": "yes"}, Context(), kb).fired_rules


def test_shipped_kb_employer_demand_raises_employer_co_design() -> None:
    kb = default_kb()
    snapshot = {
        "steep": [
            {
                "category": "economic",
                "kind": "opportunity",
                "theme": "Skills and quick solutions for business-sector needs",
                "impact": 5,
                "likelihood": 4,
            }
        ]
    }
    answers: dict[str, Answer] = {
        "ID-01a": 4,
        "ID-01b": "yes",
    }  # need evidenced, so ID-10 is not blocked
    plain = recommend(assess(answers, Context(), kb), kb, limit=54)
    boosted = recommend(assess(answers, context_from_snapshot(snapshot), kb), kb, limit=54)
    assert _priority(boosted, "ID-10") == _priority(plain, "ID-10") + 8
    order = [r.practice for r in boosted]
    assert order.index("ID-10") < [r.practice for r in plain].index("ID-10")
    why = [render(r, kb, "en") for r in boosted[order.index("ID-10")].reasons]
    assert any("employer-demand" in w for w in why)


def test_shipped_kb_unfunded_cost_centre_raises_financial_practices() -> None:
    kb = default_kb()
    snapshot = {"canvas": {"cost_centres": [{"name": "Platform", "funding_source": ""}]}}
    a = assess({}, context_from_snapshot(snapshot), kb)
    assert "CTX-UNFUNDED-COST" in a.fired_rules
    funded = {"canvas": {"cost_centres": [{"name": "Platform", "funding_source": "Grant"}]}}
    assert "CTX-UNFUNDED-COST" not in assess({}, context_from_snapshot(funded), kb).fired_rules


def test_shipped_kb_theme_keys_of_the_steep_library_trigger_rules() -> None:
    kb = default_kb()
    cases = {
        ("opportunity", "business-skills"): "CTX-EMPLOYER-DEMAND",
        ("threat", "quality-framework"): "CTX-QUALITY-THREAT",
        ("threat", "fragmented-recognition"): "CTX-RECOGNITION-THREAT",
        ("threat", "ai-integrity"): "CTX-AI-THREAT",
        ("threat", "rising-costs"): "CTX-COST-THREAT",
        ("threat", "learner-rights"): "CTX-LEARNER-RIGHTS-THREAT",
        ("opportunity", "verifiable-records"): "CTX-VERIFIABLE-OPPORTUNITY",
    }
    for (kind, theme), rule in cases.items():
        factor = {"lens": "x", "orientation": kind, "theme": theme, "impact": 4, "likelihood": 3}
        fired = assess({}, context_from_snapshot({"steep": [factor]}), kb).fired_rules
        assert fired == (rule,), theme
