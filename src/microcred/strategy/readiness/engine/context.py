"""What the canvas and the STEEP workspace tell the readiness engine.

The engine must not depend on the strategy app's models, so the app hands over a plain
snapshot and :func:`context_from_snapshot` distils it into a few named facts. Rules in
the knowledge base may only name facts listed in :data:`CANVAS_FACTS`; the loader checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CANVAS_FACTS: frozenset[str] = frozenset(
    {
        "target_group_count",
        "has_decision_maker",
        "has_implementer",
        "has_working_learners",
        "value_proposition_count",
        "has_employer_partner",
        "external_partner_count",
        "internal_partner_count",
        "cost_centre_count",
        "has_funding_for_every_cost_centre",
        "revenue_source_count",
        "indicator_count",
        "indicators_without_owner",
        "indicators_not_measurable",
        "risk_count",
        "high_risks_without_mitigation",
    }
)

# Words that mark an employer or industry partner, or working learners, in either language.
_EMPLOYER_WORDS = ("employer", "industry", "business", "company", "işveren", "sektör", "firma")
_WORKING_WORDS = ("work", "professional", "employee", "carer", "çalışan", "profesyonel", "meslek")
_HIGH_RISK = ("high", "critical", "yüksek", "kritik")


def fold(value: str) -> str:
    """Case-fold for matching; drops the dot that Turkish "İ" leaves ("İşveren" → "işveren")."""
    return value.casefold().replace("\u0307", "")


class SteepFactor(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: str = ""
    kind: Literal["opportunity", "threat"]
    theme: str = ""
    impact: int = Field(ge=1, le=5)
    likelihood: int = Field(ge=1, le=5)

    @property
    def score(self) -> int:
        return self.impact * self.likelihood


class Context(BaseModel):
    """Canvas facts (numbers; booleans as 0/1) and STEEP factors."""

    model_config = ConfigDict(frozen=True)

    canvas: dict[str, float] = Field(default_factory=dict)
    steep: tuple[SteepFactor, ...] = ()

    def strongest(
        self, kind: str, themes: Iterable[str] = (), categories: Iterable[str] = ()
    ) -> int:
        """Highest score among matching factors; 0 when none matches."""
        wanted = [fold(t) for t in themes]
        cats = {fold(c) for c in categories}
        scores = [
            f.score
            for f in self.steep
            if f.kind == kind
            and (not cats or fold(f.category) in cats)
            and (not wanted or any(w in fold(f.theme) for w in wanted))
        ]
        return max(scores, default=0)


def _items(snapshot: Mapping[str, Any], key: str) -> list[Any]:
    value = snapshot.get(key)
    return list(value) if isinstance(value, list | tuple) else []


def _text(item: Any) -> str:
    """All string values of a dict (or the string itself), for keyword matching."""
    if isinstance(item, Mapping):
        return fold(" ".join(str(v) for v in item.values() if isinstance(v, str)))
    return fold(str(item)) if item is not None else ""


def _filled(item: Any, key: str) -> bool:
    return isinstance(item, Mapping) and bool(str(item.get(key) or "").strip())


def _has_word(text: str, words: Iterable[str]) -> bool:
    return any(w in text for w in words)


def _canvas_facts(canvas: Mapping[str, Any]) -> dict[str, float]:
    groups = _items(canvas, "target_groups")
    partners = [p for p in _items(canvas, "partnerships") if isinstance(p, Mapping)]
    external = [p for p in partners if str(p.get("kind", "")).casefold() == "external"]
    costs = _items(canvas, "cost_centres")
    indicators = _items(canvas, "indicators")
    risks = _items(canvas, "risks")
    high = [
        r for r in risks if isinstance(r, Mapping) and _has_word(_text(r.get("level")), _HIGH_RISK)
    ]
    roles = [r for r in _items(canvas, "governance_roles") if isinstance(r, Mapping)]
    return {
        "target_group_count": len(groups),
        "has_decision_maker": float(any(r.get("kind") == "decides" for r in roles)),
        "has_implementer": float(any(r.get("kind") == "implements" for r in roles)),
        "has_working_learners": float(any(_has_word(_text(g), _WORKING_WORDS) for g in groups)),
        "value_proposition_count": len(_items(canvas, "value_propositions")),
        "has_employer_partner": float(any(_has_word(_text(p), _EMPLOYER_WORDS) for p in external)),
        "external_partner_count": len(external),
        "internal_partner_count": len(partners) - len(external),
        "cost_centre_count": len(costs),
        "has_funding_for_every_cost_centre": float(
            bool(costs) and all(_filled(c, "funding_source") for c in costs)
        ),
        "revenue_source_count": len(_items(canvas, "revenue_sources")),
        "indicator_count": len(indicators),
        "indicators_without_owner": sum(not _filled(i, "owner") for i in indicators),
        "indicators_not_measurable": sum(
            not (_filled(i, "target") and _filled(i, "data_source")) for i in indicators
        ),
        "risk_count": len(risks),
        "high_risks_without_mitigation": sum(not _filled(r, "mitigation") for r in high),
    }


def _steep_factor(item: Mapping[str, Any]) -> SteepFactor | None:
    """Accepts both spellings: category/kind (brief) and lens/orientation (strategy app)."""
    kind = item.get("kind") or item.get("orientation")
    if kind not in ("opportunity", "threat"):
        return None
    try:
        impact, likelihood = int(item.get("impact", 0)), int(item.get("likelihood", 0))
    except (TypeError, ValueError):
        return None
    if not (1 <= impact <= 5 and 1 <= likelihood <= 5):
        return None
    # The theme key ("business-skills") and the free-text title both feed keyword matching.
    theme = " ".join(str(item.get(k) or "") for k in ("theme", "title")).strip()
    return SteepFactor(
        category=str(item.get("category") or item.get("lens") or ""),
        kind=kind,
        theme=theme,
        impact=impact,
        likelihood=likelihood,
    )


def _steep_factors(items: list[Any]) -> tuple[SteepFactor, ...]:
    factors = (_steep_factor(i) for i in items if isinstance(i, Mapping))
    return tuple(f for f in factors if f is not None)


def context_from_snapshot(snapshot: Mapping[str, Any]) -> Context:
    """Distil a strategy snapshot; missing keys and malformed entries are skipped, not fatal."""
    canvas = snapshot.get("canvas")
    return Context(
        # No canvas at all means unknown, not "zero of everything": no canvas rule fires.
        canvas=_canvas_facts(canvas) if isinstance(canvas, Mapping) else {},
        steep=_steep_factors(_items(snapshot, "steep")),
    )
