"""The questionnaire while a member fills it in: answers kept on the server as they are given.

118 questions are not answered in one sitting. Each answer is saved at once (the page's
autosave) or with its page ("Save and continue"), per member and strategy, so signing out,
changing device or losing the connection loses nothing, and the member resumes on the page
they left. Finishing scores the draft's answers (``assessing.save_assessment``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.strategy.content import current_language
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import Assessment, ReadinessDraft, Strategy
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness.engine import KnowledgeBase, Section, questionnaire
from microcred.strategy.readiness.engine.answers import Answer


@dataclass(frozen=True)
class Page:
    """One section of the questionnaire with the member's answers and where it stands."""

    number: int  # 1-based
    count: int
    section: Section
    answers: Mapping[str, Answer]
    answered: int  # over the whole questionnaire
    total: int

    @property
    def is_last(self) -> bool:
        return self.number == self.count


def draft_of(strategy: Strategy, user: User) -> ReadinessDraft:
    """The member's draft; a first one starts from the strategy's latest assessment."""
    found = ReadinessDraft.objects.filter(strategy=strategy, user=user).first()
    if found is not None:
        return found
    latest = assessing.latest(strategy)
    answers = dict(latest.answers) if latest else {}
    draft, _created = ReadinessDraft.objects.get_or_create(
        strategy=strategy, user=user, defaults={"answers": answers}
    )
    return draft


def sections(kb: KnowledgeBase) -> list[Section]:
    return questionnaire(kb, current_language())


def page_of(draft: ReadinessDraft, kb: KnowledgeBase, number: int | None = None) -> Page:
    """Page ``number`` (1-based; the draft's own page if None or out of range)."""
    all_sections = sections(kb)
    count = len(all_sections)
    if number is None or not 1 <= number <= count:
        number = min(draft.section, count - 1) + 1
    known = {s.id for s in kb.signals}
    return Page(
        number=number,
        count=count,
        section=all_sections[number - 1],
        answers=draft.answers,
        answered=len(known & set(draft.answers)),
        total=len(known),
    )


def _locked(strategy: Strategy, user: User) -> ReadinessDraft:
    draft_of(strategy, user)
    return ReadinessDraft.objects.select_for_update().get(strategy=strategy, user=user)


def save_answer(
    strategy: Strategy, user: User, signal_id: str, raw: str, kb: KnowledgeBase
) -> ReadinessDraft:
    """Keep one answer (autosave); an empty value clears it. Unknown question → NotFound."""
    signal = next((s for s in kb.signals if s.id == signal_id), None)
    if signal is None:
        raise NotFound(signal_id)
    chosen = assessing.answer_for(signal, raw, kb) if raw.strip() else None
    if raw.strip() and chosen is None:
        raise InvalidInput([assessing.refused_answer(signal)])
    with transaction.atomic():
        draft = _locked(strategy, user)
        if chosen is None:
            draft.answers.pop(signal_id, None)
        else:
            draft.answers[signal_id] = chosen
        draft.save(update_fields=["answers", "updated"])
    return draft


def save_page(
    strategy: Strategy, user: User, number: int, form: Mapping[str, str], kb: KnowledgeBase
) -> ReadinessDraft:
    """Keep the answers of page ``number`` (without script: "Save and continue") and remember
    the page the member goes to next. Nothing is kept if one answer is not an option."""
    all_sections = sections(kb)
    if not 1 <= number <= len(all_sections):
        raise InvalidInput([_("This page of the questionnaire does not exist.")])
    ids = {q.signal for q in all_sections[number - 1].questions}
    answers = assessing.answers_from_form(form, kb, [s for s in kb.signals if s.id in ids])
    with transaction.atomic():
        draft = _locked(strategy, user)
        draft.answers.update(answers)
        draft.save(update_fields=["answers", "updated"])
    return draft


def go_to(draft: ReadinessDraft, number: int, count: int) -> None:
    """Remember page ``number`` (1-based) as where the member resumes."""
    draft.section = max(0, min(number, count) - 1)
    draft.save(update_fields=["section", "updated"])


def finish(strategy: Strategy, user: User, kb: KnowledgeBase) -> Assessment:
    """Score the draft's answers; the member starts again from the first page next time."""
    draft = draft_of(strategy, user)
    known = {s.id for s in kb.signals}
    answers = {k: v for k, v in draft.answers.items() if k in known}
    saved = assessing.save_assessment(strategy, user, answers, kb=kb)
    go_to(draft, 1, 1)
    return saved
