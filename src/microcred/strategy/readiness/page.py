"""Shapes a stored assessment into what the readiness pages and the report show, in one language.

Everything is read from the stored result (names and rendered reasons included), so an old
assessment still displays after the knowledge base changed; only the stage names (a fixed
scale) come from the current knowledge base.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from microcred.strategy.charts import RadarLabels, radar_svg
from microcred.strategy.models import Assessment
from microcred.strategy.readiness.assessing import History, scores_of
from microcred.strategy.readiness.engine import KnowledgeBase, Lang, stage_name


def _name(names: dict[str, Any], group: str, key: str, lang: Lang) -> str:
    found = names.get(group, {}).get(key)
    return str(found.get(lang, key)) if isinstance(found, dict) else key


def radar(history: History, lang: Lang, id_prefix: str = "radar") -> SafeString:
    """The radar of dimension scores, with the previous assessment dashed underneath."""
    current = history.current
    names = current.result.get("names", {})
    dims = scores_of(current).dimensions
    axes = [(_name(names, "dimensions", d, lang), s.score) for d, s in dims.items()]
    previous = None
    if history.previous is not None:
        before = scores_of(history.previous).dimensions
        if set(before) == set(dims):
            previous = [before[d].score for d in dims]
    labels = RadarLabels(
        title=_("Readiness by dimension"),
        current=_("This assessment"),
        previous=_("Previous assessment"),
    )
    svg = radar_svg(axes, previous=previous, labels=labels, id_prefix=id_prefix)
    return mark_safe(svg)  # noqa: S308 -- radar_svg escapes every text it draws


def dimensions(history: History, kb: KnowledgeBase, lang: Lang) -> list[dict[str, Any]]:
    """Per dimension: score, stage, practices in place, change, and its practices' scores."""
    current = history.current
    names = current.result.get("names", {})
    scores = scores_of(current)
    deltas = history.progress.dimensions if history.progress else {}
    rows = []
    for dim_id, dim in scores.dimensions.items():
        practices = [
            {
                "id": p.practice,
                "title": _name(names, "practices", p.practice, lang),
                "score": p.score,
                "in_place": p.in_place,
                "blocked_by": [f"{b} {_name(names, 'practices', b, lang)}" for b in p.blocked_by],
                "answered": p.answered,
                "signal_count": p.signal_count,
            }
            for p in scores.practices.values()
            if p.dimension == dim_id
        ]
        rows.append(
            {
                "id": dim_id,
                "name": _name(names, "dimensions", dim_id, lang),
                "score": dim.score,
                "stage": stage_name(dim.score, kb, lang),
                "in_place": dim.in_place,
                "practice_count": dim.practice_count,
                "delta": deltas[dim_id].delta if dim_id in deltas else None,
                "practices": practices,
            }
        )
    return rows


def recommendations(assessment: Assessment, lang: Lang) -> list[dict[str, Any]]:
    """The stored recommendations with every text picked in ``lang``."""
    names = assessment.result.get("names", {})
    return [
        {
            "practice": rec["practice"],
            "dimension": _name(names, "dimensions", rec["dimension"], lang),
            "title": rec["title"][lang],
            "priority": rec["priority"],
            "score": rec["score"],
            "reasons": [r[lang] for r in rec["reasons"]],
            "first_step": rec["first_step"][lang],
            "done_when": rec["done_when"][lang],
            "sources": rec["sources"],
            "blocked_by": [
                f"{b} {_name(names, 'practices', b, lang)}" for b in rec.get("blocked_by", [])
            ],
        }
        for rec in assessment.result.get("recommendations", [])
    ]


def progress_lines(history: History, lang: Lang) -> dict[str, list[str]]:
    """Practices that improved, regressed or came into place since the previous assessment."""
    if history.progress is None:
        return {}
    names = history.current.result.get("names", {})

    def titled(ids: tuple[str, ...]) -> list[str]:
        return [f"{p} {_name(names, 'practices', p, lang)}" for p in ids]

    return {
        "newly_in_place": titled(history.progress.newly_in_place),
        "improved": titled(history.progress.improved),
        "regressed": titled(history.progress.regressed),
    }
