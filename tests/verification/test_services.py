"""verify_document: our own credentials from the database, revocation seen at once."""

from __future__ import annotations

from typing import Any

import pytest

from microcred.issuing.models import Award
from microcred.issuing.revocation import StatusAction
from microcred.vc.errors import DocumentLoadError
from microcred.verification.services import verify_document

from .conftest import change

pytestmark = pytest.mark.django_db


def codes(report: Any) -> list[str]:
    return [c.code for c in report.checks]


def test_own_credential_verifies_without_any_fetch(award: Award) -> None:
    def no_network(url: str) -> Any:
        raise AssertionError(f"fetched {url}")

    report = verify_document(award.credential, remote=no_network)
    assert report.verified, [c.code for c in report.failures]
    assert codes(report).count("status_active") == 2


def test_revocation_shows_at_once_despite_the_cache(award: Award) -> None:
    assert verify_document(award.credential).verified
    change(award, StatusAction.REVOKE, "Plagiarism found")
    report = verify_document(award.credential)
    assert not report.verified
    assert [c.code for c in report.failures] == ["revoked"]


def test_foreign_status_list_goes_to_the_remote_fetcher(award: Award) -> None:
    asked: list[str] = []

    def remote(url: str) -> Any:
        asked.append(url)
        raise DocumentLoadError("[fetch_address_refused] nope", code="fetch_address_refused")

    credential = dict(award.credential)
    credential["credentialStatus"] = [
        {**credential["credentialStatus"][0], "statusListCredential": "https://x.example/s/1"}
    ]
    report = verify_document(credential, remote=remote)
    assert asked == ["https://x.example/s/1"]
    assert "status_unavailable" in [c.code for c in report.failures]
