"""What the workers do by themselves after a crash: fail the dead worker's tasks, free the
rows its batch run had claimed, queue the batch again, and keep the chores scheduled."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta

from django.db import OperationalError
from django.utils import timezone

from microcred.catalog.models import SpecificationVersion
from microcred.infra.task_recovery import fail_orphans, is_contention, this_host, worker_is_gone
from microcred.issuing.batches import prepare_batch, start_batch
from microcred.issuing.models import BatchRow
from microcred.issuing.tasks import issue_batch, run_id_of
from microcred.organizations.models import Organization
from microcred.web.housekeeping import ensure_scheduled, housekeeping, recover


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def claim_as(result_id: str, worker_id: str) -> None:
    """What ``db_worker`` records when a worker takes a task."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.get(id=result_id).claim(worker_id)


def test_lock_contention_is_told_from_real_failures() -> None:
    assert is_contention(OperationalError("database is locked"))
    assert not is_contention(OperationalError("no such table: issuing_batch"))
    assert not is_contention(ValueError("database is locked"))

    class SerializationFailureError(Exception):  # psycopg's errors carry the SQLSTATE like this
        sqlstate = "40001"

    serialization = OperationalError("could not serialize access")
    serialization.__cause__ = SerializationFailureError()
    assert is_contention(serialization)


def test_a_worker_is_gone_when_its_process_on_this_host_is() -> None:
    host = this_host()
    assert worker_is_gone(f"server@{host}:{dead_pid()}:1")
    assert worker_is_gone(f"task_worker@{host}:{dead_pid()}")
    assert not worker_is_gone(f"server@{host}:{os.getpid()}:1")  # alive
    assert not worker_is_gone(f"server@elsewhere.example:{dead_pid()}:1")  # cannot tell
    assert not worker_is_gone("a-random-id-from-db-worker")


def test_tasks_of_dead_workers_are_failed_and_live_ones_kept(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    host = this_host()
    dead = issue_batch.enqueue("b-dead").id
    live = issue_batch.enqueue("b-live").id
    mine = issue_batch.enqueue("b-mine").id
    claim_as(dead, f"server@{host}:{dead_pid()}:1")
    claim_as(live, f"server@{host}:{os.getpid()}:2")
    claim_as(mine, f"server@{host}:{os.getpid()}:3")

    assert {str(r.id) for r in fail_orphans()} == {dead}
    # A starting worker with id …:3 knows the task under its id was its predecessor's.
    assert {str(r.id) for r in fail_orphans(own_id=f"server@{host}:{os.getpid()}:3")} == {mine}
    status = dict(DBTaskResult.objects.values_list("id", "status"))
    assert {str(k): v for k, v in status.items()} == {
        dead: "FAILED",
        live: "RUNNING",
        mine: "FAILED",
    }
    failed = DBTaskResult.objects.get(id=dead)
    assert failed.exception_class_path == "microcred.infra.task_recovery.WorkerGoneError"
    assert "stopped while running this task" in failed.traceback


def test_a_dead_runs_batch_is_handed_on_without_waiting_for_its_lease(
    organization: Organization, published: SpecificationVersion
) -> None:
    from django_tasks_db.models import DBTaskResult

    data = "name,email\n" + "".join(f"L {i},l{i}@uni.example\n" for i in range(5))
    batch = prepare_batch(
        organization, published, io.BytesIO(data.encode()), filename="c.csv", by=None
    ).batch
    start_batch(batch, by=None)
    runs = list(DBTaskResult.objects.filter(status="READY"))
    claim_as(str(runs[0].id), f"server@{this_host()}:{dead_pid()}:1")
    for other in runs[1:]:
        other.delete()
    # The dead run had claimed every row, with a lease that has a minute left.
    BatchRow.objects.update(
        claimed_by=run_id_of(str(runs[0].id)), claimed_until=timezone.now() + timedelta(minutes=1)
    )

    report = recover()
    assert report == {"orphans": 1, "released": 5, "resumed": [batch.public_id]}
    assert not BatchRow.objects.exclude(claimed_by="").exists()
    queued = DBTaskResult.objects.filter(task_path=issue_batch.module_path, status="READY")
    assert queued.count() >= 1
    assert recover() == {"orphans": 0, "released": 0, "resumed": []}  # nothing left to do


def test_housekeeping_schedules_itself_once(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    rounds = DBTaskResult.objects.filter(task_path=housekeeping.module_path)
    ensure_scheduled()
    ensure_scheduled()  # a second worker starting: still one round queued
    assert rounds.filter(status="READY").count() == 1
    assert rounds.ready().count() == 1  # due now

    rounds.delete()
    before = timezone.now()
    report = housekeeping.call()
    assert report["orphans"] == 0
    [following] = rounds.filter(status="READY")
    assert following.run_after >= before + timedelta(seconds=60)
    assert not rounds.ready().exists()  # not due for a minute
