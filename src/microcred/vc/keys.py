"""Ed25519 keys and their two public spellings: Multikey (``z6Mk…``) and JWK (OKP).

The `cryptography` key objects are built once per key and kept: signing and verifying
are the hot path of issuance and verification, and rebuilding a key object costs more
than the signature itself. A key pair never shows its secret in ``repr``/``str``, so it
cannot leak into logs, tracebacks or error reports by accident.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey as _CryptoPrivateKey,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PublicKey as _CryptoPublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from microcred.vc.errors import KeyFormatError
from microcred.vc.multibase import (
    ED25519_PRIV,
    ED25519_PUB,
    MULTICODEC_NAMES,
    b64url_decode,
    b64url_encode,
    decode_multibase,
    encode_multibase,
    prefix_multicodec,
    split_multicodec,
)

__all__ = ["KEY_FILE_TYPE", "Ed25519KeyPair", "Ed25519PublicKey"]

KEY_LENGTH = 32
SIGNATURE_LENGTH = 64
KEY_FILE_TYPE = "Multikey"


def _check_length(raw: bytes, what: str) -> None:
    if len(raw) != KEY_LENGTH:
        raise KeyFormatError(
            f"an Ed25519 {what} is {KEY_LENGTH} bytes, this one is {len(raw)}",
            code="key_length_invalid",
        )


def _decode_multikey(value: str, expected_codec: int, what: str) -> bytes:
    """The raw key inside a multibase+multicodec value, after checking its codec."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise KeyFormatError(
            f"a Multikey {what} must be a base58btc multibase string ('z…')",
            code="multibase_invalid",
        )
    codec, raw = split_multicodec(decode_multibase(value))
    if codec != expected_codec:
        name = MULTICODEC_NAMES.get(codec, f"0x{codec:x}")
        raise KeyFormatError(
            f"expected an Ed25519 {what} (multicodec "
            f"{MULTICODEC_NAMES[expected_codec]}), got {name}",
            code="key_type_unsupported",
        )
    _check_length(raw, what)
    return raw


def _jwk_member(jwk: Mapping[str, Any], name: str, what: str) -> bytes:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise KeyFormatError(f"the JWK has no string {name!r} member", code="jwk_invalid")
    raw = b64url_decode(value)
    _check_length(raw, what)
    return raw


def _check_okp(jwk: Mapping[str, Any]) -> None:
    if not isinstance(jwk, Mapping):
        raise KeyFormatError("a JWK must be a JSON object", code="jwk_invalid")
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise KeyFormatError(
            f"expected an Ed25519 JWK (kty OKP, crv Ed25519), got kty={jwk.get('kty')!r} "
            f"crv={jwk.get('crv')!r}",
            code="key_type_unsupported",
        )


@dataclass(frozen=True, slots=True)
class Ed25519PublicKey:
    """An Ed25519 public key (32 raw bytes), comparable and hashable by value."""

    raw: bytes
    _key: _CryptoPublicKey = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.raw, bytes):
            raise TypeError("raw must be bytes")
        _check_length(self.raw, "public key")
        try:
            key = _CryptoPublicKey.from_public_bytes(self.raw)
        except ValueError as exc:  # pragma: no cover - any 32 bytes load today
            raise KeyFormatError(str(exc), code="key_format_invalid") from exc
        object.__setattr__(self, "_key", key)

    @classmethod
    def from_multikey(cls, value: str) -> Ed25519PublicKey:
        """From ``z6Mk…``: base58btc(0xed 0x01 ‖ key).

        Remembered per value (keys are immutable): a verifier meets the same few issuer
        keys over and over, and decoding one costs a fifth of checking a signature.
        """
        return _public_key_from_multikey(value)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> Ed25519PublicKey:
        """From a public OKP JWK; one carrying private material is refused, not trimmed."""
        _check_okp(jwk)
        if "d" in jwk:
            raise KeyFormatError(
                "a public key JWK must not contain the private key ('d')",
                code="jwk_private_key_exposed",
            )
        return cls(_jwk_member(jwk, "x", "public key"))

    @property
    def multikey(self) -> str:
        """``z6Mk…``: how Multikey verification methods and did:key spell this key."""
        return encode_multibase(prefix_multicodec(ED25519_PUB, self.raw), "z")

    def to_jwk(self) -> dict[str, str]:
        """The public OKP JWK (RFC 8037), as JsonWebKey methods and JOSE libraries want it."""
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(self.raw)}

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True iff ``signature`` is valid; a bad or mis-sized signature is just False."""
        if len(signature) != 64:
            return False
        try:
            self._key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def __repr__(self) -> str:
        return f"Ed25519PublicKey({self.multikey})"


class Ed25519KeyPair:
    """An Ed25519 signing key. Build it with one of the class methods."""

    __slots__ = ("_key", "_seed", "public")

    def __init__(self, private: _CryptoPrivateKey) -> None:
        self._key = private
        self._seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        raw_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.public = Ed25519PublicKey(raw_public)

    @classmethod
    def generate(cls) -> Ed25519KeyPair:
        """A fresh key from the operating system's CSPRNG."""
        return cls(_CryptoPrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, seed: bytes) -> Ed25519KeyPair:
        """From the 32-byte seed (RFC 8032's "private key")."""
        _check_length(seed, "private key")
        return cls(_CryptoPrivateKey.from_private_bytes(seed))

    @classmethod
    def from_secret_multikey(cls, value: str) -> Ed25519KeyPair:
        """From ``z3u2…``: base58btc(0x80 0x26 ‖ seed)."""
        return cls.from_private_bytes(_decode_multikey(value, ED25519_PRIV, "private key"))

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> Ed25519KeyPair:
        """From a private OKP JWK; its ``x``, if present, must belong to its ``d``."""
        _check_okp(jwk)
        pair = cls.from_private_bytes(_jwk_member(jwk, "d", "private key"))
        if "x" in jwk and _jwk_member(jwk, "x", "public key") != pair.public.raw:
            raise KeyFormatError("the JWK's 'x' does not match its 'd'", code="key_mismatch")
        return pair

    @property
    def secret_multikey(self) -> str:
        """``z3u2…``: the seed as a multibase value. Secret: store it, never show it."""
        return encode_multibase(prefix_multicodec(ED25519_PRIV, self._seed), "z")

    def private_jwk(self) -> dict[str, str]:
        """The private OKP JWK (with ``d``), for JOSE signing. Secret."""
        return {**self.public.to_jwk(), "d": b64url_encode(self._seed)}

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature (deterministic: same key and message, same bytes)."""
        return self._key.sign(message)

    def to_file_json(self, *, id: str | None = None) -> dict[str, str]:
        """The key file: a Multikey with its secret; ``id`` names it, if given."""
        data = {"type": KEY_FILE_TYPE}
        if id is not None:
            data["id"] = id
        data["publicKeyMultibase"] = self.public.multikey
        data["secretKeyMultibase"] = self.secret_multikey
        return data

    @classmethod
    def from_file_json(cls, data: Mapping[str, Any]) -> Ed25519KeyPair:
        """Read a key file; its public key, if present, must match the secret one."""
        if not isinstance(data, Mapping) or data.get("type") != KEY_FILE_TYPE:
            raise KeyFormatError(
                f'a key file is a JSON object with "type": "{KEY_FILE_TYPE}"',
                code="key_file_invalid",
            )
        secret = data.get("secretKeyMultibase")
        if not isinstance(secret, str):
            raise KeyFormatError("the key file has no secretKeyMultibase", code="key_file_invalid")
        pair = cls.from_secret_multikey(secret)
        public = data.get("publicKeyMultibase")
        if public is not None and public != pair.public.multikey:
            raise KeyFormatError(
                "the key file's publicKeyMultibase does not match its secret key",
                code="key_mismatch",
            )
        return pair

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ed25519KeyPair):
            return NotImplemented
        return hmac.compare_digest(self._seed, other._seed)

    def __hash__(self) -> int:
        return hash(self.public)

    def __repr__(self) -> str:
        return f"Ed25519KeyPair(public={self.public.multikey}, secret=<hidden>)"

    __str__ = __repr__


@lru_cache(maxsize=1024)
def _public_key_from_multikey(value: str) -> Ed25519PublicKey:
    return Ed25519PublicKey(_decode_multikey(value, ED25519_PUB, "public key"))
