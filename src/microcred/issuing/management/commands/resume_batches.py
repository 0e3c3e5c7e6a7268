"""``manage.py resume_batches``: queue again the batches whose runs are gone.

The task workers do this by themselves every minute (``microcred.web.housekeeping``);
the command is for an operator who knows better, e.g. after stopping every worker.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from microcred.issuing.tasks import resume_stalled_batches


class Command(BaseCommand):
    help = "Re-enqueue bulk-issuance batches whose runs failed, vanished or let their lease lapse."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--workers-gone",
            action="store_true",
            help="No worker is running: drop every claim now instead of waiting for leases.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        resumed = resume_stalled_batches(workers_gone=options["workers_gone"])
        for public_id in resumed:
            self.stdout.write(f"resumed {public_id}")
        self.stdout.write(f"{len(resumed)} batch(es) resumed")
