"""Trust lists: a body's signed list read back only after it verifies, and the standing it
gives a credential on the day the credential was signed."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

import pytest

from microcred.vc.issue import issue_credential
from microcred.vc.trustlist import TrustListFormatError, trust_list_credential, trust_list_of
from microcred.vc.verify import CheckStatus, TrustedIssuer, TrustList, verify_credential
from microcred.vc.verify.signed_trust_list import TrustListError

from ..factories import Issuer, signed

LIST_ID = "https://registry.example/registry/trust-lists/kalite/v3"


def recognition(provider: Issuer, now: datetime, **changes: Any) -> TrustedIssuer:
    fields: dict[str, Any] = {
        "id": provider.did,
        "name": "Example University",
        "valid_from": now - timedelta(days=365),
        "valid_until": now + timedelta(days=365),
        "fields_of_study": ("Informatics",),
        "eqf_levels": (5, 6),
        "tqf_levels": (6,),
    }
    fields.update(changes)
    return TrustedIssuer(**fields)


def signed_list(body: Issuer, now: datetime, *entries: TrustedIssuer) -> dict[str, Any]:
    credential = trust_list_credential(
        list_id=LIST_ID,
        version=3,
        issuer_did=body.did,
        issuer_name="Kalite Kurulu",
        name="Providers recognised by Kalite Kurulu",
        entries=entries,
        issued=now,
    )
    secured = issue_credential(
        credential,
        key=body.key,
        verification_method=body.method,
        now=now,
        documents=body.documents,
    )
    assert isinstance(secured, dict)
    return secured


@pytest.fixture
def body() -> Issuer:
    return Issuer.did_web("qa.example", "kalite")


def test_a_signed_list_reads_back_with_every_field(body: Issuer, now: datetime) -> None:
    provider = Issuer.did_key()
    entry = recognition(provider, now, withdrawn=now - timedelta(days=1))
    read = TrustList.from_signed(
        signed_list(body, now, entry), expected_issuer=body.did, now=now, documents=body.documents
    )
    assert read.issuer == body.did
    assert read.version == 3
    assert read.id == LIST_ID
    (back,) = read.entries_for(provider.did)
    assert back.withdrawn == entry.withdrawn
    assert back.eqf_levels == (5, 6)
    assert back.accredited_by == "Kalite Kurulu"
    assert back.accredited_by_id == body.did
    assert back.fields_of_study == ("Informatics",)
    assert back.valid_until == entry.valid_until


def test_a_tampered_list_is_refused(body: Issuer, now: datetime) -> None:
    document = signed_list(body, now, recognition(Issuer.did_key(), now))
    forged = copy.deepcopy(document)
    forged["credentialSubject"]["recognition"][0]["recognisedIssuer"] = "did:key:z6MkForger"
    with pytest.raises(TrustListError) as refused:
        TrustList.from_signed(forged, expected_issuer=body.did, now=now, documents=body.documents)
    assert refused.value.code == "trust_list_unverified"
    assert refused.value.report is not None
    assert "proof_signature_invalid" in {c.code for c in refused.value.report.failures}


def test_a_list_signed_by_another_body_is_refused(body: Issuer, now: datetime) -> None:
    other = Issuer.did_key()
    document = signed_list(other, now, recognition(Issuer.did_key(), now))
    assert verify_credential(document, now=now).verified  # well signed, by the wrong body
    with pytest.raises(TrustListError) as refused:
        TrustList.from_signed(document, expected_issuer=body.did, now=now)
    assert refused.value.code == "trust_list_wrong_issuer"


def test_an_unreadable_entry_makes_the_list_unreadable(now: datetime) -> None:
    document = trust_list_credential(
        list_id=LIST_ID,
        version=1,
        issuer_did="did:key:z",
        issuer_name="Q",
        name="Q",
        entries=[],
        issued=now,
    )
    document["credentialSubject"]["recognition"] = [{"issuerName": "no id"}]
    with pytest.raises(TrustListFormatError):
        trust_list_of(document)
    document["credentialSubject"]["recognition"] = [{"recognisedIssuer": "x", "eqfLevel": [9]}]
    with pytest.raises(TrustListFormatError):
        trust_list_of(document)


def trust_code(credential: Any, lists: Any, now: datetime, **options: Any) -> tuple[str, str]:
    check = verify_credential(credential, now=now, trust_list=lists, **options).find("trust")
    assert check is not None
    return check.code, str(check.status)


def test_standing_on_the_day_of_signing(body: Issuer, now: datetime) -> None:
    provider = Issuer.did_key()
    before = signed(provider, now - timedelta(days=10))  # proof created 10 days ago
    after = signed(provider, now)
    withdrawn = TrustList(
        "Q", {provider.did: (recognition(provider, now, withdrawn=now - timedelta(days=5)),)}
    )
    assert trust_code(before, withdrawn, now) == ("issuer_recognised", "passed")
    assert trust_code(after, withdrawn, now) == ("issuer_recognition_withdrawn", "failed")
    suspended = TrustList(
        "Q", {provider.did: (recognition(provider, now, suspended=now - timedelta(days=5)),)}
    )
    assert trust_code(after, suspended, now) == ("issuer_recognition_suspended", "failed")
    expired = TrustList(
        "Q", {provider.did: (recognition(provider, now, valid_until=now - timedelta(days=1)),)}
    )
    assert trust_code(after, expired, now) == ("issuer_not_recognised", "failed")
    not_yet = TrustList(
        "Q", {provider.did: (recognition(provider, now, valid_from=now - timedelta(days=1)),)}
    )
    assert trust_code(before, not_yet, now) == ("issuer_not_recognised", "failed")


def test_validfrom_cannot_backdate_past_a_withdrawal(now: datetime) -> None:
    """The proof's time decides, not a ``validFrom`` the issuer may set to any day."""
    provider = Issuer.did_key()
    backdated = signed(provider, now, validFrom="2020-01-01T00:00:00Z")
    withdrawn = TrustList(
        "Q",
        {
            provider.did: (
                recognition(
                    provider,
                    now,
                    valid_from=datetime(2019, 1, 1, tzinfo=now.tzinfo),
                    withdrawn=now - timedelta(days=5),
                ),
            )
        },
    )
    assert trust_code(backdated, withdrawn, now)[0] == "issuer_recognition_withdrawn"


def test_a_later_period_restores_standing_and_lists_combine(now: datetime) -> None:
    provider = Issuer.did_key()
    credential = signed(provider, now)
    ended = recognition(provider, now, withdrawn=now - timedelta(days=30))
    renewed = recognition(provider, now, valid_from=now - timedelta(days=2))
    assert trust_code(credential, TrustList("Q", {provider.did: (ended, renewed)}), now)[0] == (
        "issuer_recognised"
    )
    other = TrustList("Other", {})
    mine = TrustList("Q", {provider.did: (renewed,)})
    assert trust_code(credential, [other, mine], now)[0] == "issuer_recognised"


def test_not_recognised_is_a_warning_when_not_required(now: datetime) -> None:
    credential = signed(Issuer.did_key(), now)
    report = verify_credential(credential, now=now, trust_list=[], trust_required=False)
    check = report.find("trust")
    assert check is not None
    assert check.status is CheckStatus.WARNING
    assert report.verified
    assert report.warnings == (check,)
    assert "own claim" in check.message("en")
    assert "kendi beyanıdır" in check.message("tr")


def test_recognised_message_names_body_date_and_scope(now: datetime) -> None:
    provider = Issuer.did_key()
    entry = recognition(provider, now, accredited_by="Kalite Kurulu")
    check = verify_credential(
        signed(provider, now), now=now, trust_list=TrustList("Q", {provider.did: (entry,)})
    ).find("trust")
    assert check is not None
    assert "Kalite Kurulu" in check.message("en")
    assert "EQF 5, 6" in check.message("tr")
