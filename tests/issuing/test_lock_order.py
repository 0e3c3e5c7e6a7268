"""Write transactions take their row locks in one order, so two workers cannot deadlock.

PostgreSQL found this one: a worker storing a chunk (awards pointing at a status list, then
the batch's counter) and another claiming the next chunk (the batch, then the list) each
waited for the other. The rule now: the batch row first, then status lists in id order. The
statements Django runs are read back per transaction, on either database (SQLite drops
``FOR UPDATE``, so there only the writes count; PostgreSQL's ``COPY`` of the awards bypasses
Django's cursor and is not seen, but by then the batch row must already be locked).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.batches import run_batch
from microcred.issuing.models import Award, Batch
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization

from .helpers import learners_csv, prepare

pytestmark = pytest.mark.django_db

#: The table a statement writes, or the table a SELECT … FOR [NO KEY] UPDATE locks.
_WRITES = re.compile(r'^\s*(?:UPDATE|INSERT INTO|DELETE FROM)\s+"(\w+)"', re.IGNORECASE)
_LOCKS = re.compile(r'\bFROM\s+"(\w+)".*\bFOR (?:NO KEY )?UPDATE\b', re.IGNORECASE | re.DOTALL)


def transactions(statements: list[str]) -> Iterator[list[str]]:
    """The statements of each outermost savepoint (the test itself runs in a transaction)."""
    depth, current = 0, list[str]()
    for sql in statements:
        if sql.startswith("SAVEPOINT"):
            depth += 1
            continue
        if sql.startswith("RELEASE SAVEPOINT"):
            depth -= 1
            if depth == 0:
                yield current
                current = []
            continue
        if depth:
            current.append(sql)


def lock_order(transaction: list[str]) -> list[str]:
    """The tables whose rows a transaction writes or locks, in the order it first does."""
    order: list[str] = []
    for sql in transaction:
        found = _WRITES.match(sql) or _LOCKS.search(sql)
        if found and found.group(1) not in order:
            order.append(found.group(1))
    return order


def test_storing_and_claiming_lock_the_batch_before_status_lists_and_awards(
    organization: Organization, published: SpecificationVersion
) -> None:
    batch = prepare(organization, published, learners_csv(5)).batch
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
    with CaptureQueriesContext(connection) as captured:
        progress = run_batch(batch.public_id, chunk_size=2)
    assert (progress.state, progress.issued) == ("done", 5)
    runs = list(transactions([q["sql"] for q in captured.captured_queries]))
    stores = [
        t for t in runs if any(s.startswith('UPDATE "issuing_batchrow" SET "award_id"') for s in t)
    ]
    assert len(stores) == 3  # one per chunk of 2, 2, 1: each links its rows to their awards
    orders = [lock_order(t) for t in runs]
    # Each store claims the next chunk, with its status entries; the last finds nothing left.
    assert ["issuing_statuslist" in lock_order(t) for t in stores] == [True, True, False]
    for order in orders:
        if "issuing_batch" in order:
            assert order[0] == "issuing_batch", order


def test_revocation_locks_every_list_it_touches_in_id_order_first(
    organization: Organization, published: SpecificationVersion
) -> None:
    batch = prepare(organization, published, learners_csv(2)).batch
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        from microcred.issuing.batches import start_batch

        start_batch(batch, by=None)
    awards = list(Award.objects.filter(batch=batch).order_by("-pk"))
    lists = sorted({a.suspension_list_id for a in awards} | {a.revocation_list_id for a in awards})
    with signer_for(organization) as signer, CaptureQueriesContext(connection) as captured:
        change_status(awards, StatusAction.SUSPEND, reason="Under review", by=None, signer=signer)
    first = next(q["sql"] for q in captured.captured_queries if "issuing_statuslist" in q["sql"])
    assert "ORDER BY" in first
    assert '"issuing_statuslist"."id" IN' in first
    touched = {a.suspension_list_id for a in awards}
    assert all(str(pk) in first for pk in touched)
    assert touched < set(lists)  # only the lists this action flips bits in
