"""Data Integrity proofs with the EdDSA cryptosuites (W3C vc-di-eddsa v1.0).

Both suites follow one shape — transform, hash, sign — and differ only in the transform:
``eddsa-rdfc-2022`` canonicalises the JSON-LD as RDF (RDFC-1.0), ``eddsa-jcs-2022`` as JSON
(RFC 8785). The hash input is always ``sha256(canonical proof config) ‖ sha256(canonical
document)``, so the proof's own options (creation date, key, purpose) are signed too.

Signing and verifying here are *cryptographic* operations only: which key may sign for
which issuer, and for what purpose, is decided by :mod:`microcred.vc.verify`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from microcred.vc.canon import canonicalize_jsonld, jcs
from microcred.vc.contexts import DocumentLoader
from microcred.vc.dates import format_datetime
from microcred.vc.errors import ProofError
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.multibase import decode_multibase, encode_multibase

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
EDDSA_JCS_2022 = "eddsa-jcs-2022"
CRYPTOSUITES = (EDDSA_RDFC_2022, EDDSA_JCS_2022)
PROOF_TYPE = "DataIntegrityProof"

Transform = Callable[[Mapping[str, Any], DocumentLoader], bytes]


def _rdfc(document: Mapping[str, Any], loader: DocumentLoader) -> bytes:
    return canonicalize_jsonld(document, document_loader=loader).encode("utf-8")


def _jcs(document: Mapping[str, Any], loader: DocumentLoader) -> bytes:
    return jcs(document)


_TRANSFORMS: dict[str, Transform] = {EDDSA_RDFC_2022: _rdfc, EDDSA_JCS_2022: _jcs}


def unsecured(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document without its ``proof`` (what the proof covers)."""
    return {k: v for k, v in document.items() if k != "proof"}


def proofs_of(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The document's proofs as a list (a single proof object or a proof set)."""
    proof = document.get("proof")
    if proof is None:
        return []
    if isinstance(proof, Mapping):
        return [proof]
    if isinstance(proof, list) and all(isinstance(p, Mapping) for p in proof):
        return list(proof)
    raise ProofError("'proof' must be an object or an array of objects", code="proof_malformed")


def proof_config(
    document: Mapping[str, Any], proof: Mapping[str, Any], cryptosuite: str
) -> dict[str, Any]:
    """The proof options that get signed: the proof minus its value.

    The suites differ here. eddsa-rdfc-2022 canonicalises the options as JSON-LD, so they
    are put in the document's context. eddsa-jcs-2022 signs the options' JSON exactly as
    the proof carries them — the proof itself holds the ``@context`` (see create_proof).
    A proof with its own ``@context`` must carry a prefix of the document's.
    """
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    context = document.get("@context")
    if "@context" in config:
        _check_context_prefix(context, config["@context"])
    elif cryptosuite == EDDSA_RDFC_2022 and context is not None:
        config["@context"] = context
    return config


def _check_context_prefix(doc_context: Any, proof_context: Any) -> None:
    """A proof that carries its own @context must carry a prefix of the document's."""
    doc_list = doc_context if isinstance(doc_context, list) else [doc_context]
    proof_list = proof_context if isinstance(proof_context, list) else [proof_context]
    if doc_list[: len(proof_list)] != proof_list:
        raise ProofError(
            "the proof's @context is not the start of the document's @context",
            code="proof_malformed",
        )


def hash_data(
    document: Mapping[str, Any],
    proof_config: Mapping[str, Any],
    cryptosuite: str,
    document_loader: DocumentLoader,
    *,
    canonical_document: bytes | None = None,
) -> bytes:
    """sha256(transform(proof config)) ‖ sha256(transform(document)) — the signed bytes.

    ``canonical_document`` lets a verifier that already canonicalised the document (to
    check its JSON-LD) skip doing it twice; it must be the transform of ``document``.
    """
    transform = _TRANSFORMS.get(cryptosuite)
    if transform is None:
        raise ProofError(
            f"unsupported cryptosuite {cryptosuite!r}", code="proof_cryptosuite_unsupported"
        )
    config_hash = hashlib.sha256(transform(proof_config, document_loader)).digest()
    if canonical_document is None:
        canonical_document = transform(document, document_loader)
    doc_hash = hashlib.sha256(canonical_document).digest()
    return config_hash + doc_hash


def create_proof(
    document: Mapping[str, Any],
    *,
    key: Ed25519KeyPair,
    verification_method: str,
    created: datetime,
    document_loader: DocumentLoader,
    cryptosuite: str = EDDSA_RDFC_2022,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Return a copy of ``document`` with a new Data Integrity proof attached."""
    base = unsecured(document)
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if cryptosuite == EDDSA_JCS_2022 and "@context" in base:
        proof["@context"] = base["@context"]  # vc-di-eddsa §3.3.1: the JCS proof carries it
    data = hash_data(base, proof_config(base, proof, cryptosuite), cryptosuite, document_loader)
    proof["proofValue"] = encode_multibase(key.sign(data), "z")
    secured = dict(base)
    secured["proof"] = proof
    return secured


def verify_proof(
    document: Mapping[str, Any],
    proof: Mapping[str, Any],
    *,
    public_key: Ed25519PublicKey,
    document_loader: DocumentLoader,
) -> bool:
    """True iff ``proof`` is a valid signature by ``public_key`` over ``document``.

    ``document`` may still carry its ``proof``; it is removed first. Raises
    :class:`ProofError` for a malformed proof, JSON-LD errors for a document that cannot
    be canonicalised; returns False only for a well-formed proof that does not verify.
    """
    cryptosuite = check_proof_shape(proof)
    signature = decode_proof_value(proof["proofValue"])
    base = unsecured(document)
    data = hash_data(base, proof_config(base, proof, cryptosuite), cryptosuite, document_loader)
    return public_key.verify(signature, data)


def check_proof_shape(proof: Mapping[str, Any]) -> str:
    """Validate the proof's required members; return its cryptosuite."""
    if proof.get("type") != PROOF_TYPE:
        raise ProofError(
            f"proof type {proof.get('type')!r} is not {PROOF_TYPE}",
            code="proof_cryptosuite_unsupported",
        )
    cryptosuite = proof.get("cryptosuite")
    if cryptosuite not in CRYPTOSUITES:
        raise ProofError(
            f"cryptosuite {cryptosuite!r} is not supported", code="proof_cryptosuite_unsupported"
        )
    for member in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(member), str) or not proof[member]:
            raise ProofError(f"proof.{member} is missing or not a string", code="proof_malformed")
    return str(cryptosuite)


def decode_proof_value(value: str) -> bytes:
    """A base58btc multibase Ed25519 signature (64 bytes)."""
    if not value.startswith("z"):
        raise ProofError("proofValue must be base58btc multibase ('z…')", code="proof_malformed")
    try:
        signature = decode_multibase(value)
    except Exception as exc:  # the multibase module raises KeyFormatError
        raise ProofError(
            f"proofValue is not valid base58btc: {exc}", code="proof_malformed"
        ) from exc
    if len(signature) != 64:
        raise ProofError(
            f"proofValue decodes to {len(signature)} bytes, not 64", code="proof_malformed"
        )
    return signature
