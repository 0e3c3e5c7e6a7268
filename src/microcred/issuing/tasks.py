"""Background work of the issuing app, and finding batches whose worker died.

A worker killed mid-batch (SIGKILL, OOM, a redeploy) leaves its task result "running"
forever and its batch "running". Nothing is lost — every chunk is committed with its row
links — so recovery is simply running the task again: ``run_batch`` skips issued rows and
the idempotency keys stop any double issue, even if the "dead" worker turns out alive.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from microcred.issuing.batches import release_claims, run_batch
from microcred.issuing.models import Award, Batch

#: A running batch with no new award for this long is presumed dead (no heartbeat field).
STALE_AFTER = timedelta(minutes=10)


@task()
def issue_batch(batch_public_id: str) -> dict[str, Any]:
    """Issue a started batch's rows; the result is what the progress bar would show."""
    progress = run_batch(batch_public_id)
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


def _is_dead(batch: Batch, runs: list[Any] | None, stale_after: timedelta) -> bool:
    if not runs:
        return True  # queued but no task: lost between commit and queue, or pruned
    if any(run.status == "READY" for run in runs):
        return False  # a worker will pick one up (and take over any expired claims)
    running = [run.started_at for run in runs if run.status == "RUNNING" and run.started_at]
    if not running:
        return True  # failed, or ended without finishing the batch
    last_award = Award.objects.filter(batch=batch).aggregate(at=Max("created"))["at"]
    last_sign_of_life = max(t for t in (*running, last_award) if t is not None)
    return bool(timezone.now() - last_sign_of_life >= stale_after)


def resume_stalled_batches(*, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """Queue again every queued/running batch whose run is gone; returns their public ids.

    Re-queuing a batch whose worker is merely slow is harmless (the two runs take turns
    chunk by chunk and issue nothing twice); it only costs a worker's time.
    """
    resumed: list[str] = []
    for batch in Batch.objects.filter(state__in=[Batch.State.QUEUED, Batch.State.RUNNING]):
        if _is_dead(batch, _runs(batch), stale_after):
            release_claims(batch)
            enqueue_runs(batch.public_id)
            resumed.append(batch.public_id)
    return resumed


__all__ = ["STALE_AFTER", "enqueue_runs", "issue_batch", "resume_stalled_batches"]
