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
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from microcred.issuing.batches import run_batch
from microcred.issuing.models import Award, Batch

#: A running batch with no new award for this long is presumed dead (no heartbeat field).
STALE_AFTER = timedelta(minutes=10)


@task()
def issue_batch(batch_public_id: str) -> dict[str, Any]:
    """Issue a started batch's rows; the result is what the progress bar would show."""
    progress = run_batch(batch_public_id)
    return {"state": progress.state, "issued": progress.issued, "failed": progress.failed}


def _last_result(batch: Batch) -> Any:
    """The newest queued run of this batch, or None (none, or a backend that keeps none)."""
    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(
            task_path=issue_batch.module_path, args_kwargs__args__0=batch.public_id
        )
        .order_by("-enqueued_at")
        .first()
    )


def _is_dead(batch: Batch, result: Any, stale_after: timedelta) -> bool:
    if result is None:
        return True  # queued but no task: lost between commit and queue, or pruned
    if result.status == "READY":
        return False  # a worker will pick it up
    if result.status != "RUNNING":
        return True  # failed, or ended without finishing the batch
    last_award = Award.objects.filter(batch=batch).aggregate(at=Max("created"))["at"]
    last_sign_of_life = max(t for t in (result.started_at, last_award) if t is not None)
    return bool(timezone.now() - last_sign_of_life >= stale_after)


def resume_stalled_batches(*, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """Queue again every queued/running batch whose run is gone; returns their public ids.

    Re-queuing a batch whose worker is merely slow is harmless (the two runs take turns
    chunk by chunk and issue nothing twice); it only costs a worker's time.
    """
    resumed: list[str] = []
    for batch in Batch.objects.filter(state__in=[Batch.State.QUEUED, Batch.State.RUNNING]):
        if _is_dead(batch, _last_result(batch), stale_after):
            issue_batch.enqueue(batch.public_id)
            resumed.append(batch.public_id)
    return resumed


__all__ = ["STALE_AFTER", "issue_batch", "resume_stalled_batches"]
