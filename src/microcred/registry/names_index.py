"""Text folded for search: the same Turkish-aware folding names are compared with, but
keeping the spaces between words (so a search for "veri okuryazarlığı" finds "Veri
Okuryazarlığı" and "VERI OKURYAZARLIGI")."""

from __future__ import annotations

from microcred.organizations.names import comparable_name

__all__ = ["fold"]


def fold(text: str) -> str:
    return " ".join(comparable_name(word) for word in text.split())
