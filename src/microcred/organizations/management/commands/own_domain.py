"""``manage.py own_domain``: the own-domain steps for operators who script deployments.

    manage.py own_domain SLUG DOMAIN [--challenge-file PATH] [--did-file PATH]
                                     [--prove] [--use | --stop]

Without options it starts (or shows) the claim and says what to publish where. The steps
are the admin page's (``domains`` decides); each failure says precisely what was found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microcred.organizations import domains, keys
from microcred.organizations.errors import DomainError
from microcred.organizations.models import Organization


class Command(BaseCommand):
    help = "Prove an organisation's own domain and issue under did:web:<domain>."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", help="the organisation's slug")
        parser.add_argument("domain", help="e.g. odtu.edu.tr")
        parser.add_argument("--challenge-file", type=Path, help="write the file to publish")
        parser.add_argument("--did-file", type=Path, help="write the did.json to publish")
        parser.add_argument("--prove", action="store_true", help="read the token back")
        use = parser.add_mutually_exclusive_group()
        use.add_argument("--use", action="store_true", help="issue under the domain from now")
        use.add_argument("--stop", action="store_true", help="issue under the platform DID")

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organization.objects.filter(slug=options["organization"]).first()
        if org is None:
            raise CommandError(f"no organisation with the slug {options['organization']!r}")
        try:
            record = domains.claim(org, options["domain"], by=None)
            self._files(org, record, options)
            if options["prove"]:
                domains.check_challenge(record)
            if options["use"] or options["stop"]:
                domains.use_for_issuing(record, on=options["use"])
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc}") from exc
        record.refresh_from_db()
        self.stdout.write(
            f"{record.domain}: proven={'yes' if record.proven_at else 'no'}, "
            f"in use={'yes' if record.in_use else 'no'}; issuing as {keys.did_for(org)}"
        )
        if record.proven_at is None:
            self.stdout.write(f"publish the challenge at {domains.challenge_url(record.domain)}")

    def _files(self, org: Organization, record: Any, options: dict[str, Any]) -> None:
        if options["challenge_file"]:
            _write(options["challenge_file"], domains.challenge_document(record))
        if options["did_file"]:
            if keys.active_key(org) is None:
                keys.ensure_signing_key(org)
            did = domains.domain_did(record.domain)
            _write(options["did_file"], keys.did_document(org, did=did))


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    path.chmod(0o644)
