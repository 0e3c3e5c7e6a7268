"""The self-assessment questions, grouped per dimension, in one language.

This is the shape the Django form needs (sections → questions → options) without the
form knowing anything about practices or weights.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from microcred.strategy.readiness.engine.models import KnowledgeBase, Lang


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: int | str
    label: str


class Question(BaseModel):
    model_config = ConfigDict(frozen=True)

    signal: str
    kind: str
    text: str
    practices: tuple[str, ...]
    options: tuple[Option, ...]


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    title: str
    description: str
    questions: tuple[Question, ...]


def questionnaire(kb: KnowledgeBase, lang: Lang) -> list[Section]:
    """A signal appears once, in the dimension of the first practice it evidences."""
    dim_of = {p.id: p.dimension for p in kb.practices}
    sections = []
    for dim in kb.dimensions:
        questions = tuple(
            Question(
                signal=s.id,
                kind=s.kind,
                text=s.question.get(lang),
                practices=tuple(e.practice for e in s.evidences),
                options=tuple(
                    Option(value=o.value, label=o.label.get(lang))
                    for o in (kb.ypn_options if s.kind == "ypn" else kb.scale_options)
                ),
            )
            for s in kb.signals
            if dim_of[s.evidences[0].practice] == dim.id
        )
        sections.append(
            Section(
                dimension=dim.id,
                title=dim.name.get(lang),
                description=dim.description.get(lang),
                questions=questions,
            )
        )
    return sections
