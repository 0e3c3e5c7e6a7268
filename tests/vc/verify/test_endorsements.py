"""Embedded endorsements: each verifies as a credential of its own, about what carries it."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

import pytest

from microcred.vc.contexts import loader_for
from microcred.vc.issue import Format, issue_credential
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.openbadges import endorsement_credential
from microcred.vc.proofs import EDDSA_JCS_2022, EDDSA_RDFC_2022, create_proof
from microcred.vc.verify import Check, VerificationReport, verify_credential

from ..factories import Issuer, achievement, unsigned_credential

ACHIEVEMENT_ID = achievement()["id"]


def _endorsement(
    qa: Issuer, now: datetime, *, subject: str = ACHIEVEMENT_ID, fmt: Format = "di-rdfc"
) -> dict[str, Any]:
    unsigned = endorsement_credential(
        credential_id="urn:uuid:0b4f7c1e-2c1a-4d8e-9a57-5b1f0f6c2a10",
        issuer={"id": qa.did, "type": ["Profile"], "name": "Kalite Kurulu"},
        subject_id=subject,
        name="Quality-assurance approval: Data Literacy for Teachers",
        valid_from=now - timedelta(days=2),
        comment="Meets every criterion.",
    )
    return create_proof(
        unsigned,
        key=qa.key,
        verification_method=qa.method,
        created=now - timedelta(days=2),
        document_loader=loader_for(unsigned),
        cryptosuite=EDDSA_JCS_2022 if fmt == "di-jcs" else EDDSA_RDFC_2022,
    )


def _carrying(issuer: Issuer, now: datetime, *endorsements: dict[str, Any]) -> dict[str, Any]:
    """A credential whose achievement embeds ``endorsements``, signed by ``issuer``."""
    unsigned = unsigned_credential(issuer, now)
    unsigned["credentialSubject"]["achievement"]["endorsement"] = list(endorsements)
    # Signed without issuance's self-check, which would refuse a bad endorsement up front.
    return create_proof(
        unsigned,
        key=issuer.key,
        verification_method=issuer.method,
        created=now,
        document_loader=loader_for(unsigned),
    )


def _verify(credential: dict[str, Any], now: datetime, *parties: Issuer) -> VerificationReport:
    documents: dict[str, Any] = {}
    for party in parties:
        documents.update(party.documents)
    return verify_credential(credential, now=now, documents=documents)


def _endorsement_checks(report: VerificationReport) -> list[Check]:
    return [c for c in report.checks if c.check == "endorsements"]


@pytest.fixture
def parties() -> tuple[Issuer, Issuer]:
    return Issuer.did_web(), Issuer.did_web("qa.example", "kalite")


@pytest.mark.parametrize("fmt", ["di-rdfc", "di-jcs"])
def test_an_endorsed_credential_verifies_with_the_endorsement_as_a_fact(
    now: datetime, parties: tuple[Issuer, Issuer], fmt: Format
) -> None:
    issuer, qa = parties
    credential = _carrying(issuer, now, _endorsement(qa, now, fmt=fmt))
    report = _verify(credential, now, issuer, qa)
    assert report.verified, [c.code for c in report.failures]
    [check] = _endorsement_checks(report)
    assert check.code == "endorsement_verified"
    assert check.params["endorser"] == "Kalite Kurulu"
    assert check.params["endorser_id"] == qa.did
    assert check.message("en").startswith("Approved by Kalite Kurulu on ")
    assert "tarafından" in check.message("tr")


def test_a_credential_without_endorsements_skips_the_check(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, _ = parties
    signed = issue_credential(
        unsigned_credential(issuer, now),
        key=issuer.key,
        verification_method=issuer.method,
        now=now,
        documents=issuer.documents,
    )
    assert isinstance(signed, dict)
    report = _verify(signed, now, issuer)
    assert report.verified
    assert [(c.code, str(c.status)) for c in _endorsement_checks(report)] == [
        ("endorsements_none", "skipped")
    ]


def _refused(report: VerificationReport) -> str:
    assert not report.verified
    [check] = _endorsement_checks(report)
    assert not check.passed
    # Only the endorsement fails: the carrying credential's own proof is intact.
    assert {c.check for c in report.failures} == {"endorsements"}
    return check.code


def test_a_tampered_endorsement_is_refused(now: datetime, parties: tuple[Issuer, Issuer]) -> None:
    issuer, qa = parties
    endorsement = _endorsement(qa, now)
    endorsement["credentialSubject"]["endorsementComment"] = "Approved without conditions."
    # The issuer re-signs around the altered endorsement: only the endorser's proof can tell.
    credential = _carrying(issuer, now, endorsement)
    assert _refused(_verify(credential, now, issuer, qa)) == "endorsement_tampered"


def test_an_endorsement_by_a_key_the_endorser_does_not_list_is_refused(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, qa = parties
    # The QA body's DID, but a key its DID document does not list.
    impostor = Issuer(Ed25519KeyPair.generate(), qa.did, f"{qa.did}#key-2", qa.documents)
    credential = _carrying(issuer, now, _endorsement(impostor, now))
    assert _refused(_verify(credential, now, issuer, qa)) == "endorsement_key_unknown"


def test_an_endorsement_whose_endorser_cannot_be_resolved_is_refused(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, qa = parties
    credential = _carrying(issuer, now, _endorsement(qa, now))
    report = _verify(credential, now, issuer)  # the QA body's DID document is not given
    assert _refused(report) == "endorsement_key_unknown"


def test_an_endorsement_of_another_achievement_is_refused(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, qa = parties
    elsewhere = _endorsement(qa, now, subject="https://issuer.example/achievements/other")
    credential = _carrying(issuer, now, elsewhere)
    report = _verify(credential, now, issuer, qa)
    assert _refused(report) == "endorsement_subject_mismatch"
    [check] = _endorsement_checks(report)
    assert check.params["expected"] == ACHIEVEMENT_ID


def test_an_unsigned_endorsement_is_refused(now: datetime, parties: tuple[Issuer, Issuer]) -> None:
    issuer, qa = parties
    endorsement = _endorsement(qa, now)
    del endorsement["proof"]
    credential = _carrying(issuer, now, endorsement)
    report = _verify(credential, now, issuer, qa)
    assert _refused(report) == "endorsement_invalid"
    assert _endorsement_checks(report)[0].params["detail"] == "proof_missing"


def test_too_many_endorsements_are_refused(now: datetime, parties: tuple[Issuer, Issuer]) -> None:
    issuer, qa = parties
    endorsement = _endorsement(qa, now)
    credential = _carrying(issuer, now, *[copy.deepcopy(endorsement) for _ in range(5)])
    assert _refused(_verify(credential, now, issuer, qa)) == "too_many_endorsements"


def test_an_endorsement_context_that_is_not_a_prefix_is_refused(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, qa = parties
    endorsement = _endorsement(qa, now)
    endorsement["@context"] = list(reversed(endorsement["@context"]))
    unsigned = unsigned_credential(issuer, now)
    unsigned["credentialSubject"]["achievement"]["endorsement"] = [endorsement]
    report = verify_credential(unsigned, now=now)
    assert ("contexts", "context_inline_forbidden") in {(c.check, c.code) for c in report.failures}


def test_an_inline_context_object_in_an_endorsement_is_refused(
    now: datetime, parties: tuple[Issuer, Issuer]
) -> None:
    issuer, qa = parties
    endorsement = _endorsement(qa, now)
    endorsement["credentialSubject"]["@context"] = {"endorsementComment": "urn:x:comment"}
    unsigned = unsigned_credential(issuer, now)
    unsigned["credentialSubject"]["achievement"]["endorsement"] = [endorsement]
    report = verify_credential(unsigned, now=now)
    assert ("contexts", "context_inline_forbidden") in {(c.check, c.code) for c in report.failures}
