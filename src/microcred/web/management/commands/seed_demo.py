"""``manage.py seed_demo [--if-empty]``: the demo organisation, people and credentials."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microcred.web.demo.seed import is_empty, seed


class Command(BaseCommand):
    help = "Load the demo organisation, its people, a micro-credential and awards."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the database already has organisations",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not is_empty():
            if options["if_empty"]:
                return
            raise CommandError("the database already has organisations; the demo needs none")
        seeded = seed()
        self.stderr.write(f"demo: {seeded.organization.name} with these accounts:")
        for email in seeded.accounts:
            self.stderr.write(f"demo:   {email}  password: {seeded.password}")
        self.stderr.write("demo: (also written to demo-accounts.txt in the var directory)")
