"""A holder-signed Verifiable Presentation verifies, and any change to it is caught
(VC 2.0 §4.13 Verifiable Presentations; Data Integrity §4.2 challenge and domain)."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from microcred.vc import Ed25519KeyPair, VcError, did_key_for
from microcred.vc.contexts import pinned_loader
from microcred.vc.multibase import encode_multibase
from microcred.vc.presentations import (
    JWT_DATA_PREFIX,
    holder_did_key,
    holder_verification_method,
    sign_presentation,
    verify_presentation,
)
from microcred.vc.proofs import EDDSA_RDFC_2022, hash_data, proof_config

from .conftest import NOW


@pytest.fixture(scope="module")
def holder() -> Ed25519KeyPair:
    return Ed25519KeyPair.generate()


@pytest.fixture(scope="module")
def vp(holder: Ed25519KeyPair, signed: dict[str, Any], signed_jwt: str) -> dict[str, Any]:
    return sign_presentation(
        [signed, signed_jwt], holder=holder, now=NOW, challenge="n-0S6_WzA2Mj", domain="hr.example"
    )


def verify(vp: dict[str, Any], **options: Any) -> Any:
    expected: dict[str, Any] = {"challenge": "n-0S6_WzA2Mj", "domain": "hr.example"}
    return verify_presentation(vp, now=NOW, **{**expected, **options})


def test_shape(vp: dict[str, Any], holder: Ed25519KeyPair, signed: dict[str, Any]) -> None:
    assert vp["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert vp["type"] == ["VerifiablePresentation"]
    assert vp["holder"] == holder_did_key(holder.public) == did_key_for(holder.public)
    assert vp["verifiableCredential"][0] == signed
    envelope = vp["verifiableCredential"][1]
    assert envelope["type"] == "EnvelopedVerifiableCredential"
    assert envelope["id"].startswith(JWT_DATA_PREFIX)
    proof = vp["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "authentication"
    assert proof["verificationMethod"] == holder_verification_method(holder.public)
    assert (proof["challenge"], proof["domain"]) == ("n-0S6_WzA2Mj", "hr.example")
    assert proof["created"] == "2026-07-01T12:00:00Z"


def test_signed_presentation_verifies(vp: dict[str, Any], holder: Ed25519KeyPair) -> None:
    report = verify(vp)
    assert report.problems == ()
    assert "presentation_holder_bound" in [c.code for c in report.checks]
    assert [r.verified for r in report.credentials] == [True, True]
    assert report.verified
    assert bool(report)
    assert report.holder == holder_did_key(holder.public)


def test_without_challenge_or_domain_it_still_verifies(
    holder: Ed25519KeyPair, signed: dict[str, Any]
) -> None:
    vp = sign_presentation([signed], holder=holder, now=NOW)
    assert "challenge" not in vp["proof"]
    assert verify_presentation(vp, now=NOW).verified


def test_tampered_credential_breaks_both_signatures(vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    tampered["verifiableCredential"][0]["credentialSubject"]["achievement"]["name"] = "Forged"
    report = verify(tampered)
    assert "proof_signature_invalid" in report.problems
    assert report.credentials[0].verified is False
    assert not report


def test_removed_credential_breaks_the_holder_signature(vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    del tampered["verifiableCredential"][1]
    assert verify(tampered).problems == ("proof_signature_invalid",)


def test_tampered_jwt_fails_its_own_check(vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    head, payload, signature = tampered["verifiableCredential"][1]["id"].split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    tampered["verifiableCredential"][1]["id"] = f"{head}.{payload}.{flipped}"
    report = verify(tampered)
    assert "proof_signature_invalid" in report.problems
    assert report.credentials[1].verified is False


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"challenge": "another-nonce"}, "proof_challenge_mismatch"),
        ({"domain": "attacker.example"}, "proof_domain_mismatch"),
    ],
)
def test_replay_for_another_verifier_is_refused(
    vp: dict[str, Any], options: dict[str, str], problem: str
) -> None:
    report = verify_presentation(
        vp, now=NOW, challenge=options.get("challenge"), domain=options.get("domain")
    )
    assert report.problems == (problem,)


def test_someone_elses_holder_is_refused(vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    tampered["holder"] = did_key_for(Ed25519KeyPair.generate().public)
    assert verify(tampered).problems == ("proof_signature_invalid",)


def test_a_proof_by_someone_other_than_the_holder_is_refused(
    vp: dict[str, Any], holder: Ed25519KeyPair
) -> None:
    """Signed correctly, but by a key the named holder does not control."""
    other = Ed25519KeyPair.generate()
    resigned = sign_presentation([], holder=other, now=NOW)
    resigned["holder"] = holder_did_key(holder.public)
    base = {k: v for k, v in resigned.items() if k != "proof"}
    proof = {k: v for k, v in resigned["proof"].items() if k != "proofValue"}
    data = hash_data(
        base, proof_config(base, proof, EDDSA_RDFC_2022), EDDSA_RDFC_2022, pinned_loader()
    )
    resigned["proof"] = {**proof, "proofValue": encode_multibase(other.sign(data), "z")}
    report = verify_presentation(resigned, now=NOW)
    assert report.problems == ("presentation_holder_mismatch",)


def test_assertion_proof_purpose_is_refused(holder: Ed25519KeyPair, vp: dict[str, Any]) -> None:
    tampered = copy.deepcopy(vp)
    tampered["proof"]["proofPurpose"] = "assertionMethod"
    assert "proof_purpose_invalid" in verify(tampered).problems


def test_proof_from_the_future_is_refused(holder: Ed25519KeyPair, signed: dict[str, Any]) -> None:
    vp = sign_presentation([signed], holder=holder, now=NOW + timedelta(hours=1))
    assert verify_presentation(vp, now=NOW).problems == ("proof_created_invalid",)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda vp: vp.pop("proof"), "presentation_proof_missing"),
        (lambda vp: vp["proof"].update(proofValue="not-multibase"), "proof_malformed"),
        (lambda vp: vp.update(type=["VerifiableCredential"]), "presentation_type_invalid"),
        (lambda vp: vp.update(verifiableCredential=None), "presentation_credential_invalid"),
        (lambda vp: vp.update({"@context": ["https://www.w3.org/2018/credentials/v1"]}),
         "context_order_invalid"),
    ],
)  # fmt: skip
def test_malformed_presentations_are_reported_not_raised(
    vp: dict[str, Any], change: Any, problem: str
) -> None:
    broken = copy.deepcopy(vp)
    change(broken)
    report = verify(broken)
    assert problem in report.problems
    assert not report.verified


def test_not_an_object_is_reported() -> None:
    report = verify_presentation([], now=NOW)
    assert report.problems == ("presentation_not_object",)


def test_a_credential_with_an_unpinned_context_cannot_be_signed(
    holder: Ed25519KeyPair, signed: dict[str, Any]
) -> None:
    foreign = {**signed, "@context": [*signed["@context"], "https://evil.example/context.jsonld"]}
    with pytest.raises(VcError, match="not pinned"):
        sign_presentation([foreign], holder=holder, now=NOW)


def test_a_malformed_jwt_is_refused(holder: Ed25519KeyPair) -> None:
    with pytest.raises(ValueError, match="compact JWS"):
        sign_presentation(["not a jwt"], holder=holder, now=NOW)


def test_junk_in_verifiable_credential_is_reported_per_entry(vp: dict[str, Any]) -> None:
    """Entries the holder's proof does not cover still each get a failing report."""
    junk = copy.deepcopy(vp)
    junk["verifiableCredential"] += [
        42,
        {"type": "EnvelopedVerifiableCredential", "id": "https://example.org/not-a-data-url"},
    ]
    report = verify(junk)
    invalid = "presentation_credential_invalid"
    assert report.problems == (invalid, invalid, "presentation_credential_failed")
    assert [r.verified for r in report.credentials] == [True, True, False, False]
    assert report.credentials[2].failures[0].code == "json_not_object"
