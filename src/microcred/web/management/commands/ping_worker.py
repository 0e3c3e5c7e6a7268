"""``manage.py ping_worker``: is a task worker taking work from this deployment's queue?"""

from __future__ import annotations

import secrets
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from microcred.web.tasks import ping

POLL_SECONDS = 0.2


class Command(BaseCommand):
    help = (
        "Enqueue a ping task and wait until a worker has run it. Exit status 0 when a worker "
        "answered, 1 when none did within --timeout seconds (or the task failed)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--timeout",
            type=float,
            default=30.0,
            help="seconds to wait for a worker (default: %(default)s)",
        )

    def handle(self, *args: Any, timeout: float, **options: Any) -> None:
        token = secrets.token_urlsafe(16)
        started = time.monotonic()
        result = ping.enqueue(token)
        while not result.is_finished:
            if time.monotonic() - started > timeout:
                raise CommandError(
                    f"No worker ran the ping task within {timeout:g} s. Is a worker running? "
                    "scripts/server starts one unless MICROCRED_WORKER=0; otherwise run "
                    "`manage.py db_worker` (or your task backend's worker)."
                )
            time.sleep(POLL_SECONDS)
            result.refresh()
        if result.status != TaskResultStatus.SUCCESSFUL or result.return_value != token:
            raise CommandError(f"The ping task did not succeed: {result.status}.")
        worker = result.worker_ids[-1] if result.worker_ids else "the backend"
        elapsed = time.monotonic() - started
        self.stdout.write(f"Worker {worker} answered in {elapsed:.1f} s.")
