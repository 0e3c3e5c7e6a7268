"""Every credential the platform issues verifies outside it: with the ``microcred verify``
command (the issuer's did:web document and status lists given offline, as files fetched from
the platform's public URLs) and with Digital Bazaar's independent verifier; a revoked one
fails on both sides."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from interop_harness import Microcred, node_side, write_json
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version
from tests.issuing.helpers import documents_for

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner

pytestmark = pytest.mark.django_db

LEARNERS = [("Ayşe Yılmaz", "ayse@uni.example"), ("Jean Dupont", "jean@uni.example")]


def _public_documents(client: Client, organization: Organization) -> dict[str, Any]:
    """The issuer's did.json, every status list and the extension context, fetched as an
    outsider would."""
    documents = documents_for(client, organization)
    for award in Award.objects.filter(organization=organization):
        credential = award.credential
        urls = [entry["statusListCredential"] for entry in credential["credentialStatus"]]
        urls += [resource["id"] for resource in credential.get("relatedResource", [])]
        for url in urls:
            response = client.get(url.removeprefix("http://localhost:8000"))
            assert response.status_code == 200
            documents[url] = json.loads(response.content)
    return documents


def test_platform_credentials_verify_with_the_cli_and_with_digital_bazaar(
    organization: Organization,
    published: SpecificationVersion,
    client: Client,
    tmp_path: Path,
) -> None:
    requests = [
        AwardRequest(
            Learner(email, name, "BA", date(2026, 6, 1)),
            idempotency_key(published.public_id, email, "2026-06-01"),
        )
        for name, email in LEARNERS
    ]
    with signer_for(organization) as signer:
        issued = issue_awards(published, requests, signer=signer, include_name=True)
        change_status(
            [issued[1].award],
            StatusAction.REVOKE,
            reason="Awarded in error.",
            by=None,
            signer=signer,
        )
    valid = write_json(tmp_path / "valid.json", issued[0].award.credential)
    revoked = write_json(tmp_path / "revoked.json", issued[1].award.credential)
    documents = write_json(tmp_path / "documents.json", _public_documents(client, organization))

    ours = Microcred(tmp_path).verify([valid, revoked], documents=documents)
    assert ours["valid.json"].verified, ours["valid.json"].checks
    assert not ours["revoked.json"].verified
    assert any(c["code"] == "revoked" for c in ours["revoked.json"].checks)

    theirs = node_side(tmp_path).verify_files([valid, revoked], documents=documents)
    assert theirs["valid.json"].verified, theirs["valid.json"].error
    assert not theirs["revoked.json"].verified
    assert "status" in (theirs["revoked.json"].error or "").lower(), theirs["revoked.json"].error
