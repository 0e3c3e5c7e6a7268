"""A hand-sized knowledge base, so expected numbers can be worked out on paper."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from microcred.strategy.readiness.engine.answers import Answer
from microcred.strategy.readiness.engine.loader import check_kb
from microcred.strategy.readiness.engine.models import KnowledgeBase


def _t(en: str) -> dict[str, str]:
    return {"en": en, "tr": f"{en} (tr)"}


def _practice(pid: str, dim: str, crit: str, deps: list[str]) -> dict[str, Any]:
    return {
        "id": pid,
        "dimension": dim,
        "criticality": crit,
        "depends_on": deps,
        "sources": ["SRC"],
        "title": _t(f"title {pid}"),
        "description": _t(f"description {pid}"),
        "first_step": _t(f"first step {pid}"),
        "done_when": _t(f"done when {pid}"),
    }


def _signal(sid: str, kind: str, evid: list[tuple[str, float]]) -> dict[str, Any]:
    return {
        "id": sid,
        "kind": kind,
        "question": _t(f"question {sid}"),
        "evidences": [{"practice": p, "weight": w} for p, w in evid],
    }


TINY: dict[str, Any] = {
    "kb_version": "tiny-1",
    "scoring": {
        "in_place_threshold": 60,
        "blocked_cap": 50,
        "blocked_factor": 0.5,
        "unblock_bonus": 3,
        "criticality_weight": {"gate": 4, "high": 3, "medium": 2, "low": 1},
        "max_share_per_dimension": 0.5,
    },
    "dimensions": [
        {"id": "d1", "name": _t("Dimension one"), "description": _t("first")},
        {"id": "d2", "name": _t("Dimension two"), "description": _t("second")},
    ],
    "stages": [{"min_score": 0, "name": _t("start")}, {"min_score": 50, "name": _t("half")}],
    "ypn_options": [
        {"value": "yes", "label": _t("Yes")},
        {"value": "partly", "label": _t("Partly")},
        {"value": "no", "label": _t("No")},
    ],
    "scale_options": [{"value": v, "label": _t(f"level {v}")} for v in range(5)],
    "practices": [
        _practice("PS-01", "d1", "gate", []),
        _practice("PS-02", "d1", "high", ["PS-01"]),
        _practice("ID-01", "d2", "medium", []),
        _practice("ID-02", "d2", "low", ["ID-01"]),
    ],
    "signals": [
        _signal("s1", "ypn", [("PS-01", 2)]),
        _signal("s2", "scale", [("PS-01", 1), ("PS-02", 1)]),
        _signal("s3", "ypn", [("PS-02", 1)]),
        _signal("s4", "ypn", [("ID-01", 1)]),
        _signal("s5", "scale", [("ID-02", 1)]),
    ],
    "rules": [
        {
            "id": "R-EMPLOYER",
            "reason": _t("strong employer demand"),
            "when": [{"steep": "opportunity", "themes": ["employer"], "op": "gte", "value": 12}],
            "raise": [{"practice": "PS-02", "boost": 10}],
        },
        {
            "id": "R-NO-PARTNER",
            "reason": _t("no employer partner"),
            "when": [{"canvas": "has_employer_partner", "op": "eq", "value": 0}],
            "raise": [{"practice": "ID-01", "boost": 5}],
        },
        {
            "id": "R-ANSWER",
            "reason": _t("s4 is weak"),
            "when": [{"signal": "s4", "op": "lte", "value": 0.5}],
            "raise": [{"practice": "ID-02", "boost": 2}],
        },
    ],
    "sources": [{"key": "SRC", "citation": "A source.", "url": "https://example.org/"}],
}


def tiny_raw() -> dict[str, Any]:
    return deepcopy(TINY)


def tiny_kb() -> KnowledgeBase:
    kb = KnowledgeBase.model_validate(tiny_raw())
    assert check_kb(kb) == []
    return kb


#: Answers that exercise the gates (test_gates, test_rules, test_recommend):
# s1 partly, s2 = 2 → PS-01 = (2×0.5 + 0.5) / 3 = 50 → not in place (threshold 60).
# s3 yes → PS-02 raw = (0.5 + 1) / 2 = 75, but blocked by PS-01 → capped at 50.
ANSWERS: dict[str, Answer] = {"s1": "partly", "s2": 2, "s3": "yes", "s4": "yes", "s5": 4}
