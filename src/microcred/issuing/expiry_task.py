"""The expiry notices as a daily background task that queues its own next run.

Like the retention task (``microcred.wallet.retention_task``) it needs no cron: each run
queues the next with ``run_after``, and every housekeeping round makes sure one is queued.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

from microcred.issuing.expiry import send_expiry_notices

logger = logging.getLogger(__name__)
INTERVAL = timedelta(hours=24)


@task()
def expiry_notices() -> int:
    """One pass of the notices, then the next one queued."""
    sent = send_expiry_notices()
    if sent:
        logger.info(
            "expiry notices sent: %d", sent, extra={"event": "expiry_notices", "sent": sent}
        )
    _queue(timezone.now() + INTERVAL)
    return sent


def _queued() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=expiry_notices.module_path, status="READY")


def _queue(when: datetime) -> None:
    if not _queued().exists():
        expiry_notices.using(run_after=when).enqueue()


def ensure_scheduled() -> None:
    """A pass now unless one is already queued (called by every housekeeping round)."""
    _queue(timezone.now())
