"""``manage.py apply_retention``: apply the personal-data retention rules now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from microcred.wallet.retention import apply_retention


class Command(BaseCommand):
    help = "Erase or delete personal data past its retention period (docs/privacy.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_retention()
        for rule, count in report.items():
            self.stdout.write(f"{rule}: {count}")
