"""``manage.py create_qa_body``: register a quality-assurance body (operator only).

    manage.py create_qa_body --slug yokak --name "YÖKAK" --country TR \
        [--website https://…] [--admin-email person@agency.example]

The body gets its signing key, its did:web identifier and a first (empty) signed trust
list. ``--admin-email`` names an existing account that becomes the body's admin; that
person then invites the reviewers.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator, validate_slug

from microcred.accounts.models import User
from microcred.organizations.keys import did_for
from microcred.registry.qa_bodies import QaBodyError, create_qa_body

MAX_NAME = 200


class Command(BaseCommand):
    help = "Register a quality-assurance body (a trust anchor of the registry)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True, help="short name in its addresses and DID")
        parser.add_argument("--name", required=True, help="the body's official name")
        parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2, e.g. TR")
        parser.add_argument("--website", default="", help="the body's website")
        parser.add_argument("--admin-email", default="", help="an existing account to be admin")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"].strip().lower()
        name = " ".join(options["name"].split())
        country = options["country"].strip().upper()
        try:
            validate_slug(slug)
            if options["website"]:
                URLValidator(schemes=["https"])(options["website"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if not name or len(name) > MAX_NAME or not all(c.isprintable() for c in name):
            raise CommandError(f"--name must be 1 to {MAX_NAME} printable characters")
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise CommandError("--country must be a two-letter ISO 3166-1 code, such as TR")
        admin = None
        if options["admin_email"]:
            email = options["admin_email"].strip().lower()
            admin = User.objects.filter(email=email).first()
            if admin is None:
                raise CommandError(f"no account with the address {email}; it must sign up first")
        try:
            body = create_qa_body(
                slug=slug, name=name, country=country, website=options["website"], admin=admin
            )
        except QaBodyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{body.name}: {did_for(body)}")
