"""The VC-API verifier as the W3C suites drive it (VC-API verify options; Data Integrity
1.0 §4.2 verification and §2.1 proof sets/chains; VC 2.0 §4.3, §4.13)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.vc import Ed25519KeyPair
from microcred.vc.contexts import pinned_loader
from microcred.vc.errors import DocumentLoadError
from microcred.vc.multibase import encode_multibase
from microcred.vc.presentations import sign_presentation
from microcred.vc.proofs import (
    EDDSA_JCS_2022,
    EDDSA_RDFC_2022,
    create_proof,
    hash_data,
    proof_config,
)
from microcred.vc.proofs.dataintegrity import unsecured
from microcred.verification.services import use_remote

from ..vc.factories import Issuer
from .conftest import call

pytestmark = pytest.mark.django_db
V2 = "https://www.w3.org/ns/credentials/v2"


def beyond_trust(warnings: list[dict[str, str]]) -> list[dict[str, str]]:
    """The warnings other than the issuer's standing: the suites' test issuers are did:keys
    that no quality-assurance body recognises, which the answer rightly says (a warning)."""
    return [w for w in warnings if w["check"] != "trust"]


@pytest.fixture(autouse=True)
def _offline(settings: Any) -> Iterator[None]:
    def refuse(url: str) -> Any:
        raise DocumentLoadError(f"{url} is offline", code="fetch_failed")

    settings.MICROCRED_VERIFY_RATE = "off"
    use_remote(refuse)
    yield
    use_remote(None)


def credential(issuer: Issuer, **extra: Any) -> dict[str, Any]:
    return {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
        **extra,
    }


def signed(issuer: Issuer, document: dict[str, Any], **proof: Any) -> dict[str, Any]:
    """Sign with an optional extra proof option (id, previousProof, purpose…)."""
    base = {k: v for k, v in document.items() if k != "proof"}
    config: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": EDDSA_RDFC_2022,
        "created": "2026-01-01T00:00:00Z",
        "verificationMethod": issuer.method,
        "proofPurpose": "assertionMethod",
        **proof,
    }
    data = hash_data(
        base, proof_config(base, config, EDDSA_RDFC_2022), EDDSA_RDFC_2022, pinned_loader()
    )
    config["proofValue"] = encode_multibase(issuer.key.sign(data), "z")
    earlier = document.get("proof")
    proofs = [] if earlier is None else earlier if isinstance(earlier, list) else [earlier]
    return {**base, "proof": [*proofs, config] if proofs else config}


def signed_jcs(issuer: Issuer, document: dict[str, Any], purpose: str = "assertionMethod") -> Any:
    """eddsa-jcs-2022 signs JSON, so it can sign what safe-mode JSON-LD refuses: the
    verifier must still refuse it."""
    return create_proof(
        document,
        key=issuer.key,
        verification_method=issuer.method,
        created=timezone.now(),
        document_loader=pinned_loader(),
        cryptosuite=EDDSA_JCS_2022,
        proof_purpose=purpose,
    )


def verify(client: Client, document: Any, **options: Any) -> Any:
    body = {"verifiableCredential": document, "options": options}
    return call(client, "post", "/credentials/verify", body)


def test_the_suites_options_are_accepted_and_a_valid_credential_is_200(client: Client) -> None:
    """VC-API verify: every suite request carries options.checks."""
    issuer = Issuer.did_key()
    response = verify(client, signed(issuer, credential(issuer)), checks=["proof"])
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["verified"] is True
    assert (answer["errors"], beyond_trust(answer["warnings"])) == ([], [])
    assert "proof" in answer["checks"]


def test_a_credential_that_does_not_verify_is_422_with_the_result(client: Client) -> None:
    """Data Integrity suites: 400 or 422 for a credential that does not verify."""
    issuer = Issuer.did_key()
    forged = signed(issuer, credential(issuer))
    forged["credentialSubject"]["name"] = "Mallory"
    response = verify(client, forged, checks=["proof"])
    assert response.status_code == 422
    answer = response.json()
    assert answer["verified"] is False
    assert [e["code"] for e in answer["errors"]] == ["proof_signature_invalid"]


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"checks": ["telepathy"]}, "api.check_not_supported"),
        ({"checks": "proof"}, "api.option_invalid"),
        ({"returnCredential": True}, "api.option_not_supported"),
        ({"expectedProofPurpose": "capabilityInvocation"}, "api.option_invalid"),
    ],
)
def test_only_what_is_not_supported_is_refused_by_name(
    client: Client, options: dict[str, Any], code: str
) -> None:
    issuer = Issuer.did_key()
    response = verify(client, signed(issuer, credential(issuer)), **options)
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_expected_proof_purpose_must_match(client: Client) -> None:
    """Data Integrity §4.2: expectedProofPurpose given and different → error."""
    issuer = Issuer.did_key()
    document = signed(issuer, credential(issuer))
    assert verify(client, document, expectedProofPurpose="assertionMethod").status_code == 200
    response = verify(client, document, expectedProofPurpose="authentication")
    assert response.status_code == 422
    assert "proof_purpose_invalid" in [e["code"] for e in response.json()["errors"]]
    wrong = signed_jcs(issuer, credential(issuer), purpose="invalidPurpose")
    assert verify(client, wrong).status_code == 422


def test_challenge_and_domain_must_be_the_proofs(client: Client) -> None:
    """Data Integrity §4.2: a non-null challenge/domain option must equal the proof's."""
    issuer = Issuer.did_key()
    document = signed(issuer, credential(issuer), challenge="abc", domain="hr.example")
    assert verify(client, document, challenge="abc", domain="hr.example").status_code == 200
    codes = [e["code"] for e in verify(client, document, challenge="xyz").json()["errors"]]
    assert codes == ["proof_challenge_mismatch"]
    codes = [e["code"] for e in verify(client, document, domain="evil.example").json()["errors"]]
    assert codes == ["proof_domain_mismatch"]


@pytest.mark.parametrize("value", ["json-text", None, 42])
def test_a_secured_document_that_is_not_a_map_is_an_error(client: Client, value: Any) -> None:
    """Data Integrity §4.2: 'If securedDocument is not a map … an error MUST be raised'."""
    issuer = Issuer.did_key()
    document = signed(issuer, credential(issuer))
    sent = json.dumps(document) if value == "json-text" else value
    response = verify(client, sent)
    assert response.status_code in (400, 422)
    assert response.json().get("verified") is not True


def test_a_proof_that_is_not_a_map_is_an_error(client: Client) -> None:
    issuer = Issuer.did_key()
    document = signed(issuer, credential(issuer))
    document["proof"] = None
    assert verify(client, document).status_code == 422


def test_a_proof_set_of_issuer_and_endorser_verifies(client: Client) -> None:
    """Data Integrity §2.1.1 proof sets: a co-awarding body adds its own proof."""
    issuer, endorser = Issuer.did_key(), Issuer.did_key()
    both = signed(endorser, signed(issuer, credential(issuer)))
    answer = verify(client, both).json()
    assert answer["verified"] is True, answer["errors"]
    codes = [c["code"] for c in answer["report"]["checks"]]
    assert {"proof_additional_signer", "issuer_bound"} <= set(codes)


def test_a_proof_set_without_the_issuer_is_refused(client: Client) -> None:
    issuer, stranger = Issuer.did_key(), Issuer.did_key()
    response = verify(client, signed(stranger, credential(issuer)))
    assert response.status_code == 422
    assert [e["code"] for e in response.json()["errors"]] == ["issuer_mismatch"]


def test_a_proof_chain_verifies_and_binds_the_previous_proof(client: Client) -> None:
    """Data Integrity §2.1.2 proof chains (string and list previousProof)."""
    issuer, endorser = Issuer.did_key(), Issuer.did_key()
    first = signed(issuer, credential(issuer), id="urn:uuid:first")
    for previous in ("urn:uuid:first", ["urn:uuid:first"]):
        chained = _chain(endorser, first, previous)
        answer = verify(client, chained).json()
        assert answer["verified"] is True, answer["errors"]
        assert beyond_trust(answer["warnings"]) == []


def _chain(signer: Issuer, document: dict[str, Any], previous: Any) -> dict[str, Any]:
    """A chained proof signed the spec's way: over the document with the named proofs."""
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    ids = [previous] if isinstance(previous, str) else previous
    base = {**unsecured(document), "proof": [p for p in proofs if p.get("id") in ids]}
    config = {
        "type": "DataIntegrityProof",
        "cryptosuite": EDDSA_RDFC_2022,
        "created": "2026-01-02T00:00:00Z",
        "verificationMethod": signer.method,
        "proofPurpose": "assertionMethod",
        "previousProof": previous,
    }
    data = hash_data(
        base, proof_config(base, config, EDDSA_RDFC_2022), EDDSA_RDFC_2022, pinned_loader()
    )
    config["proofValue"] = encode_multibase(signer.key.sign(data), "z")
    return {**unsecured(document), "proof": [*proofs, config]}


def test_a_chain_signed_without_the_previous_proof_verifies_with_a_warning(client: Client) -> None:
    """As jsonld-signatures 11 signs a chained proof (decision 0008)."""
    issuer, endorser = Issuer.did_key(), Issuer.did_key()
    first = signed(issuer, credential(issuer), id="urn:uuid:first")
    loose = signed(endorser, first, previousProof="urn:uuid:first")
    answer = verify(client, loose).json()
    assert answer["verified"] is True, answer["errors"]
    assert [w["code"] for w in beyond_trust(answer["warnings"])] == ["proof_chain_unbound"]


@pytest.mark.parametrize("previous", ["urn:uuid:missing", ["urn:uuid:missing"]])
def test_a_previous_proof_that_is_not_there_fails(client: Client, previous: Any) -> None:
    """Data Integrity §4.5: a previousProof id not in allProofs MUST raise an error."""
    issuer = Issuer.did_key()
    first = signed(issuer, credential(issuer), id="urn:uuid:first")
    response = verify(client, signed(issuer, first, previousProof=previous))
    assert response.status_code == 422
    assert "proof_previous_missing" in [e["code"] for e in response.json()["errors"]]


def test_a_chain_whose_previous_proof_fails_fails(client: Client) -> None:
    """Data Integrity §2.1.2: every proof a chain names MUST also verify."""
    issuer = Issuer.did_key()
    chained = _chain(
        issuer, signed(issuer, credential(issuer), id="urn:uuid:first"), "urn:uuid:first"
    )
    chained["proof"][0]["proofValue"] = "invalidProofValue"
    assert verify(client, chained).status_code == 422


def test_inline_contexts_verify_in_safe_mode(client: Client) -> None:
    """VC 2.0 §4.3: later @context items may be objects processable as a context."""
    issuer = Issuer.did_key()
    inline = {"ExampleCredential": "https://example.org/#ExampleCredential"}
    document = credential(issuer, type=["VerifiableCredential", "ExampleCredential"])
    document["@context"] = [V2, inline]
    assert verify(client, signed(issuer, document)).status_code == 200
    based = {**document, "@context": [V2, inline, {"@base": "https://invalid.example.com/"}]}
    codes = [e["code"] for e in verify(client, signed_jcs(issuer, based)).json()["errors"]]
    assert codes[0] == "context_base_forbidden"
    redefined = {**document, "@context": [V2, inline, {"VerifiableCredential": "https://e.org/#V"}]}
    codes = [e["code"] for e in verify(client, signed_jcs(issuer, redefined)).json()["errors"]]
    assert "jsonld_protected_term_redefinition" in codes
    numbered = {**document, "@context": [V2, inline, 123192875]}
    codes = [e["code"] for e in verify(client, signed_jcs(issuer, numbered)).json()["errors"]]
    assert codes[0] == "context_entry_invalid"


def test_an_undefined_term_added_after_signing_fails(client: Client) -> None:
    """Data Integrity §4.2: data a JSON-LD processor would drop is an error."""
    issuer = Issuer.did_key()
    document = signed(issuer, credential(issuer))
    document["credentialSubject"]["undefinedTerm"] = "IfDroppedWillVerify"
    assert verify(client, document).status_code == 422


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"type": ["ExampleCredential"]}, "credential_type_missing"),
        ({"credentialSubject": {}}, "subject_empty"),
        ({"credentialSchema": {"id": "https://example.org/schema"}}, "property_type_missing"),
        ({"evidence": [{"id": "https://example.org/e"}]}, "property_type_missing"),
        ({"termsOfUse": {"id": "https://example.org/t"}}, "property_type_missing"),
        ({"refreshService": {"id": "https://example.org/r"}}, "property_type_missing"),
        ({"relatedResource": ["https://example.org/r"]}, "related_resource_invalid"),
        ({"validFrom": "2024-01-01", "validUntil": "2025-01-01T00:00:00Z"}, "date_invalid"),
        ({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2024-01-01T00:00:00Z"},
         "validity_period_inverted"),
    ],
)  # fmt: skip
def test_the_verifier_refuses_what_breaks_vc2_musts(
    client: Client, change: dict[str, Any], code: str
) -> None:
    """VC 2.0 §4.5, §4.8, §4.9, §4.11, §5.3–§5.6: signed or not, not a credential."""
    issuer = Issuer.did_key()
    document = signed_jcs(issuer, {**credential(issuer), **change})
    response = verify(client, document)
    assert response.status_code == 422
    assert code in [e["code"] for e in response.json()["errors"]]


def _presentation(holder: Ed25519KeyPair, issuer: Issuer, **options: Any) -> dict[str, Any]:
    return sign_presentation(
        [signed(issuer, credential(issuer))], holder=holder, now=timezone.now(), **options
    )


def verify_vp(client: Client, vp: Any, **options: Any) -> Any:
    body = {"verifiablePresentation": vp, "options": options}
    return call(client, "post", "/presentations/verify", body)


def test_presentations_verify_with_challenge_and_domain(client: Client) -> None:
    """VC 2.0 §4.13; Data Integrity §4.2 (authentication, challenge, domain)."""
    holder, issuer = Ed25519KeyPair.generate(), Issuer.did_key()
    vp = _presentation(holder, issuer, challenge="n-1", domain="hr.example")
    response = verify_vp(client, vp, challenge="n-1", domain="hr.example")
    assert response.status_code == 200, response.content
    assert "holder" in response.json()["checks"]
    replay = verify_vp(client, vp, challenge="n-2", domain="hr.example")
    assert replay.status_code == 422
    assert [e["code"] for e in replay.json()["errors"]] == ["proof_challenge_mismatch"]


def test_a_presentation_fails_when_a_credential_in_it_fails(client: Client) -> None:
    holder, issuer = Ed25519KeyPair.generate(), Issuer.did_key()
    expired = signed(issuer, credential(issuer, validUntil="2020-01-01T00:00:00Z"))
    vp = sign_presentation([expired], holder=holder, now=timezone.now())
    response = verify_vp(client, vp)
    assert response.status_code == 422
    assert "expired" in [e["code"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda vp: vp.pop("@context"), "context_missing"),
        (lambda vp: vp.update({"@context": ["https://www.w3.org/ns/credentials/examples/v2", V2]}),
         "context_order_invalid"),
        (lambda vp: vp.update(type=["Presentation"]), "presentation_type_invalid"),
        (lambda vp: vp.update(holder="not a url"), "presentation_holder_invalid"),
        (lambda vp: vp.update(verifiableCredential=["https://example.org/vc"]),
         "presentation_credential_invalid"),
        (lambda vp: vp.pop("proof"), "presentation_proof_missing"),
    ],
)  # fmt: skip
def test_malformed_presentations_are_422(client: Client, change: Any, code: str) -> None:
    """VC 2.0 §4.3, §4.13: context, type, holder and embedded credentials."""
    vp = copy.deepcopy(_presentation(Ed25519KeyPair.generate(), Issuer.did_key()))
    change(vp)
    response = verify_vp(client, vp)
    assert response.status_code == 422
    assert code in [e["code"] for e in response.json()["errors"]]


def test_a_presentation_without_holder_or_with_a_holder_object_verifies(client: Client) -> None:
    """VC 2.0 §4.13: holder is optional; if present a URL or an object with an id."""
    holder, issuer = Ed25519KeyPair.generate(), Issuer.did_key()
    vp = _presentation(holder, issuer)
    vp["holder"] = {"id": vp["holder"]}
    _resign(vp, holder)
    assert verify_vp(client, vp).status_code == 200
    del vp["holder"]
    _resign(vp, holder)
    assert verify_vp(client, vp).status_code == 200


def _resign(vp: dict[str, Any], holder: Ed25519KeyPair) -> None:
    base = unsecured(vp)
    proof = {k: v for k, v in vp["proof"].items() if k != "proofValue"}
    data = hash_data(
        base, proof_config(base, proof, EDDSA_RDFC_2022), EDDSA_RDFC_2022, pinned_loader()
    )
    vp["proof"] = {**proof, "proofValue": encode_multibase(holder.sign(data), "z")}


def test_api_verify_reports_a_presentation_in_full(client: Client) -> None:
    vp = _presentation(Ed25519KeyPair.generate(), Issuer.did_key())
    report = call(client, "post", "/api/verify", {"verifiableCredential": vp}).json()
    assert report["verified"] is True
    assert len(report["credentials"]) == 1
    assert report["holder"] == vp["holder"]


def test_a_credential_created_far_in_the_future_is_refused(client: Client) -> None:
    issuer = Issuer.did_key()
    future = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = signed(issuer, credential(issuer), created=future)
    assert verify(client, document).status_code == 422


def test_create_proof_still_signs_a_plain_credential(client: Client) -> None:
    issuer = Issuer.did_key()
    document = create_proof(
        credential(issuer),
        key=issuer.key,
        verification_method=issuer.method,
        created=timezone.now(),
        document_loader=pinned_loader(),
    )
    assert verify(client, document).status_code == 200
