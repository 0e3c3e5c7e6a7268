"""Render a recommendation's reasons as sentences in English or Turkish.

Reasons are stored as data (kind + id) so one stored assessment can be shown in either
language; the sentence frames live here because they are part of the engine's output
format, not of the knowledge base's content.
"""

from __future__ import annotations

from microcred.strategy.readiness.engine.answers import Answer
from microcred.strategy.readiness.engine.models import KnowledgeBase, Lang
from microcred.strategy.readiness.engine.recommend import Reason
from microcred.strategy.readiness.engine.scoring import Assessment

_FRAMES: dict[str, dict[Lang, str]] = {
    "signal": {
        "en": "You answered “{answer}” to: {text}",
        "tr": "“{text}” sorusuna yanıtınız: {answer}",
    },
    "unanswered": {"en": "Not answered yet: {text}", "tr": "Henüz yanıtlanmadı: {text}"},
    "rule": {"en": "{text}", "tr": "{text}"},
    "unblocks": {
        "en": "Other work depends on this: {text}",
        "tr": "Başka çalışmalar buna bağlı: {text}",
    },
    "blocked_by": {
        "en": "First put this prerequisite in place: {text}",
        "tr": "Önce şu ön koşulu sağlayın: {text}",
    },
}


def answer_label(kb: KnowledgeBase, signal_id: str, answer: Answer, lang: Lang) -> str:
    signal = kb.signal(signal_id)
    options = kb.ypn_options if signal.kind == "ypn" else kb.scale_options
    return next((o.label.get(lang) for o in options if o.value == answer), str(answer))


def render(reason: Reason, kb: KnowledgeBase, lang: Lang) -> str:
    frame = _FRAMES[reason.kind][lang]
    if reason.kind in ("signal", "unanswered"):
        text = kb.signal(reason.ref).question.get(lang)
    elif reason.kind == "rule":
        text = kb.rule(reason.ref).reason.get(lang)
    else:
        practice = kb.practice(reason.ref)
        text = f"{practice.id} {practice.title.get(lang)}"
    answer = "" if reason.answer is None else answer_label(kb, reason.ref, reason.answer, lang)
    return frame.format(text=text, answer=answer)


def radar_axes(assessment: Assessment, kb: KnowledgeBase, lang: Lang) -> list[tuple[str, float]]:
    """(dimension name, score) in knowledge-base order, ready for ``charts.radar_svg``."""
    return [
        (d.name.get(lang), assessment.dimensions[d.id].score)
        for d in kb.dimensions
        if d.id in assessment.dimensions
    ]


def stage_name(score: float, kb: KnowledgeBase, lang: Lang) -> str:
    """The maturity stage a dimension score falls in (e.g. "Expanding" at 40–59)."""
    return kb.stage_for(score).name.get(lang)
