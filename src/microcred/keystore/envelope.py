"""The default key store: envelope encryption inside our own database.

Each private key (the 32-byte Ed25519 seed) is encrypted with its own random 256-bit data
key under AES-256-GCM; the data key is encrypted (wrapped) under the key-encryption key
(KEK) from ``MICROCRED_KEK``. Both encryptions carry associated data naming the
organisation and the key, so a sealed key copied onto another key's row, or another
organisation's, fails to open instead of signing in someone else's name. A database dump
without the KEK yields no key; rotating the KEK means re-wrapping 32-byte data keys only.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from microcred.keystore.base import KeyRef, SealedKey
from microcred.keystore.errors import KeyStoreError
from microcred.keystore.kek import Kek, KekSource, load_kek
from microcred.keystore.secret import SecretBytes
from microcred.vc import Ed25519KeyPair, Ed25519PublicKey

NONCE_LENGTH = 12
SEED_LENGTH = 32
_AAD_PREFIX = b"microcred/signing-key/v1"


def _aad(ref: KeyRef, part: bytes) -> bytes:
    """Associated data: what this ciphertext is, for which owner and which key."""
    return b"\x00".join([_AAD_PREFIX, part, ref.owner_id.encode(), ref.key_id.encode()])


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_LENGTH)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_LENGTH], sealed[NONCE_LENGTH:], aad)
    except (InvalidTag, ValueError):
        raise KeyStoreError(
            "the signing key could not be unsealed: it was altered, moved to another key's "
            "record, or sealed under another key-encryption key",
            code="keystore.key_unseal_failed",
        ) from None


class EnvelopeKeyStore:
    """Keys sealed into the ``SigningKey`` row itself; see the module docstring."""

    def __init__(self, kek: Kek) -> None:
        self._kek = kek

    @classmethod
    def from_settings(cls) -> EnvelopeKeyStore:
        """The store with the deployment's KEK (environment, or the development file)."""
        from django.conf import settings

        var_dir = Path(getattr(settings, "VAR_DIR", "var"))
        return cls(load_kek(os.environ, debug=bool(settings.DEBUG), var_dir=var_dir))

    @classmethod
    def with_kek(cls, secret: SecretBytes) -> EnvelopeKeyStore:
        return cls(Kek(secret, KekSource.GIVEN))

    @property
    def kek_id(self) -> str:
        return self._kek.kek_id

    def create(self, owner_id: str) -> KeyRef:
        seed = secrets.token_bytes(SEED_LENGTH)
        public = Ed25519KeyPair.from_private_bytes(seed).public
        ref = KeyRef(secrets.token_urlsafe(12), owner_id, public.multikey)
        data_key = AESGCM.generate_key(bit_length=256)
        sealed = SealedKey(
            kek_id=self.kek_id,
            wrapped_data_key=_seal(self._kek.secret.reveal(), data_key, _aad(ref, b"data-key")),
            sealed_seed=_seal(data_key, seed, _aad(ref, b"seed")),
        )
        return KeyRef(ref.key_id, ref.owner_id, ref.public_multikey, sealed)

    def public_key(self, ref: KeyRef) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_multikey(ref.public_multikey)

    def sign(self, ref: KeyRef, data: bytes) -> bytes:
        with self.signer(ref) as pair:
            return pair.sign(data)

    @contextmanager
    def signer(self, ref: KeyRef) -> Iterator[Ed25519KeyPair]:
        """The unsealed key pair for one block; the seed is dropped when it ends.

        (Python cannot wipe memory; we keep the plaintext's lifetime and reach short.)
        """
        seed = self._unseal(ref)
        pair = Ed25519KeyPair.from_private_bytes(seed.reveal())
        del seed
        if pair.public.multikey != ref.public_multikey:
            raise KeyStoreError(
                "the unsealed key does not match its public key", code="keystore.key_unseal_failed"
            )
        try:
            yield pair
        finally:
            del pair

    def _unseal(self, ref: KeyRef) -> SecretBytes:
        sealed = ref.sealed
        if sealed is None:
            raise KeyStoreError(
                f"key {ref.key_id} has no sealed private key here; it belongs to another store",
                code="keystore.mismatch",
            )
        if sealed.kek_id != self.kek_id:
            raise KeyStoreError(
                f"key {ref.key_id} was sealed under KEK {sealed.kek_id}, but the configured "
                f"KEK is {self.kek_id}",
                code="keystore.kek_mismatch",
            )
        data_key = _open(self._kek.secret.reveal(), sealed.wrapped_data_key, _aad(ref, b"data-key"))
        return SecretBytes(_open(data_key, sealed.sealed_seed, _aad(ref, b"seed")))

    def __repr__(self) -> str:
        return f"EnvelopeKeyStore(kek_id={self.kek_id}, source={self._kek.source})"

    __str__ = __repr__
