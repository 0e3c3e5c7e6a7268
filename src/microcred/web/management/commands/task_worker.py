"""``manage.py task_worker``: ``db_worker`` that recovers after crashes and rides out locks.

At start it records the tasks of a dead predecessor (same worker id, or a process on this
host that no longer runs) as failed, releases their claims, requeues stalled batches and
makes sure the housekeeping round is scheduled. While running, a locked database
(SQLite's "database is locked", PostgreSQL's serialization failures and deadlocks) is
waited out with back-off instead of ending the process.
"""

from __future__ import annotations

import logging
import os
import time
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker

from microcred.infra.task_recovery import is_contention, this_host
from microcred.web.housekeeping import ensure_scheduled, recover

logger = logging.getLogger("django_tasks_db")
#: Back-off after lock contention: first wait, and the longest.
FIRST_WAIT, LONGEST_WAIT = 0.5, 30.0


class Command(db_worker.Command):
    help = "Run a database task worker that recovers dead workers' tasks and waits out locks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # The default names this process on this host, so its successor can tell it is gone.
        parser.set_defaults(worker_id=f"task_worker@{this_host()}:{os.getpid()}"[:64])

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        worker_id = options["worker_id"]
        _with_retries(lambda: recover(own_id=worker_id))
        _with_retries(ensure_scheduled)
        _with_retries(lambda: super(Command, self).handle(*args, **options))


def _with_retries(step: Callable[[], object]) -> None:
    """Run ``step`` again after lock contention, waiting longer each time in a row (a step
    that ran for a while before the error starts the back-off afresh)."""
    wait = FIRST_WAIT
    while True:
        started = time.monotonic()
        try:
            step()
            return
        except OperationalError as exc:
            if not is_contention(exc):
                raise
            if time.monotonic() - started > LONGEST_WAIT:
                wait = FIRST_WAIT
            logger.warning("Database busy (%s); trying again in %.1f s", exc, wait)
        close_old_connections()
        time.sleep(wait)
        wait = min(wait * 2, LONGEST_WAIT)
