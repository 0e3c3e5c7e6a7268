"""Running the queued e-mail tasks as a worker would, for tests that read ``mail.outbox``.

Learners' e-mails are tasks (``issuing.mail_tasks``), queued with the award; a test runs
them here, inside the test's transaction, with their on-commit sends executed.
"""

from __future__ import annotations

from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from microcred.issuing.mail_tasks import mail_awards, mail_reissued

MAIL_TASKS = (mail_awards.module_path, mail_reissued.module_path)


def queued_mail() -> list[tuple[str, list[object]]]:
    """The mail tasks waiting to run: (task path, arguments), oldest first."""
    queued = DBTaskResult.objects.filter(task_path__in=MAIL_TASKS, status="READY")
    return [(r.task_path, r.args_kwargs["args"]) for r in queued.order_by("enqueued_at")]


def run_queued_mail() -> int:
    """Run every queued mail task once (then forget it); returns how many ran."""
    queued = list(
        DBTaskResult.objects.filter(task_path__in=MAIL_TASKS, status="READY").order_by(
            "enqueued_at"
        )
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        for result in queued:
            result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    DBTaskResult.objects.filter(pk__in=[r.pk for r in queued]).delete()
    return len(queued)
