"""The registry's background work: the daily renewal reminders, self-scheduling."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from microcred.registry.reminders import send_due_reminders

#: Default for ``MICROCRED_RENEWAL_REMINDER_SECONDS`` (a day).
INTERVAL_SECONDS = 86400


def interval() -> timedelta:
    return timedelta(
        seconds=int(getattr(settings, "MICROCRED_RENEWAL_REMINDER_SECONDS", INTERVAL_SECONDS))
    )


@task()
def renewal_reminders() -> int:
    """Send the reminders that are due, then queue the next round."""
    sent = send_due_reminders()
    renewal_reminders.using(run_after=timezone.now() + interval()).enqueue()
    return sent


def ensure_scheduled() -> None:
    """Queue a round unless one waits already (called by each housekeeping round)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=renewal_reminders.module_path, status="READY"
    ).exists()
    if not waiting:
        renewal_reminders.enqueue()
