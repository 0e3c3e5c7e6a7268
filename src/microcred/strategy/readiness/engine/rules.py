"""Evaluate knowledge-base rules over answers and context.

Rules only *raise priority*; they never change a score. Scores say what is in place,
rules say what matters most for this institution now, so the two stay separable in the
report ("you scored 40 here; it is urgent because your STEEP shows strong demand").
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping

from microcred.strategy.readiness.engine.answers import Answer, normalise
from microcred.strategy.readiness.engine.context import Context
from microcred.strategy.readiness.engine.models import Condition, KnowledgeBase, Rule

_OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "eq": operator.eq,
    "ne": operator.ne,
    "gte": operator.ge,
    "gt": operator.gt,
}


def _subject_value(
    cond: Condition, answers: Mapping[str, Answer], context: Context, kb: KnowledgeBase
) -> float | None:
    """The number a condition tests, or None when it is unknown (unanswered, no such fact)."""
    if cond.signal is not None:
        if cond.signal not in answers:
            return None
        return normalise(kb.signal(cond.signal).kind, answers[cond.signal])
    if cond.canvas is not None:
        return context.canvas.get(cond.canvas)
    assert cond.steep is not None
    return float(context.strongest(cond.steep, cond.themes, cond.categories))


def holds(
    cond: Condition, answers: Mapping[str, Answer], context: Context, kb: KnowledgeBase
) -> bool:
    """Unknown subjects never satisfy a condition: no rule fires on missing information."""
    value = _subject_value(cond, answers, context, kb)
    return value is not None and _OPS[cond.op](value, cond.value)


def fired_rules(
    answers: Mapping[str, Answer], context: Context, kb: KnowledgeBase
) -> tuple[Rule, ...]:
    return tuple(r for r in kb.rules if all(holds(c, answers, context, kb) for c in r.when))
