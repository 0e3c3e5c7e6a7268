"""Read-only look-ups of what this platform has published, for its own verifier.

The verification service answers our own status list URLs from the database instead of
over HTTP to ourselves, and explains a set bit with the issuer's stated reason and date.
Nothing here writes, and nothing returns personal data: a status entry maps to the award's
state, reason and date only, never to the learner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.dateparse import parse_datetime

from microcred.issuing.models import Award, StatusList
from microcred.organizations.deployment import public_base_url

__all__ = [
    "EntryState",
    "ListVersion",
    "entry_state",
    "list_version",
    "local_list_id",
    "signed_status_list",
]


@dataclass(frozen=True, slots=True)
class ListVersion:
    """What changes whenever a list is re-signed: a cache key for its verified form."""

    public_id: str
    version: int
    signed_at: datetime | None


@dataclass(frozen=True, slots=True)
class EntryState:
    """The award behind one status entry, as its issuer stated it (no learner data)."""

    state: str
    reason: str
    changed: datetime | None


_LIST_PATH = re.compile(r"https?://[^/?#]+/status/(?P<id>[-A-Za-z0-9_]+)\Z")


def local_list_id(url: str) -> str | None:
    """The public id of one of our status lists, if ``url`` is ours; else None.

    A list is ours under the URL it was opened with: the current public URL (no query
    needed) or a former one (one indexed query), so credentials issued before a change of
    host keep being answered from the database.
    """
    found = _LIST_PATH.match(url)
    if found is None:
        return None
    public_id = found["id"]
    if url == f"{public_base_url()}/status/{public_id}":
        return public_id
    return public_id if StatusList.objects.filter(public_id=public_id, url=url).exists() else None


def list_version(public_id: str) -> ListVersion | None:
    """Asked on every verification of one of our credentials (so a revocation shows at
    once): one indexed row by plain SQL, which costs a tenth of building the ORM query."""
    table = connection.ops.quote_name(StatusList._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, signed_at FROM {table} WHERE public_id = %s", [public_id])  # noqa: S608 - the table name is ours
        row = cursor.fetchone()
    if row is None:
        return None
    signed_at = row[1]
    if isinstance(signed_at, str):  # SQLite returns the text; the ORM would have parsed it
        signed_at = parse_datetime(signed_at)
    return ListVersion(public_id, int(row[0]), signed_at)


def signed_status_list(public_id: str) -> dict[str, Any] | None:
    """The signed list credential served at ``/status/<public_id>``; None if unpublished."""
    row = StatusList.objects.filter(public_id=public_id).values("signed_credential").first()
    document = row["signed_credential"] if row is not None else None
    return document if isinstance(document, dict) else None


def entry_state(public_id: str, index: int, purpose: str) -> EntryState | None:
    """The state of the award holding bit ``index`` of list ``public_id`` (of ``purpose``)."""
    if purpose == "revocation":
        lookup = {"revocation_list__public_id": public_id, "revocation_index": index}
    elif purpose == "suspension":
        lookup = {"suspension_list__public_id": public_id, "suspension_index": index}
    else:
        return None
    row = Award.objects.filter(**lookup).values("state", "state_reason", "state_changed").first()
    if row is None:
        return None
    return EntryState(str(row["state"]), str(row["state_reason"]), row["state_changed"])
