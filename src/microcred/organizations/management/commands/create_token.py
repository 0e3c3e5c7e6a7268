"""``manage.py create_token``: an API token for scripted deployments, printed once.

    manage.py create_token --organization SLUG --scopes issue,revoke,read --name NAME

The token goes to standard output alone (so ``TOKEN=$(manage.py create_token …)`` works);
everything else to standard error. Only its hash is stored: lose it and make another.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microcred.organizations.errors import OrganizationError
from microcred.organizations.models import Organization
from microcred.organizations.tokens import Scope, create_token

MAX_NAME = 100


class Command(BaseCommand):
    help = "Create an API token for an organisation and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organization", required=True, help="the organisation's slug")
        parser.add_argument(
            "--scopes",
            required=True,
            help=f"comma-separated, from: {', '.join(Scope.ALL)}",
        )
        parser.add_argument("--name", required=True, help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["organization"].strip()
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise CommandError(f"no organisation with the slug {slug!r}")
        scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
        unknown = sorted(set(scopes) - set(Scope.ALL))
        if not scopes or unknown:
            raise CommandError(
                f"unknown scope(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(Scope.ALL)}"
            )
        name = options["name"].strip()
        if not name or len(name) > MAX_NAME or any(not c.isprintable() for c in name):
            raise CommandError(f"--name must be 1 to {MAX_NAME} printable characters")
        try:
            token, plain = create_token(organization, name=name, scopes=scopes, created_by=None)
        except OrganizationError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"token {token.prefix} for {organization.slug} ({', '.join(token.scopes)}); "
            "shown once, store it now"
        )
        self.stdout.write(plain.reveal())
