"""The readiness engine: knowledge base, scoring, recommendations (pure: no Django, no database).

Typical use::

    kb = default_kb()
    assessment = assess(answers, context_from_snapshot(snapshot), kb)
    for rec in recommend(assessment, kb):
        ...  # rec.reasons rendered with explain.render(reason, kb, "tr")
"""

from __future__ import annotations

from microcred.strategy.readiness.engine.answers import Answer, normalise
from microcred.strategy.readiness.engine.context import Context, SteepFactor, context_from_snapshot
from microcred.strategy.readiness.engine.errors import KnowledgeBaseError
from microcred.strategy.readiness.engine.explain import radar_axes, render, stage_name
from microcred.strategy.readiness.engine.loader import default_kb, load_kb
from microcred.strategy.readiness.engine.models import KnowledgeBase, Lang
from microcred.strategy.readiness.engine.progress import Progress, compare
from microcred.strategy.readiness.engine.questionnaire import Section, questionnaire
from microcred.strategy.readiness.engine.recommend import Reason, Recommendation, recommend
from microcred.strategy.readiness.engine.scoring import Assessment, assess

__all__ = [
    "Answer",
    "Assessment",
    "Context",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Lang",
    "Progress",
    "Reason",
    "Recommendation",
    "Section",
    "SteepFactor",
    "assess",
    "compare",
    "context_from_snapshot",
    "default_kb",
    "load_kb",
    "normalise",
    "questionnaire",
    "radar_axes",
    "recommend",
    "render",
    "stage_name",
]
