"""What the task workers do by themselves, once at start and then every minute.

No cron job and no operator is needed for the chores a crash or an abuser leaves behind:

- tasks whose worker died are recorded as failed (not "running" for ever), and the rows
  their bulk-issuance runs had claimed are released;
- batches no live run works on any more are queued again (``resume_stalled_batches``);
- accounts that never confirmed their address expire, freeing the address;
- the daily retention task (``microcred.wallet.retention_task``) and the daily expiry
  notices (``microcred.issuing.expiry_task``) are kept queued.

The chores run as a task that queues its own next run (``run_after``), so they need
nothing but a worker of the database backend; whichever worker is free takes them.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from microcred.infra.task_recovery import fail_orphans

logger = logging.getLogger(__name__)
#: Default for ``MICROCRED_HOUSEKEEPING_SECONDS``.
INTERVAL_SECONDS = 60
#: Finished housekeeping results older than this are deleted (one a minute adds up).
KEEP_RESULTS = timedelta(days=1)


def interval() -> timedelta:
    seconds = getattr(settings, "MICROCRED_HOUSEKEEPING_SECONDS", INTERVAL_SECONDS)
    return timedelta(seconds=int(seconds))


def recover(*, own_id: str = "") -> dict[str, Any]:
    """Fail orphaned tasks, release their claims, requeue stalled batches."""
    from microcred.issuing.tasks import (
        issue_batch,
        release_claims_of_runs,
        resume_stalled_batches,
    )

    orphans = fail_orphans(own_id=own_id)
    runs = [str(r.id) for r in orphans if r.task_path == issue_batch.module_path]
    released = release_claims_of_runs(runs)
    resumed = resume_stalled_batches()
    if orphans or resumed:
        logger.warning(
            "housekeeping: %d orphaned task(s) failed, %d row claim(s) released, "
            "batch(es) resumed: %s",
            len(orphans),
            released,
            ", ".join(resumed) or "none",
            extra={
                "event": "housekeeping_recovered",
                "orphans": len(orphans),
                "claims_released": released,
                "batches_resumed": ",".join(resumed),
            },
        )
    return {"orphans": len(orphans), "released": released, "resumed": resumed}


@task()
def housekeeping() -> dict[str, Any]:
    """One round of chores, then the next round queued."""
    from microcred.accounts.expiry import expire_unverified_accounts
    from microcred.issuing.expiry_task import ensure_scheduled as keep_expiry_notices_queued
    from microcred.wallet.retention_task import ensure_scheduled as keep_retention_queued

    report = recover()
    report["expired_accounts"] = expire_unverified_accounts()
    keep_retention_queued()
    from microcred.registry.tasks import ensure_scheduled as ensure_reminders

    ensure_reminders()
    keep_expiry_notices_queued()
    _prune_old_rounds()
    schedule_next()
    return report


def _queued_rounds() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=housekeeping.module_path, status="READY")


def _prune_old_rounds() -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        task_path=housekeeping.module_path,
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=timezone.now() - KEEP_RESULTS,
    ).delete()


def ensure_scheduled() -> None:
    """At a worker's start: a round now, unless one is already queued."""
    if not _queued_rounds().exists():
        housekeeping.enqueue()


def schedule_next() -> None:
    """The next round, one interval from now; two workers' chains merge into one."""
    if not _queued_rounds().exists():
        housekeeping.using(run_after=timezone.now() + interval()).enqueue()
