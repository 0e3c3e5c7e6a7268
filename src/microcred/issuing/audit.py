"""Reading the audit log: the page's list and a streamed CSV export.

The export streams row by row so a long history never has to fit in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from microcred.issuing.models import AuditEvent
from microcred.organizations.models import Organization


def events_of(organization: Organization) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(organization=organization)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def who(event: AuditEvent) -> str:
    if event.actor_label:
        return event.actor_label
    return event.actor.email if event.actor is not None else ""


class _Echo:
    """A file-like object whose ``write`` hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _cell(value: str) -> str:
    # Spreadsheets run cells starting with these as formulas: keep them text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_lines(events: QuerySet[AuditEvent]) -> Iterator[Any]:
    """The header and one CSV line per event, oldest first."""
    writer = csv.writer(_Echo())
    yield writer.writerow([_("When"), _("Who"), _("Action"), _("Target"), _("Reason")])
    for event in events.order_by("at", "pk").iterator(chunk_size=500):
        yield writer.writerow(
            [
                event.at.isoformat(),
                _cell(who(event)),
                _cell(event.action),
                _cell(event.target),
                _cell(event.reason),
            ]
        )
