"""An application's history as people read it: who (which side) said or did what, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from microcred.registry.models import Application, ApplicationEvent

__all__ = ["Entry", "history_of"]


@dataclass(frozen=True, slots=True)
class Entry:
    at: datetime
    kind: str
    kind_label: str
    text: str
    side: str
    author: str


def history_of(application: Application) -> list[Entry]:
    rows = ApplicationEvent.objects.filter(application=application).select_related("author")
    return [
        Entry(
            at=row.at,
            kind=row.kind,
            kind_label=str(ApplicationEvent.Kind(row.kind).label),
            text=row.text,
            side=application.qa_body.name if row.by_qa_body else application.provider.name,
            author=row.author.email if row.author else "",
        )
        for row in rows
    ]
