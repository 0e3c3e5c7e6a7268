"""Background work of the issuing app, and finding batches whose worker died.

A worker killed mid-batch (SIGKILL, OOM, a redeploy) leaves its task result "running" and
its batch "running". Nothing is lost — every chunk is committed with its row links — so
recovery is simply running the task again: ``run_batch`` skips issued rows and the
idempotency keys stop any double issue, even if the "dead" worker turns out alive.
The workers' housekeeping (``microcred.web.housekeeping``) does this by itself every
minute; ``manage.py resume_batches`` does it on demand.
"""

from __future__ import annotations

import logging
import secrets
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from microcred.infra.task_recovery import WorkerGoneError
from microcred.issuing.batches import (
    CLAIM_LEASE,
    has_live_claim,
    release_claims,
    release_run_claims,
    run_batch,
)
from microcred.issuing.models import Award, Batch

logger = logging.getLogger(__name__)

#: Without task results to look at (another backend): a batch with no new award for this
#: long and no live claim is presumed dead.
STALE_AFTER = timedelta(minutes=10)


def run_id_of(task_result_id: str) -> str:
    """The claim name of a run: its task result's id, which fits ``BatchRow.claimed_by``."""
    return str(task_result_id).replace("-", "")


#: The task result a worker is running in this thread (set from django-tasks' signals),
#: so a run's claims carry its task's id; empty when the task is called directly.
_current_result: ContextVar[str] = ContextVar("microcred_current_task_result", default="")


def remember_task_result(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_started`` receiver."""
    _current_result.set(str(task_result.id))


def forget_task_result(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_finished`` receiver."""
    _current_result.set("")


@task()
def issue_batch(batch_public_id: str) -> dict[str, Any]:
    """Issue a started batch's rows; the result is what the progress bar would show.

    A run that fails (the database stayed locked, the key store went away) gives its
    claims back at once, so the next housekeeping round can hand its rows to a new run.
    """
    current = _current_result.get()
    run_id = run_id_of(current) if current else secrets.token_hex(8)
    try:
        progress = run_batch(batch_public_id, run_id=run_id)
    except Exception as exc:
        released = release_run_claims(run_id)
        # The type only: a database error's text can quote row values (learners' data).
        logger.error(
            "batch run failed",
            extra={
                "event": "batch_run_failed",
                "batch": batch_public_id,
                "run": run_id,
                "error": type(exc).__name__,
                "claims_released": released,
            },
        )
        raise
    return {"state": progress.state, "issued": progress.issued, "failed": progress.failed}


def enqueue_runs(batch_public_id: str) -> None:
    """Queue one run of the batch per worker that should share it (MICROCRED_BATCH_RUNS).

    Runs cooperate chunk by chunk; a run that finds nothing left to claim just ends.
    """
    for _ in range(settings.MICROCRED_BATCH_RUNS):
        issue_batch.enqueue(batch_public_id)


def _runs(batch: Batch) -> list[Any] | None:
    """The queued runs of this batch (None: a backend that keeps no results)."""
    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(
            task_path=issue_batch.module_path, args_kwargs__args__0=batch.public_id
        )
    )


def _is_dead(batch: Batch, runs: list[Any] | None, now: datetime, workers_gone: bool) -> bool:
    """No run will finish this batch: none is queued, none holds a lease on a row, and
    none started so recently that it may not have claimed its first chunk yet."""
    if workers_gone:
        return not any(run.status == "READY" for run in runs or [])
    if has_live_claim(batch, now):
        return False
    if runs is None:
        last_award = Award.objects.filter(batch=batch).aggregate(at=Max("created"))["at"]
        return last_award is None or now - last_award >= STALE_AFTER
    if any(run.status == "READY" for run in runs):
        return False  # a worker will pick one up (and take over any expired claims)
    return not any(
        run.status == "RUNNING" and run.started_at and now - run.started_at < CLAIM_LEASE
        for run in runs
    )


def resume_stalled_batches(*, now: datetime | None = None, workers_gone: bool = False) -> list[str]:
    """Queue again every queued/running batch whose runs are gone; returns their public ids.

    A batch is stalled once no run holds an unexpired lease on its rows (a live run always
    does: storing a chunk claims the next in the same transaction). Its runs still marked
    running are recorded as failed. ``workers_gone`` is the operator's word that no worker
    is running: every claim is then dropped at once, without waiting for the leases.
    Re-queuing a batch whose worker is merely slow is harmless (the runs take turns chunk
    by chunk and issue nothing twice); it only costs a worker's time.
    """
    moment = now or timezone.now()
    resumed: list[str] = []
    for batch in Batch.objects.filter(state__in=[Batch.State.QUEUED, Batch.State.RUNNING]):
        runs = _runs(batch)
        if not _is_dead(batch, runs, moment, workers_gone):
            continue
        for run in runs or []:
            if run.status == "RUNNING":
                run.set_failed(WorkerGoneError(f"batch {batch.public_id}: no sign of this run"))
        release_claims(batch)
        enqueue_runs(batch.public_id)
        resumed.append(batch.public_id)
    return resumed


def release_claims_of_runs(task_result_ids: list[str]) -> int:
    """Give back the rows claimed by these (dead) runs; returns how many."""
    return sum(release_run_claims(run_id_of(i)) for i in task_result_ids)


__all__ = [
    "STALE_AFTER",
    "enqueue_runs",
    "forget_task_result",
    "issue_batch",
    "release_claims_of_runs",
    "remember_task_result",
    "resume_stalled_batches",
    "run_id_of",
]
