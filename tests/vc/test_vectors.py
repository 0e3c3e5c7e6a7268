"""Conformance: every official vector answers as tests/vectors/manifest.json says.

Also checks the intermediate values (canonical N-Quads, hashes, signature, proofValue) so a
failure points at the step that broke rather than only at the final verdict.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.vc.canon import canonicalize_jsonld
from microcred.vc.contexts import pinned_loader
from microcred.vc.keys import Ed25519KeyPair
from microcred.vc.proofs import create_proof, proof_config, unsecured
from microcred.vc.verify import verify_credential

from .conftest import VECTORS, load_vector

MANIFEST = load_vector("manifest.json")["entries"]
RDFC_DIR = "w3c-vc-di-eddsa/eddsa-rdfc-2022"


@pytest.mark.parametrize(
    "entry", MANIFEST, ids=[f"{e['file']}:{e['check']}:{e['expect']}" for e in MANIFEST]
)
def test_manifest_entry(entry: dict[str, str]) -> None:
    raw = (VECTORS / entry["file"]).read_bytes()
    documents = load_vector(entry["documents"]) if "documents" in entry else {}
    now = (
        datetime.fromisoformat(entry["now"]) if "now" in entry else datetime(2026, 1, 1, tzinfo=UTC)
    )
    report = verify_credential(
        raw,
        now=now,
        documents=documents,
        scope="proof" if entry["check"] == "proof" else "credential",
    )
    failures = [(c.code, c.message()) for c in report.failures]
    assert report.verified is (entry["expect"] == "verify"), (entry["reason"], failures)


def test_credential_failures_name_the_broken_link() -> None:
    """The W3C vectors fail as credentials *because* the issuer does not hold the key."""
    raw = (VECTORS / RDFC_DIR / "signedDataInt.json").read_bytes()
    report = verify_credential(raw, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert [c.code for c in report.failures] == ["issuer_mismatch"]
    ob = (VECTORS / "1edtech-ob30/linked-data-proof-ob-signed.json").read_bytes()
    offline = verify_credential(ob, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert [c.code for c in offline.failures] == ["verification_method_unresolvable"]


def test_w3c_rdfc_intermediate_values() -> None:
    loader = pinned_loader()
    unsigned = load_vector("w3c-vc-di-eddsa/unsigned.json")
    config = load_vector(f"{RDFC_DIR}/proofConfigDataInt.json")
    canon_doc = canonicalize_jsonld(unsigned, document_loader=loader)
    assert canon_doc == (VECTORS / RDFC_DIR / "canonDocDataInt.txt").read_text("utf-8")
    canon_proof = canonicalize_jsonld(config, document_loader=loader)
    assert canon_proof == (VECTORS / RDFC_DIR / "proofCanonDataInt.txt").read_text("utf-8")


def test_w3c_rdfc_resigning_reproduces_proof_value() -> None:
    """Ed25519 is deterministic: same key, same options, same bytes → same proofValue."""
    pair = load_vector("w3c-vc-di-eddsa/keyPair.json")
    key = Ed25519KeyPair.from_secret_multikey(pair["privateKeyMultibase"])
    signed = load_vector(f"{RDFC_DIR}/signedDataInt.json")
    config = signed["proof"]
    resigned = create_proof(
        load_vector("w3c-vc-di-eddsa/unsigned.json"),
        key=key,
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
        document_loader=pinned_loader(),
    )
    assert resigned["proof"]["proofValue"] == config["proofValue"]
    sig_hex = (VECTORS / RDFC_DIR / "sigHexDataInt.txt").read_text().strip()
    assert key.sign(_hash_data(signed)).hex() == sig_hex


def _hash_data(signed: dict[str, Any]) -> bytes:
    loader = pinned_loader()
    base = unsecured(signed)
    config = proof_config(base, signed["proof"], "eddsa-rdfc-2022")
    return (
        hashlib.sha256(canonicalize_jsonld(config, document_loader=loader).encode()).digest()
        + hashlib.sha256(canonicalize_jsonld(base, document_loader=loader).encode()).digest()
    )


def test_1edtech_ob30_intermediate_values() -> None:
    loader = pinned_loader()
    signed = load_vector("1edtech-ob30/linked-data-proof-ob-signed.json")
    pair = load_vector("1edtech-ob30/keypair.json")
    base = unsecured(signed)
    canon_doc = canonicalize_jsonld(base, document_loader=loader)
    assert canon_doc == (VECTORS / "1edtech-ob30/document-canon.txt").read_text("utf-8")
    config = proof_config(base, signed["proof"], "eddsa-rdfc-2022")
    canon_proof = canonicalize_jsonld(config, document_loader=loader)
    assert canon_proof == (VECTORS / "1edtech-ob30/proof-canon.txt").read_text("utf-8")
    assert hashlib.sha256(canon_doc.encode()).hexdigest() == pair["documentHashHex"]
    assert hashlib.sha256(canon_proof.encode()).hexdigest() == pair["proofHashHex"]
    key = Ed25519KeyPair.from_private_bytes(bytes.fromhex(pair["privateKeyHex"])[:32])
    assert key.public.multikey == pair["publicKeyMultibase"]
    signature = key.sign(_hash_data(signed))
    assert signature.hex() == pair["signatureHex"]
    resigned = create_proof(
        base,
        key=key,
        verification_method=pair["verificationMethod"],
        created=datetime.fromisoformat(pair["proofCreated"]),
        document_loader=loader,
    )
    assert resigned["proof"]["proofValue"] == pair["proofValue"]
