"""The scope of a recognition: fields of study and framework levels, read from a form."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["MAX_FIELDS", "clean_fields", "clean_levels"]

MAX_FIELDS = 20
MAX_FIELD_LENGTH = 120


def clean_fields(text: str) -> list[str]:
    """One field of study per line (or separated by semicolons), de-duplicated, in order."""
    seen: dict[str, str] = {}
    for raw in text.replace(";", "\n").splitlines():
        field = " ".join(raw.split())[:MAX_FIELD_LENGTH]
        if field and field.casefold() not in seen:
            seen[field.casefold()] = field
    return list(seen.values())[:MAX_FIELDS]


def clean_levels(values: Iterable[str | int]) -> list[int]:
    return sorted({int(v) for v in values if str(v).isdigit() and 1 <= int(v) <= 8})
