"""``manage.py resume_batches``: queue again the batches whose worker died (run from cron)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from microcred.issuing.tasks import STALE_AFTER, resume_stalled_batches


class Command(BaseCommand):
    help = "Re-enqueue bulk-issuance batches whose task failed, vanished or went silent."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=float,
            default=STALE_AFTER.total_seconds(),
            help="Seconds without a new award after which a running batch is presumed dead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        resumed = resume_stalled_batches(stale_after=timedelta(seconds=options["stale_after"]))
        for public_id in resumed:
            self.stdout.write(f"resumed {public_id}")
        self.stdout.write(f"{len(resumed)} batch(es) resumed")
