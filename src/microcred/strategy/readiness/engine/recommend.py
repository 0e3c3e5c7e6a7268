"""Turn an assessment into a short, explained, prioritised list of practices to work on.

priority = criticality weight × gap / 10            (gap = 100 − score; a gate at 0 → 40)
         + unblock_bonus × dependents it blocks     (foundations first)
         + boosts of the context/answer rules that fired
         then × blocked_factor if it is itself blocked (its prerequisite comes first).
Every term that contributed is kept as a :class:`Reason`, so the page can say *why*.
Ordering is fully deterministic: priority, then practice id.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from microcred.strategy.readiness.engine.answers import Answer, normalise
from microcred.strategy.readiness.engine.models import KnowledgeBase, Source, Text
from microcred.strategy.readiness.engine.scoring import Assessment

ReasonKind = Literal["signal", "unanswered", "rule", "unblocks", "blocked_by"]


class Reason(BaseModel):
    """One piece of why; ``ref`` is a signal, rule or practice id, rendered by :func:`render`."""

    model_config = ConfigDict(frozen=True)

    kind: ReasonKind
    ref: str
    answer: Answer | None = None
    boost: float = 0.0


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True)

    practice: str
    dimension: str
    title: Text
    priority: float
    score: float
    reasons: tuple[Reason, ...]
    first_step: Text
    done_when: Text
    sources: tuple[Source, ...]
    blocked_by: tuple[str, ...] = ()


def _signal_reasons(practice_id: str, assessment: Assessment, kb: KnowledgeBase) -> list[Reason]:
    """Answers that pulled the practice down (below full marks), and unanswered signals."""
    reasons = []
    for signal, _ in kb.signals_of(practice_id):
        answer = assessment.answers.get(signal.id)
        if answer is None:
            reasons.append(Reason(kind="unanswered", ref=signal.id))
        elif normalise(signal.kind, answer) < 1.0:
            reasons.append(Reason(kind="signal", ref=signal.id, answer=answer))
    return reasons


def _rule_reasons(practice_id: str, assessment: Assessment, kb: KnowledgeBase) -> list[Reason]:
    return [
        Reason(kind="rule", ref=rule_id, boost=effect.boost)
        for rule_id in assessment.fired_rules
        for effect in kb.rule(rule_id).raise_
        if effect.practice == practice_id
    ]


def _candidate(practice_id: str, assessment: Assessment, kb: KnowledgeBase) -> Recommendation:
    sc = kb.scoring
    practice = kb.practice(practice_id)
    ps = assessment.practices[practice_id]
    blocking = [
        d
        for d in kb.dependents_of(practice_id)
        if practice_id in assessment.practices[d].blocked_by
    ]
    reasons = _signal_reasons(practice_id, assessment, kb) + _rule_reasons(
        practice_id, assessment, kb
    )
    reasons += [Reason(kind="unblocks", ref=d, boost=sc.unblock_bonus) for d in blocking]
    reasons += [Reason(kind="blocked_by", ref=d) for d in ps.blocked_by]
    priority = sc.criticality_weight[practice.criticality] * (100.0 - ps.score) / 10.0
    priority += sum(r.boost for r in reasons)
    if ps.blocked_by:
        priority *= sc.blocked_factor
    return Recommendation(
        practice=practice_id,
        dimension=practice.dimension,
        title=practice.title,
        priority=round(priority, 2),
        score=ps.score,
        reasons=tuple(reasons),
        first_step=practice.first_step,
        done_when=practice.done_when,
        sources=tuple(kb.source(k) for k in practice.sources),
        blocked_by=ps.blocked_by,
    )


def recommend(
    assessment: Assessment, kb: KnowledgeBase, *, limit: int = 10
) -> list[Recommendation]:
    """Practices not yet in place, best first, with at most a set share from one dimension.

    The share cap (e.g. 40 %) keeps one weak dimension from crowding out the rest; if the
    other dimensions run out of candidates, the remaining places are filled in order.
    """
    candidates = sorted(
        (
            _candidate(pid, assessment, kb)
            for pid, ps in assessment.practices.items()
            if not ps.in_place
        ),
        key=lambda r: (-r.priority, r.practice),
    )
    cap = max(1, math.ceil(kb.scoring.max_share_per_dimension * limit))
    chosen: list[Recommendation] = []
    per_dim: dict[str, int] = {}
    for rec in candidates:
        if len(chosen) < limit and per_dim.get(rec.dimension, 0) < cap:
            chosen.append(rec)
            per_dim[rec.dimension] = per_dim.get(rec.dimension, 0) + 1
    for rec in candidates:
        if len(chosen) < limit and rec not in chosen:
            chosen.append(rec)
    return sorted(chosen, key=lambda r: (-r.priority, r.practice))
