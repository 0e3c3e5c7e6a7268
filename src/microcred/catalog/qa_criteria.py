"""The QA criteria a reviewer answers for every micro-credential, read from a data file.

The wording (English and Turkish side by side, ``data/qa_criteria.json``) follows the EU
Recommendation's principles for micro-credentials (Annex II) and what QA frameworks add to
them; keeping it as data lets a QA body's staff improve it without touching code. Tests
check both languages are complete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "qa_criteria.json"
LANGUAGES = ("en", "tr")


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    principle: str
    text: str


@cache
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text("utf-8"))
    return data


def _lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def criteria() -> list[Criterion]:
    """Every criterion, in the active language, in the order reviewers answer them."""
    lang = _lang()
    return [
        Criterion(item["code"], item["principle"][lang], item["text"][lang])
        for item in raw()["criteria"]
    ]


def codes() -> tuple[str, ...]:
    return tuple(item["code"] for item in raw()["criteria"])


def answer_choices() -> list[tuple[str, str]]:
    """(code, label) of the answers a reviewer may give, in the active language."""
    lang = _lang()
    return [(code, names[lang]) for code, names in raw()["answers"].items()]


def answer_label(code: str) -> str:
    names = raw()["answers"].get(code)
    return str(names[_lang()]) if names else code
