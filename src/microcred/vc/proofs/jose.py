"""VC-JOSE: a credential secured as a compact JWS (``application/vc+jwt``, EdDSA).

The payload *is* the credential (VC-JOSE-COSE 1.0, no ``vc`` claim wrapper). The header's
``kid`` names the verification method, which the verification pipeline resolves and binds
to the credential's issuer exactly as it does for Data Integrity proofs. We parse the
token ourselves before any crypto, so a truncated or hostile token yields a precise
error code rather than a library exception, and ``alg`` is pinned to EdDSA (no ``none``,
no algorithm confusion).
"""

from __future__ import annotations

import base64
import binascii
import json
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import OKPKey

from microcred.vc.errors import JsonInputError, ProofError
from microcred.vc.jsontext import read_json
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey

MEDIA_TYPE = "application/vc+jwt"
#: "EdDSA" is what deployed VC-JOSE verifiers accept; RFC 9864's fully-specified "Ed25519"
#: names the same algorithm for this key type, so both verify and "EdDSA" is what we sign.
ALGORITHMS = ("EdDSA", "Ed25519")
JWT_TYP = "vc+jwt"
MAX_TOKEN_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class JwtParts:
    header: Mapping[str, Any]
    payload: Mapping[str, Any]
    token: str


def _b64decode(segment: str, what: str) -> bytes:
    if not segment or "=" in segment:
        raise ProofError(f"the JWT {what} is empty or padded", code="jwt_malformed")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ProofError(f"the JWT {what} is not base64url", code="jwt_malformed") from exc


def _json_object(raw: bytes, what: str) -> dict[str, Any]:
    """The header or payload, read by the strict reader (a payload is a credential: the
    same depth, duplicate-key and surrogate rules as a pasted one)."""
    try:
        value = read_json(raw)
    except JsonInputError as exc:
        if exc.code == "json_malformed":
            raise ProofError(f"the JWT {what} is not JSON", code="jwt_malformed") from exc
        raise
    if not isinstance(value, dict):
        raise ProofError(f"the JWT {what} is not a JSON object", code="jwt_malformed")
    return value


def decode_jwt(token: str) -> JwtParts:
    """Split and decode a compact JWS without checking its signature.

    Raises :class:`ProofError` for a malformed token and :class:`JsonInputError` for a
    header or payload the strict reader refuses (too deep, duplicate keys, …).
    """
    token = token.strip()
    if len(token) > MAX_TOKEN_BYTES:
        raise ProofError("the JWT is larger than 1 MiB", code="jwt_malformed")
    parts = token.split(".")
    if len(parts) != 3:
        raise ProofError(
            f"a compact JWS has 3 parts separated by '.', this has {len(parts)}",
            code="jwt_malformed",
        )
    header = _json_object(_b64decode(parts[0], "header"), "header")
    payload = _json_object(_b64decode(parts[1], "payload"), "payload")
    signature = _b64decode(parts[2], "signature")
    if header.get("alg") not in ALGORITHMS:
        raise ProofError(
            f"JWT alg {header.get('alg')!r} is not EdDSA", code="proof_cryptosuite_unsupported"
        )
    if "crit" in header:
        raise ProofError("JWT 'crit' header parameters are not supported", code="jwt_malformed")
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise ProofError("the JWT header has no 'kid'", code="jwt_malformed")
    if len(signature) != 64:
        raise ProofError("the JWT signature is not 64 bytes", code="jwt_malformed")
    return JwtParts(header=header, payload=payload, token=token)


def _okp(jwk: Mapping[str, Any]) -> OKPKey:
    return OKPKey.import_key(dict(jwk))


@lru_cache(maxsize=256)
def _public_okp(public_key: Ed25519PublicKey) -> OKPKey:
    """joserfc's key object for a public key, built once per key (importing costs ~100 µs)."""
    return _okp(public_key.to_jwk())


@contextmanager
def _eddsa_allowed() -> Iterator[None]:
    """joserfc warns that RFC 9864 deprecates "EdDSA"; we use it knowingly (see ALGORITHMS)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)
        yield


def sign_jwt(
    credential: Mapping[str, Any], *, key: Ed25519KeyPair, verification_method: str
) -> str:
    """Secure ``credential`` as a compact ``vc+jwt``."""
    header = {"alg": "EdDSA", "kid": verification_method, "typ": JWT_TYP, "cty": "vc"}
    payload = json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    with _eddsa_allowed():
        return jws.serialize_compact(
            header, payload.encode("utf-8"), _okp(key.private_jwk()), algorithms=["EdDSA"]
        )


def verify_jwt_signature(parts: JwtParts, *, public_key: Ed25519PublicKey) -> bool:
    """True iff the JWS signature is valid for ``public_key``."""
    try:
        with _eddsa_allowed():
            jws.deserialize_compact(
                parts.token, _public_okp(public_key), algorithms=list(ALGORITHMS)
            )
    except JoseError:
        return False
    return True
