"""Readiness self-assessment: knowledge base, scoring, recommendations (pure, no Django).

Typical use::

    kb = default_kb()
    assessment = assess(answers, context_from_snapshot(snapshot), kb)
    for rec in recommend(assessment, kb):
        ...  # rec.reasons rendered with explain.render(reason, kb, "tr")
"""

from __future__ import annotations

from microcred.strategy.readiness.answers import Answer, normalise
from microcred.strategy.readiness.context import Context, SteepFactor, context_from_snapshot
from microcred.strategy.readiness.errors import KnowledgeBaseError
from microcred.strategy.readiness.explain import radar_axes, render, stage_name
from microcred.strategy.readiness.loader import default_kb, load_kb
from microcred.strategy.readiness.models import KnowledgeBase, Lang
from microcred.strategy.readiness.progress import Progress, compare
from microcred.strategy.readiness.questionnaire import Section, questionnaire
from microcred.strategy.readiness.recommend import Reason, Recommendation, recommend
from microcred.strategy.readiness.scoring import Assessment, assess

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
