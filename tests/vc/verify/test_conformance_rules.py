"""The trust core's conformance rules, without HTTP: VC 2.0 data model (§4.4–§4.13,
§5.3–§5.6), inline contexts (§4.3, decision 0008), Data Integrity proof sets and chains
(§2.1.1, §2.1.2, §4.5) and verifier options (§4.2)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.vc.contexts import pinned_loader
from microcred.vc.errors import VcError
from microcred.vc.issue import NonConformingCredentialError, issue_credential
from microcred.vc.multibase import encode_multibase
from microcred.vc.proofs import EDDSA_RDFC_2022, create_proof, hash_data, proof_config
from microcred.vc.proofs.dataintegrity import unsecured
from microcred.vc.verify import verify_credential
from microcred.vc.verify.options import OptionError, VerifyOptions, read_options
from microcred.vc.verify.rules_datamodel import data_model_problems

from ..factories import Issuer

NOW = datetime(2026, 6, 1, tzinfo=UTC)
V2 = "https://www.w3.org/ns/credentials/v2"


def base(issuer: Issuer, **extra: Any) -> dict[str, Any]:
    return {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        **extra,
    }


def sign(issuer: Issuer, document: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A proof over the document's bare form (or, with previousProof, its chained form)."""
    proofs = document.get("proof", [])
    proofs = proofs if isinstance(proofs, list) else [proofs]
    names = extra.get("previousProof")
    ids = [names] if isinstance(names, str) else names or []
    signed_over = unsecured(document)
    if ids:
        signed_over["proof"] = [p for p in proofs if p.get("id") in ids]
    config = {
        "type": "DataIntegrityProof",
        "cryptosuite": EDDSA_RDFC_2022,
        "created": "2026-01-01T00:00:00Z",
        "verificationMethod": issuer.method,
        "proofPurpose": "assertionMethod",
        **extra,
    }
    loader = pinned_loader()
    data = hash_data(
        signed_over, proof_config(signed_over, config, EDDSA_RDFC_2022), EDDSA_RDFC_2022, loader
    )
    config["proofValue"] = encode_multibase(issuer.key.sign(data), "z")
    return {**unsecured(document), "proof": [*proofs, config] if proofs else config}


def codes(document: Any, **options: Any) -> list[str]:
    return [c.code for c in verify_credential(document, now=NOW, **options).failures]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"type": "ExampleCredential"}, "credential_type_missing"),
        ({"id": "not a url"}, "identifier_invalid"),
        ({"issuer": {"name": "No id"}}, "issuer_invalid"),
        ({"credentialSubject": []}, "subject_empty"),
        ({"credentialSubject": {"id": "urn:x", "name": "A"}, "evidence": [{}]},
         "property_type_missing"),
        ({"relatedResource": {"id": "https://e.org/r", "digestSRI": "md5-abc"}},
         "related_resource_digest_invalid"),
        ({"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2025-01-01T00:00:00Z"},
         "validity_period_inverted"),
        # A present null is refused, not read as absent (one as_list, null → []).
        ({"type": None}, "credential_type_missing"),
        ({"credentialSubject": None}, "subject_empty"),
        ({"credentialStatus": None}, "property_type_missing"),
        ({"evidence": None}, "property_type_missing"),
        ({"relatedResource": None}, "related_resource_invalid"),
    ],
)  # fmt: skip
def test_data_model_musts(change: dict[str, Any], code: str) -> None:
    issuer = Issuer.did_key()
    assert code in [c.code for c in data_model_problems({**base(issuer), **change})]


def test_a_conforming_credential_has_no_problems() -> None:
    assert data_model_problems(base(Issuer.did_key())) == []


def test_the_issuer_refuses_before_signing_and_tolerates_only_a_future_valid_from() -> None:
    issuer = Issuer.did_key()
    with pytest.raises(NonConformingCredentialError) as refused:
        issue_credential(
            base(issuer, credentialSubject={}),
            key=issuer.key,
            verification_method=issuer.method,
            now=NOW,
        )
    assert refused.value.code == "subject_empty"
    future = issue_credential(
        base(issuer, validFrom="2999-01-01T00:00:00Z"),
        key=issuer.key,
        verification_method=issuer.method,
        now=NOW,
    )
    assert isinstance(future, dict)


def test_proof_chain_and_set() -> None:
    issuer, endorser = Issuer.did_key(), Issuer.did_key()
    first = sign(issuer, base(issuer), id="urn:uuid:1")
    chained = sign(endorser, first, previousProof="urn:uuid:1")
    report = verify_credential(chained, now=NOW)
    assert report.verified, [c.code for c in report.failures]
    assert [c.code for c in report.checks if c.check == "proof"] == ["proof_valid", "proof_valid"]
    assert "proof_previous_missing" in codes(sign(endorser, first, previousProof="urn:uuid:2"))
    twice = {**first, "proof": [first["proof"], first["proof"]]}
    assert codes(twice) == ["proof_id_duplicate"]


def test_related_resource_digest_is_checked_with_the_loader() -> None:
    issuer = Issuer.did_key()
    body = b"rubric"
    sri = "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    document = sign(
        issuer, base(issuer, relatedResource=[{"id": "https://e.org/r", "digestSRI": sri}])
    )
    assert verify_credential(document, now=NOW, resource_loader=lambda url: body).verified
    assert "related_resource_digest_mismatch" in codes(document, resource_loader=lambda url: b"x")
    skipped = verify_credential(document, now=NOW)
    assert skipped.verified
    assert "related_resource_not_retrieved" in [c.code for c in skipped.checks]


def test_inline_context_with_base_is_refused() -> None:
    issuer = Issuer.did_key()
    document = create_proof(
        base(issuer),
        key=issuer.key,
        verification_method=issuer.method,
        created=NOW,
        document_loader=pinned_loader(),
    )
    document["@context"] = [V2, {"@base": "https://e.org/"}]
    assert codes(document)[0] == "context_base_forbidden"


def test_options_are_read_or_refused_by_name() -> None:
    options = read_options(
        {"checks": ["proof", "credentialStatus"], "challenge": "c"},
        default_purpose="assertionMethod",
        allowed=frozenset({"checks", "challenge"}),
    )
    assert options == VerifyOptions(checks=("proof", "credentialStatus"), challenge="c")
    with pytest.raises(OptionError) as refused:
        read_options({"domain": "d"}, default_purpose="assertionMethod", allowed=frozenset())
    assert refused.value.code == "option_not_supported"
    assert isinstance(refused.value, VcError)
