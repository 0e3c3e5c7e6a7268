"""A credential whose achievement embeds a quality-assurance body's signed endorsement
(decision 0007) is accepted by ``microcred verify`` and by Digital Bazaar's verifier, which
expands the embedded endorsement's own ``@context`` while checking the outer proof. A
tampered endorsement, re-wrapped in a freshly signed credential, is refused by ours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from interop_harness import Microcred, node_side, write_json
from tests.vc.factories import Issuer, unsigned_credential

from microcred.vc.contexts import loader_for
from microcred.vc.issue import issue_credential
from microcred.vc.openbadges import endorsement_credential
from microcred.vc.proofs import create_proof

pytestmark = pytest.mark.interop

NOW = datetime.now(UTC).replace(microsecond=0)


def _endorsement(qa: Issuer, subject: str) -> dict[str, Any]:
    unsigned = endorsement_credential(
        credential_id="urn:uuid:5d7e2f43-0a61-4a8b-a1b1-2f3f5e0d9c11",
        issuer={"id": qa.did, "type": ["Profile"], "name": "Demo Kalite Kurulu"},
        subject_id=subject,
        name="Quality-assurance approval: Data Literacy for Teachers",
        valid_from=NOW - timedelta(days=1),
        comment="Onaylandı / approved.",
    )
    signed = issue_credential(
        unsigned,
        key=qa.key,
        verification_method=qa.method,
        now=NOW - timedelta(days=1),
        documents=qa.documents,
    )
    assert isinstance(signed, dict)
    return signed


def _carrying(issuer: Issuer, endorsement: dict[str, Any]) -> dict[str, Any]:
    unsigned = unsigned_credential(issuer, NOW)
    unsigned["credentialSubject"]["achievement"]["endorsement"] = [endorsement]
    return create_proof(
        unsigned,
        key=issuer.key,
        verification_method=issuer.method,
        created=NOW,
        document_loader=loader_for(unsigned),
    )


def test_an_endorsed_credential_verifies_on_both_sides_and_tampering_is_refused(
    tmp_path: Path,
) -> None:
    issuer, qa = Issuer.did_web(), Issuer.did_web("qa.example", "kalite")
    achievement_id = unsigned_credential(issuer, NOW)["credentialSubject"]["achievement"]["id"]
    endorsement = _endorsement(qa, achievement_id)
    tampered = {**endorsement, "name": "Approved with distinction"}
    endorsed = write_json(tmp_path / "endorsed.json", _carrying(issuer, endorsement))
    altered = write_json(tmp_path / "altered.json", _carrying(issuer, tampered))
    documents = write_json(tmp_path / "documents.json", {**issuer.documents, **qa.documents})

    ours = Microcred(tmp_path).verify([endorsed, altered], documents=documents)
    assert ours["endorsed.json"].verified, ours["endorsed.json"].checks
    [fact] = [c for c in ours["endorsed.json"].checks if c["check"] == "endorsements"]
    assert fact["code"] == "endorsement_verified"
    assert fact["message"].startswith("Approved by Demo Kalite Kurulu on ")
    assert ours["altered.json"].failed == {("endorsements", "endorsement_tampered")}

    theirs = node_side(tmp_path).verify_files([endorsed], documents=documents)
    assert theirs["endorsed.json"].verified, theirs["endorsed.json"].error
