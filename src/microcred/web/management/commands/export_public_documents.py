"""``manage.py export_public_documents DIR``: every public document as a static tree.

    manage.py export_public_documents /srv/credentials-archive [--organization SLUG]

Serve DIR at the root of the deployment's public URL with any web server (DIR/README.txt
says which headers); credentials issued here then verify without this platform.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microcred.organizations.models import Organization
from microcred.web.public_export import export_public_documents


class Command(BaseCommand):
    help = "Write every public document (DIDs, status lists, contexts, achievements, profiles)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--organization", help="only this organisation's documents")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organization"]
        if slug is not None and not Organization.objects.filter(slug=slug).exists():
            raise CommandError(f"no organisation with the slug {slug!r}")
        root: Path = options["directory"]
        if root.exists() and not root.is_dir():
            raise CommandError(f"{root} exists and is not a directory")
        exported = export_public_documents(root, organization=slug)
        counts = ", ".join(f"{len(paths)} {kind}" for kind, paths in sorted(exported.files.items()))
        self.stdout.write(f"wrote {counts} under {root}")
