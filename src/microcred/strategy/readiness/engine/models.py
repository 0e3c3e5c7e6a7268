"""The knowledge base as typed, immutable data.

The practices, signals, rules and sources are reviewed by people who do not read
Python, so they live in JSON files (see ``data/``); these models are the contract those
files must meet. Every user-facing text carries both languages itself, so the engine
never needs Django's translation machinery.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Lang = Literal["en", "tr"]
LANGS: tuple[Lang, ...] = ("en", "tr")

Criticality = Literal["gate", "high", "medium", "low"]
AnswerKind = Literal["ypn", "scale"]
Op = Literal["lt", "lte", "eq", "ne", "gte", "gt"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """A text in both languages; empty strings are refused so neither language lags."""

    en: str = Field(min_length=1)
    tr: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.tr if lang == "tr" else self.en


class Dimension(_Frozen):
    id: str
    name: Text
    description: Text


class Source(_Frozen):
    key: str
    citation: str = Field(min_length=1)
    url: str | None = None


class Practice(_Frozen):
    id: str = Field(pattern=r"^(PS|ID|AC|SE)-\d{2}$")
    dimension: str
    criticality: Criticality
    title: Text
    description: Text
    first_step: Text
    done_when: Text
    depends_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)


class Evidence(_Frozen):
    """How much one signal tells about one practice (weights are relative)."""

    practice: str
    weight: float = Field(default=1.0, gt=0)


class Signal(_Frozen):
    id: str
    kind: AnswerKind
    question: Text
    evidences: tuple[Evidence, ...] = Field(min_length=1)


class Condition(_Frozen):
    """One test over a signal answer (0–1), a canvas fact, or the strongest STEEP factor.

    Exactly one of ``signal``, ``canvas`` or ``steep`` is set. For ``steep`` the value
    compared is the highest impact × likelihood (1–25) among factors of that kind whose
    theme matches one of ``themes`` (id or keyword, case-insensitive), 0 when none does.
    """

    signal: str | None = None
    canvas: str | None = None
    steep: Literal["opportunity", "threat"] | None = None
    themes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    op: Op
    value: float

    @model_validator(mode="after")
    def _exactly_one_subject(self) -> Condition:
        subjects = [s for s in (self.signal, self.canvas, self.steep) if s is not None]
        if len(subjects) != 1:
            raise ValueError("a condition needs exactly one of signal, canvas, steep")
        if self.steep is None and (self.themes or self.categories):
            raise ValueError("themes/categories only apply to steep conditions")
        return self


class Effect(_Frozen):
    practice: str
    boost: float


class Rule(_Frozen):
    """When every condition holds, the listed practices gain priority, with ``reason`` as why."""

    id: str
    reason: Text
    when: tuple[Condition, ...] = Field(min_length=1)
    raise_: tuple[Effect, ...] = Field(alias="raise", min_length=1)


class Stage(_Frozen):
    min_score: float = Field(ge=0, le=100)
    name: Text


class AnswerOption(_Frozen):
    """One allowed answer (``"yes"``/``"partly"``/``"no"`` or 0–4) and its label."""

    value: int | str
    label: Text


class Scoring(_Frozen):
    """The tunable numbers of the engine, kept with the data so they can be calibrated."""

    in_place_threshold: float = Field(ge=0, le=100)
    blocked_cap: float = Field(ge=0, le=100)
    blocked_factor: float = Field(ge=0, le=1)
    unblock_bonus: float = Field(ge=0)
    criticality_weight: dict[Criticality, float]
    max_share_per_dimension: float = Field(gt=0, le=1)


class KnowledgeBase(_Frozen):
    kb_version: str
    scoring: Scoring
    dimensions: tuple[Dimension, ...]
    stages: tuple[Stage, ...]
    ypn_options: tuple[AnswerOption, ...]
    scale_options: tuple[AnswerOption, ...]
    practices: tuple[Practice, ...]
    signals: tuple[Signal, ...]
    rules: tuple[Rule, ...]
    sources: tuple[Source, ...]

    def practice(self, practice_id: str) -> Practice:
        return next(p for p in self.practices if p.id == practice_id)

    def signal(self, signal_id: str) -> Signal:
        return next(s for s in self.signals if s.id == signal_id)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def source(self, key: str) -> Source:
        return next(s for s in self.sources if s.key == key)

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def signals_of(self, practice_id: str) -> tuple[tuple[Signal, float], ...]:
        """The signals that evidence a practice, with their weight, in file order."""
        return tuple(
            (s, e.weight) for s in self.signals for e in s.evidences if e.practice == practice_id
        )

    def dependents_of(self, practice_id: str) -> tuple[str, ...]:
        return tuple(p.id for p in self.practices if practice_id in p.depends_on)

    def stage_for(self, score: float) -> Stage:
        reached = [s for s in self.stages if score >= s.min_score]
        return max(reached, key=lambda s: s.min_score)
