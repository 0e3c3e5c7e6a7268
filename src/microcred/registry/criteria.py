"""The criteria a quality-assurance body recognises a provider against, as data.

Kept in ``data/qa_criteria.json`` (English and Turkish) so that a body can read, and an
operator can adapt, what is asked without reading code. Each criterion names the
automatic indicators (``indicators.py``) shown beside the provider's own answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.utils.translation import get_language

__all__ = ["Criterion", "criteria", "criterion_codes"]


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    title_en: str
    title_tr: str
    asks_en: str
    asks_tr: str
    indicators: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.title_tr if _turkish() else self.title_en

    @property
    def asks(self) -> str:
        return self.asks_tr if _turkish() else self.asks_en


def _turkish() -> bool:
    return (get_language() or "en").startswith("tr")


@cache
def criteria() -> tuple[Criterion, ...]:
    text = resources.files(__package__).joinpath("data/qa_criteria.json").read_text("utf-8")
    return tuple(
        Criterion(
            code=row["code"],
            title_en=row["title"]["en"],
            title_tr=row["title"]["tr"],
            asks_en=row["asks"]["en"],
            asks_tr=row["asks"]["tr"],
            indicators=tuple(row["indicators"]),
        )
        for row in json.loads(text)["criteria"]
    )


def criterion_codes() -> frozenset[str]:
    return frozenset(c.code for c in criteria())
