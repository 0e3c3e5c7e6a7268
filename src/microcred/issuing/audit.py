"""Reading the audit log: the page's list and a streamed CSV export.

The export streams row by row so a long history never has to fit in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from microcred.issuing.models import AuditEvent
from microcred.organizations.models import Organization


@dataclass(frozen=True, slots=True)
class ViaToken:
    """The API token an action came through; every audit event it causes names it.

    The event's ``actor`` is the token's creator (who answers for it); the token itself is
    kept in ``details`` by public id and name, so the record outlives the token.
    """

    public_id: str
    name: str

    def details(self) -> dict[str, Any]:
        return {"api_token": {"id": self.public_id, "name": self.name}}


def details_for(token: ViaToken | None, **extra: Any) -> dict[str, Any]:
    return {**extra, **(token.details() if token is not None else {})}


def events_of(organization: Organization) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(organization=organization)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def who(event: AuditEvent) -> str:
    person = event.actor_label or (event.actor.email if event.actor is not None else "")
    token = event.details.get("api_token") if isinstance(event.details, dict) else None
    if not isinstance(token, dict):
        return person
    return _("%(person)s, through API token “%(name)s” (%(id)s)") % {
        "person": person or _("(unknown)"),
        "name": token.get("name", ""),
        "id": token.get("id", ""),
    }


def internal_note(event: AuditEvent) -> str:
    """The officer's note kept for the organisation only (never shown to verifiers)."""
    details = event.details if isinstance(event.details, dict) else {}
    return str(details.get("internal_note", ""))


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
    yield writer.writerow(
        [_("When"), _("Who"), _("Action"), _("Target"), _("Public reason"), _("Internal note")]
    )
    for event in events.order_by("at", "pk").iterator(chunk_size=500):
        yield writer.writerow(
            [
                event.at.isoformat(),
                _cell(who(event)),
                _cell(event.action),
                _cell(event.target),
                _cell(event.reason),
                _cell(internal_note(event)),
            ]
        )
