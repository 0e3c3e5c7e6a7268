"""The bulk worker's INSERT (COPY on PostgreSQL, executemany on SQLite) stores exactly what
``bulk_create`` would, and a failure keeps nothing."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict

from microcred.issuing.models import AuditEvent
from microcred.issuing.plain_insert import insert_rows
from microcred.organizations.models import Organization

pytestmark = pytest.mark.django_db

#: What the JSON column must give back unchanged: nesting, Unicode, escapes, numbers.
DETAILS = {
    "specification": "spec-1",
    "learner": {"name": "Çağrı Öztürk-İşçi", "note": 'tab\there, "quoted", back\\slash\n'},
    "numbers": [0, -1, 2.5, 10**15, True, None],
    "emoji": "🎓",
}


def events(organization: Organization, prefix: str, count: int) -> list[AuditEvent]:
    return [
        AuditEvent(
            organization=organization,
            action="issued",
            target=f"{prefix}-{i}",
            reason="tab\tand newline\n" if i % 2 else "",
            details={**DETAILS, "i": i},
        )
        for i in range(count)
    ]


def stored(prefix: str) -> list[dict[str, object]]:
    rows = AuditEvent.objects.filter(target__startswith=f"{prefix}-").order_by("target")
    return [
        {**model_to_dict(e, exclude=["id"]), "target": e.target.split("-", 1)[1], "at": e.at}
        for e in rows
    ]


def test_rows_are_stored_as_bulk_create_stores_them(organization: Organization) -> None:
    plain, orm = events(organization, "plain", 5), events(organization, "orm", 5)
    with transaction.atomic():
        insert_rows(AuditEvent, plain)
    AuditEvent.objects.bulk_create(orm)
    got, expected = stored("plain"), stored("orm")
    assert len(got) == 5
    for mine, theirs in zip(got, expected, strict=True):
        assert mine["at"] is not None  # auto_now_add filled, as bulk_create does
        assert {**mine, "at": None} == {**theirs, "at": None}
    assert got[1]["details"] == {**DETAILS, "i": 1}
    assert got[1]["reason"] == "tab\tand newline\n"
    assert all(e.pk is None for e in plain)  # no ids asked for: the point of it


def test_a_failing_row_keeps_none_of_the_others(organization: Organization) -> None:
    good = events(organization, "batch", 3)
    broken = AuditEvent(organization=organization, action=None, target="batch-x")  # type: ignore[misc]  # NOT NULL
    with pytest.raises(IntegrityError), transaction.atomic():  # Django's, on either database
        insert_rows(AuditEvent, [*good, broken])
    assert not AuditEvent.objects.filter(target__startswith="batch-").exists()


def test_nothing_to_insert_runs_nothing(organization: Organization) -> None:
    insert_rows(AuditEvent, [])
    assert not AuditEvent.objects.exists()
