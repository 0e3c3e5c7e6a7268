"""Service functions of the readiness self-assessment: save, read back, compare.

The engine (``readiness``) is pure; this module is where it meets the database. Context
comes from the strategy's canvas and STEEP factors (``services.snapshot``), so what the
team wrote there changes which recommendations come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.strategy import services
from microcred.strategy.content import current_language
from microcred.strategy.errors import InvalidInput
from microcred.strategy.models import Assessment, Strategy
from microcred.strategy.readiness.engine import Assessment as Scores
from microcred.strategy.readiness.engine import (
    KnowledgeBase,
    Progress,
    Recommendation,
    assess,
    compare,
    context_from_snapshot,
    default_kb,
    recommend,
    render,
)
from microcred.strategy.readiness.engine.answers import Answer
from microcred.strategy.readiness.engine.models import LANGS, Signal

__all__ = [
    "History",
    "answer_for",
    "answers_from_form",
    "history_of",
    "latest",
    "save_assessment",
    "scores_of",
]


def answer_for(signal: Signal, raw: str, kb: KnowledgeBase) -> Answer | None:
    """The answer a submitted option value means for ``signal``; None if it is none of them."""
    options = kb.ypn_options if signal.kind == "ypn" else kb.scale_options
    return next((cast(Answer, o.value) for o in options if str(o.value) == raw.strip()), None)


def refused_answer(signal: Signal) -> str:
    """The message for an answer that is not one of the question's options (the question is
    named by its text in the page's language, never by its id)."""
    return _("Choose one of the offered answers for: %(q)s") % {
        "q": signal.question.get(current_language())
    }


def answers_from_form(
    form: Mapping[str, str], kb: KnowledgeBase, signals: Iterable[Signal] | None = None
) -> dict[str, Answer]:
    """Form fields named ``q-<signal>`` → answers; empty means unanswered, nonsense refused.

    Only ``signals`` are read when given (one page of the questionnaire).
    """
    answers: dict[str, Answer] = {}
    errors = []
    for signal in kb.signals if signals is None else signals:
        raw = str(form.get(f"q-{signal.id}", "")).strip()
        if not raw:
            continue
        chosen = answer_for(signal, raw, kb)
        if chosen is None:
            errors.append(refused_answer(signal))
        else:
            answers[signal.id] = chosen
    if errors:
        raise InvalidInput(errors)
    return answers


def _recommendation_dict(rec: Recommendation, kb: KnowledgeBase) -> dict[str, Any]:
    """A recommendation with its reasons rendered in both languages, ready to store."""
    return {
        "practice": rec.practice,
        "dimension": rec.dimension,
        "title": rec.title.model_dump(),
        "priority": rec.priority,
        "score": rec.score,
        "reasons": [
            {"kind": r.kind, **{lang: render(r, kb, lang) for lang in LANGS}} for r in rec.reasons
        ],
        "first_step": rec.first_step.model_dump(),
        "done_when": rec.done_when.model_dump(),
        "sources": [{"key": s.key, "citation": s.citation, "url": s.url} for s in rec.sources],
        "blocked_by": list(rec.blocked_by),
    }


def _result(scores: Scores, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "assessment": scores.model_dump(mode="json"),
        "recommendations": [_recommendation_dict(r, kb) for r in recommend(scores, kb)],
        "names": {
            "practices": {p.id: p.title.model_dump() for p in kb.practices},
            "dimensions": {d.id: d.name.model_dump() for d in kb.dimensions},
        },
    }


def save_assessment(
    strategy: Strategy,
    author: User | None,
    answers: Mapping[str, Answer],
    *,
    kb: KnowledgeBase | None = None,
) -> Assessment:
    """Score ``answers`` in the light of the canvas and STEEP now, and keep the result."""
    kb = kb or default_kb()
    try:
        scores = assess(answers, context_from_snapshot(services.snapshot(strategy)), kb)
    except ValueError as error:
        raise InvalidInput([str(error)]) from error
    with transaction.atomic():
        return Assessment.objects.create(
            strategy=strategy,
            author=author,
            kb_version=kb.kb_version,
            answers=scores.model_dump(mode="json")["answers"],
            result=_result(scores, kb),
        )


def scores_of(assessment: Assessment) -> Scores:
    return Scores.model_validate(assessment.scores)


def latest(strategy: Strategy) -> Assessment | None:
    return strategy.assessments.first()


@dataclass(frozen=True)
class History:
    """An assessment, the one before it (if any) and the progress between them."""

    current: Assessment
    previous: Assessment | None
    progress: Progress | None


def history_of(strategy: Strategy, public_id: str | None = None) -> History | None:
    """The given (or latest) assessment of this strategy and its predecessor; None if none."""
    found = strategy.assessments.all()
    current = found.filter(public_id=public_id).first() if public_id else found.first()
    if current is None:
        return None
    # Primary keys grow with time; "created" alone may tie within one clock tick.
    previous = found.filter(pk__lt=current.pk).order_by("-pk").first()
    progress = compare(scores_of(previous), scores_of(current)) if previous else None
    return History(current=current, previous=previous, progress=progress)
