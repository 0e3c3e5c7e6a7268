"""Rows that are history: written once, never changed or deleted through the ORM.

A registry a quality-assurance body is accountable for must show what was decided, when,
by whom and why, as it was recorded; corrections are new rows, not edits.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from microcred.registry.errors import HistoryIsAppendOnlyError

__all__ = ["AppendOnly", "HistoryIsAppendOnlyError"]


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryIsAppendOnlyError(f"{type(self).__name__} rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnlyError(f"{type(self).__name__} rows are never deleted")
