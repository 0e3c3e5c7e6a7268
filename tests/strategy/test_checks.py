"""The canvas checks over plain snapshots: no database, every rule both ways."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from microcred.strategy.canvas.checks import MESSAGES, check_canvas, progress
from microcred.strategy.canvas.document import BLOCKS


def codes(canvas: dict[str, Any], steep: list[dict[str, Any]] | None = None) -> set[str]:
    return {f.code for f in check_canvas({"canvas": canvas, "steep": steep or []})}


def complete_canvas() -> dict[str, Any]:
    return {
        "target_groups": [{"id": "g1", "name": "Working adults", "needs": "Evening study"}],
        "value_propositions": [
            {"id": "v1", "audience": "learners", "statement": "Upskilling", "target_group": "g1"},
            {"id": "v2", "audience": "organisation", "statement": "New learners"},
            {"id": "v3", "audience": "external", "statement": "Skilled staff"},
        ],
        "governance_roles": [
            {"id": "r1", "person": "Senate", "kind": "decides"},
            {"id": "r2", "person": "Continuing-education centre", "kind": "implements"},
        ],
        "activities": [{"id": "a1", "description": "Design pilot", "owner": "Ayşe"}],
        "partnerships": [{"id": "p1", "partner": "Chamber of industry", "kind": "external"}],
        "cost_centres": [{"id": "c1", "name": "Licences", "funding_source": "s1"}],
        "revenue_sources": [{"id": "s1", "name": "Fees"}],
        "indicators": [
            {
                "id": "i1",
                "kind": "success",
                "description": "Completion",
                "target": "70%",
                "data_source": "LMS",
                "deadline": "2027-06-30",
                "owner": "Mehmet",
            },
            {
                "id": "i2",
                "kind": "failure",
                "description": "Drop-out",
                "target": "<40%",
                "data_source": "LMS",
                "deadline": "2027-06-30",
                "owner": "Mehmet",
            },
        ],
        "risks": [
            {
                "id": "k1",
                "description": "Low demand",
                "level": "high",
                "mitigation": "Employer panel",
                "owner": "Ayşe",
            }
        ],
        "input_channels": [{"id": "n1", "stakeholders": "Learners", "method": "Survey"}],
    }


def test_a_complete_canvas_has_no_findings_and_every_block_is_complete() -> None:
    snapshot = {"canvas": complete_canvas(), "steep": []}
    assert check_canvas(snapshot) == []
    assert all(p.complete for p in progress(check_canvas(snapshot)))


def test_an_empty_canvas_reports_every_block_missing() -> None:
    found = check_canvas({"canvas": {}, "steep": []})
    assert {p.block for p in progress(found) if not p.complete} == set(BLOCKS)


def test_every_cost_centre_needs_an_existing_funding_source() -> None:
    canvas = complete_canvas()
    canvas["cost_centres"].append({"id": "c2", "name": "Proctoring", "funding_source": None})
    canvas["cost_centres"].append({"id": "c3", "name": "Marketing", "funding_source": "gone"})
    found = [f for f in check_canvas({"canvas": canvas}) if f.code == "budget.unfunded"]
    assert [f.item for f in found] == ["c2", "c3"]
    assert found[0].message == "Cost centre “Proctoring” has no funding source."


def test_indicators_must_be_measurable_and_owned() -> None:
    canvas = complete_canvas()
    canvas["indicators"][0].update(target="", deadline=None, owner="")
    found = {f.code: f for f in check_canvas({"canvas": canvas})}
    assert found["performance.not_measurable"].message == (
        "Indicator “Completion” is not measurable yet; add: a target, a deadline."
    )
    assert found["performance.no_owner"].item == "i1"


def test_every_target_group_needs_a_linked_value_proposition() -> None:
    canvas = complete_canvas()
    canvas["target_groups"].append({"id": "g2", "name": "Alumni", "needs": "Updates"})
    assert "value.target_without_value" in codes(canvas)
    canvas["value_propositions"].append(
        {"id": "v4", "audience": "learners", "statement": "Refresh", "target_group": "g2"}
    )
    assert "value.target_without_value" not in codes(canvas)


def test_every_audience_needs_a_value_proposition() -> None:
    canvas = complete_canvas()
    canvas["value_propositions"] = canvas["value_propositions"][:1]
    found = [f.message for f in check_canvas({"canvas": canvas}) if f.code == "value.no_audience"]
    assert found == [
        "No value proposition for the organisation yet.",
        "No value proposition for external stakeholders yet.",
    ]


def test_high_risks_need_mitigation_and_owner_but_low_ones_do_not() -> None:
    canvas = complete_canvas()
    canvas["risks"][0].update(mitigation="", owner="")
    assert {"improvement.unmitigated", "improvement.risk_no_owner"} <= codes(canvas)
    canvas["risks"][0]["level"] = "low"
    assert not {"improvement.unmitigated", "improvement.risk_no_owner"} & codes(canvas)


def test_governance_names_who_decides_and_who_implements() -> None:
    canvas = complete_canvas()
    canvas["governance_roles"] = [{"id": "r1", "person": "Senate", "kind": "decides"}]
    assert codes(canvas) == {"governance.no_implementer"}


def test_major_steep_threats_must_reach_the_risks() -> None:
    threat = {"id": "f1", "title": "Fragmented recognition", "orientation": "threat", "score": 16}
    canvas = complete_canvas()
    assert codes(canvas, [threat]) == {"improvement.threat_not_in_register"}
    assert codes(canvas, [{**threat, "score": 12}]) == set()
    assert codes(canvas, [{**threat, "orientation": "opportunity"}]) == set()
    canvas["risks"][0]["steep_factor"] = "f1"
    assert codes(canvas, [threat]) == set()


def test_codes_are_stable_and_every_message_exists_in_turkish() -> None:
    assert all(code.split(".")[0] in BLOCKS for code in MESSAGES)
    with translation.override("tr"):
        for code, message in MESSAGES.items():
            with translation.override("en"):
                english = str(message)
            assert str(message) != english, code


def test_findings_are_reported_in_turkish_when_turkish_is_active() -> None:
    canvas = complete_canvas()
    canvas["cost_centres"][0]["funding_source"] = None
    with translation.override("tr"):
        (finding,) = check_canvas({"canvas": canvas})
        assert "Licences" in finding.message
        assert "finansman" in finding.message
