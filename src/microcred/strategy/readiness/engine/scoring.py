"""Score the self-assessment: per practice, per dimension, with prerequisites as gates.

A practice's raw score is the weighted mean of its signals (unanswered counts as 0: what
cannot be shown is not yet in place). A practice whose prerequisite is not in place is
capped at ``blocked_cap``: building on a missing foundation is not counted as readiness.
Prerequisites are scored first, so a missing foundation caps everything above it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from microcred.strategy.readiness.engine.answers import Answer, normalise
from microcred.strategy.readiness.engine.context import Context
from microcred.strategy.readiness.engine.loader import topological_order
from microcred.strategy.readiness.engine.models import KnowledgeBase
from microcred.strategy.readiness.engine.rules import fired_rules


class PracticeScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    practice: str
    dimension: str
    raw: float
    score: float
    in_place: bool
    blocked_by: tuple[str, ...] = ()
    answered: int
    signal_count: int


class DimensionScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    score: float
    in_place: int
    practice_count: int


class Assessment(BaseModel):
    """The result of one self-assessment; JSON-serialisable for storage and comparison."""

    model_config = ConfigDict(frozen=True)

    kb_version: str
    answers: dict[str, Answer]
    practices: dict[str, PracticeScore]
    dimensions: dict[str, DimensionScore]
    fired_rules: tuple[str, ...] = ()


def _round(x: float) -> float:
    return round(x, 2)


def raw_score(practice_id: str, answers: Mapping[str, Answer], kb: KnowledgeBase) -> float:
    weighted = kb.signals_of(practice_id)
    total = sum(w for _, w in weighted)
    got = sum(w * normalise(s.kind, answers[s.id]) for s, w in weighted if s.id in answers)
    return 100.0 * got / total if total else 0.0


def _score_practices(answers: Mapping[str, Answer], kb: KnowledgeBase) -> dict[str, PracticeScore]:
    sc = kb.scoring
    scores: dict[str, PracticeScore] = {}
    for pid in topological_order(kb):
        practice = kb.practice(pid)
        raw = raw_score(pid, answers, kb)
        blocked_by = tuple(d for d in practice.depends_on if not scores[d].in_place)
        score = min(raw, sc.blocked_cap) if blocked_by else raw
        signals = kb.signals_of(pid)
        scores[pid] = PracticeScore(
            practice=pid,
            dimension=practice.dimension,
            raw=_round(raw),
            score=_round(score),
            in_place=score >= sc.in_place_threshold,
            blocked_by=blocked_by,
            answered=sum(1 for s, _ in signals if s.id in answers),
            signal_count=len(signals),
        )
    return {p.id: scores[p.id] for p in kb.practices}


def _score_dimensions(
    practices: Mapping[str, PracticeScore], kb: KnowledgeBase
) -> dict[str, DimensionScore]:
    result = {}
    for dim in kb.dimensions:
        mine = [p for p in practices.values() if p.dimension == dim.id]
        mean = sum(p.score for p in mine) / len(mine) if mine else 0.0
        result[dim.id] = DimensionScore(
            dimension=dim.id,
            score=_round(mean),
            in_place=sum(p.in_place for p in mine),
            practice_count=len(mine),
        )
    return result


def assess(answers: Mapping[str, Answer], context: Context, kb: KnowledgeBase) -> Assessment:
    """Score answers against ``kb``; unknown signals or wrong answer kinds are caller errors."""
    unknown = sorted(set(answers) - {s.id for s in kb.signals})
    if unknown:
        raise ValueError(f"answers to unknown signals: {', '.join(unknown)}")
    for signal in kb.signals:
        if signal.id in answers:
            try:
                normalise(signal.kind, answers[signal.id])
            except ValueError as exc:
                raise ValueError(f"{signal.id}: {exc}") from exc
    practices = _score_practices(answers, kb)
    return Assessment(
        kb_version=kb.kb_version,
        answers=dict(sorted(answers.items())),
        practices=practices,
        dimensions=_score_dimensions(practices, kb),
        fired_rules=tuple(r.id for r in fired_rules(answers, context, kb)),
    )
