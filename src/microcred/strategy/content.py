"""The canvas's guiding texts and the STEEP starter themes, read from versioned data files.

The texts live in ``data/*.json`` (English and Turkish side by side) so that the wording can
be reviewed and improved without touching code; tests check both languages are complete.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "tr")
LENSES = ("social", "technological", "economic", "environmental", "political")


Language = Literal["en", "tr"]


def current_language() -> Language:
    """The page's language as the app's texts, its knowledge base and stored results name it."""
    return "tr" if (get_language() or "en").startswith("tr") else "en"


@cache
def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text("utf-8"))
    return data


@dataclass(frozen=True)
class BlockText:
    key: str
    title: str
    questions: tuple[str, ...]
    help: str


@dataclass(frozen=True)
class Theme:
    key: str
    lens: str
    orientation: str
    title: str


def raw_blocks() -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = _load("blocks.json")["blocks"]
    return blocks


def raw_themes() -> list[dict[str, Any]]:
    themes: list[dict[str, Any]] = _load("steep_themes.json")["themes"]
    return themes


def block_texts(language: str | None = None) -> dict[str, BlockText]:
    """Title, guiding questions and help per block, in the active (or given) language."""
    lang = language or current_language()
    return {
        b["key"]: BlockText(
            b["key"], b["title"][lang], tuple(b["questions"][lang]), b["help"][lang]
        )
        for b in raw_blocks()
    }


def starter_themes(language: str | None = None) -> list[Theme]:
    lang = language or current_language()
    return [Theme(t["key"], t["lens"], t["orientation"], t["title"][lang]) for t in raw_themes()]


def key_interfaces(language: str | None = None) -> list[str]:
    """Units a strategy usually depends on (offered as suggestions, any other name is fine)."""
    lang = language or current_language()
    names: list[dict[str, str]] = _load("blocks.json")["key_interfaces"]
    return [name[lang] for name in names]
