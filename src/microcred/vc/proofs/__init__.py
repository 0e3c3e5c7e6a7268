"""Proofs: Data Integrity (eddsa-rdfc-2022, eddsa-jcs-2022) and VC-JOSE (vc+jwt, EdDSA)."""

from microcred.vc.proofs.dataintegrity import (
    CRYPTOSUITES,
    EDDSA_JCS_2022,
    EDDSA_RDFC_2022,
    create_proof,
    hash_data,
    proof_config,
    proofs_of,
    unsecured,
    verify_proof,
)
from microcred.vc.proofs.jose import JwtParts, decode_jwt, sign_jwt, verify_jwt_signature

__all__ = [
    "CRYPTOSUITES",
    "EDDSA_JCS_2022",
    "EDDSA_RDFC_2022",
    "JwtParts",
    "create_proof",
    "decode_jwt",
    "hash_data",
    "proof_config",
    "proofs_of",
    "sign_jwt",
    "unsecured",
    "verify_jwt_signature",
    "verify_proof",
]
