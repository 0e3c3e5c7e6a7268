"""The verification pipeline, scenario by scenario, through its public function."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from microcred.vc.dates import format_datetime
from microcred.vc.issue import IssuanceError
from microcred.vc.verify import TrustList, VerificationReport, verify_credential

from ..factories import STATUS_URL, Issuer, entry, signed, status_list


def codes(report: VerificationReport) -> list[str]:
    return [c.code for c in report.failures]


@pytest.mark.parametrize("fmt", ["di-rdfc", "di-jcs", "jwt"])
def test_valid_did_key_credential_verifies_in_every_format(now: datetime, fmt: str) -> None:
    issuer = Issuer.did_key()
    report = verify_credential(signed(issuer, now, fmt), now=now)  # type: ignore[arg-type]
    assert report.verified, codes(report)
    assert {c.check for c in report.checks} >= {
        "structure",
        "contexts",
        "jsonld",
        "schema",
        "proof",
        "key_purpose",
        "issuer",
        "valid_from",
    }


@pytest.mark.parametrize("fmt", ["di-rdfc", "di-jcs", "jwt"])
def test_did_web_credential_resolves_offline_from_documents(now: datetime, fmt: str) -> None:
    issuer = Issuer.did_web()
    credential = signed(issuer, now, fmt)  # type: ignore[arg-type]
    assert verify_credential(credential, now=now, documents=issuer.documents).verified
    offline = verify_credential(credential, now=now)
    assert codes(offline) == ["verification_method_unresolvable"]


def test_tampered_name_fails_with_signature_code(now: datetime) -> None:
    credential = signed(Issuer.did_key(), now)
    credential["credentialSubject"]["achievement"]["name"] = "Brain Surgery"
    report = verify_credential(credential, now=now)
    assert codes(report) == ["proof_signature_invalid"]
    assert "changed after signing" in report.failures[0].message("en")
    assert "imzalandıktan sonra" in report.failures[0].message("tr")


def test_tampered_jwt_payload_fails(now: datetime) -> None:
    token = signed(Issuer.did_key(), now, "jwt")
    header, _payload, signature = token.split(".")
    other = signed(Issuer.did_key(), now, "jwt").split(".")[1]
    report = verify_credential(f"{header}.{other}.{signature}", now=now)
    assert not report.verified
    assert set(codes(report)) <= {"proof_signature_invalid", "issuer_mismatch"}


def test_key_of_another_issuer_is_refused(now: datetime) -> None:
    issuer, impostor = Issuer.did_key(), Issuer.did_key()
    credential = signed(impostor, now)
    credential_json = json.dumps(credential).replace(impostor.did, issuer.did)
    report = verify_credential(credential_json, now=now)
    assert not report.verified


def test_did_web_key_not_authorised_for_assertion(now: datetime) -> None:
    issuer = Issuer.did_web()
    credential = signed(issuer, now)
    document = dict(issuer.documents[issuer.did])
    document["assertionMethod"] = []
    report = verify_credential(credential, now=now, documents={issuer.did: document})
    assert codes(report) == ["key_not_authorized"]


def test_expired_and_not_yet_valid(now: datetime) -> None:
    issuer = Issuer.did_key()
    yesterday = now - timedelta(days=1)
    expired = signed(issuer, yesterday, validUntil=format_datetime(now - timedelta(hours=1)))
    assert codes(verify_credential(expired, now=now)) == ["expired"]
    future = signed(issuer, now, validFrom=format_datetime(now + timedelta(days=2)))
    assert codes(verify_credential(future, now=now + timedelta(seconds=1))) == ["not_yet_valid"]


def test_issuing_an_expired_credential_is_refused(now: datetime) -> None:
    with pytest.raises(IssuanceError, match="expired"):
        signed(Issuer.did_key(), now, validUntil=format_datetime(now - timedelta(hours=1)))


def test_clock_skew_is_bounded(now: datetime) -> None:
    issuer = Issuer.did_key()
    credential = signed(issuer, now, validUntil=format_datetime(now))
    assert verify_credential(credential, now=now + timedelta(minutes=4)).verified
    assert not verify_credential(credential, now=now + timedelta(minutes=6)).verified


def test_revoked_credential_fails_and_active_one_passes(now: datetime) -> None:
    issuer = Issuer.did_key()
    listed = status_list(issuer, now, set_bits=(7,))
    documents = {STATUS_URL: listed}
    revoked = signed(issuer, now, credentialStatus=entry(7))
    active = signed(issuer, now, credentialStatus=entry(8))
    assert codes(verify_credential(revoked, now=now, documents=documents)) == ["revoked"]
    assert verify_credential(active, now=now, documents=documents).verified


def test_suspended_credential_fails(now: datetime) -> None:
    issuer = Issuer.did_key()
    listed = status_list(issuer, now, purpose="suspension", set_bits=(3,))
    credential = signed(issuer, now, credentialStatus=entry(3, "suspension"))
    report = verify_credential(credential, now=now, documents={STATUS_URL: listed})
    assert codes(report) == ["suspended"]


def test_status_list_unavailable_fails_closed(now: datetime) -> None:
    credential = signed(Issuer.did_key(), now, credentialStatus=entry(1))
    report = verify_credential(credential, now=now)
    assert codes(report) == ["status_unavailable"]
    assert STATUS_URL in report.failures[0].message("en")


def test_status_list_from_another_issuer_is_not_trusted(now: datetime) -> None:
    issuer, other = Issuer.did_key(), Issuer.did_key()
    credential = signed(issuer, now, credentialStatus=entry(1))
    foreign = status_list(other, now)
    report = verify_credential(credential, now=now, documents={STATUS_URL: foreign})
    assert codes(report) == ["status_list_invalid"]


def test_tampered_status_list_is_not_trusted(now: datetime) -> None:
    issuer = Issuer.did_key()
    credential = signed(issuer, now, credentialStatus=entry(5))
    revoked_list = status_list(issuer, now, set_bits=(5,))
    clean_list = status_list(issuer, now)
    forged = dict(revoked_list)
    forged["credentialSubject"] = clean_list["credentialSubject"]  # "un-revoke" entry 5
    report = verify_credential(credential, now=now, documents={STATUS_URL: forged})
    assert codes(report) == ["status_list_invalid"]


def test_trust_list_standing(now: datetime) -> None:
    issuer = Issuer.did_key()
    credential = signed(issuer, now)
    listed = TrustList.from_json({"name": "YÖKAK", "issuers": [{"id": issuer.did, "name": "Uni"}]})
    empty = TrustList.from_json({"name": "YÖKAK", "issuers": []})
    withdrawn = TrustList.from_json(
        {
            "name": "YÖKAK",
            "issuers": [
                {
                    "id": issuer.did,
                    "name": "Uni",
                    "withdrawn": format_datetime(now - timedelta(days=7)),
                }
            ],
        }
    )
    assert verify_credential(credential, now=now, trust_list=listed).verified
    assert codes(verify_credential(credential, now=now, trust_list=empty)) == [
        "issuer_not_recognised"
    ]
    assert codes(verify_credential(credential, now=now, trust_list=withdrawn)) == [
        "issuer_recognition_withdrawn"
    ]


def test_report_is_bilingual_json(now: datetime) -> None:
    report = verify_credential(signed(Issuer.did_key(), now), now=now)
    english, turkish = report.to_json("en"), report.to_json("tr")
    assert english["verified"] is True
    assert [c["code"] for c in english["checks"]] == [c["code"] for c in turkish["checks"]]
    assert english["checks"][0]["message"] != turkish["checks"][0]["message"]
