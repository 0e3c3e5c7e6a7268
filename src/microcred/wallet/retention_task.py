"""The retention rules as a daily background task that schedules its own next run.

Like the housekeeping round (``microcred.web.housekeeping``) it needs no cron: each run
queues the next with ``run_after``, and every housekeeping round makes sure one is queued
(so a failed run does not end the chain). ``MICROCRED_RETENTION_HOURS`` sets the interval.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from microcred.wallet.retention import apply_retention

logger = logging.getLogger(__name__)
#: Default for ``MICROCRED_RETENTION_HOURS``.
INTERVAL_HOURS = 24


def interval() -> timedelta:
    return timedelta(hours=int(getattr(settings, "MICROCRED_RETENTION_HOURS", INTERVAL_HOURS)))


@task()
def retention() -> dict[str, int]:
    """One pass of the retention rules, then the next one queued."""
    report = apply_retention()
    if any(report.values()):
        logger.info("retention: %s", report)
    _queue(timezone.now() + interval())
    return report


def _queued() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=retention.module_path, status="READY")


def _queue(when: Any) -> None:
    if not _queued().exists():
        retention.using(run_after=when).enqueue()


def ensure_scheduled() -> None:
    """A pass now unless one is already queued (called by every housekeeping round)."""
    _queue(timezone.now())
