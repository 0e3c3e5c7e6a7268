"""The seam between signing and where private keys live (a database envelope, a KMS, an HSM).

The rest of the platform holds a :class:`KeyRef` — which key, whose, and its public half —
and asks the configured :class:`KeyStore` to sign. Nothing outside a store ever handles a
private key, except for the length of one ``signer()`` block when the trust core needs a key
pair object (JOSE signing wants the private JWK).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import NoReturn, Protocol, runtime_checkable

from microcred.keystore.errors import KeyStoreError
from microcred.vc import Ed25519KeyPair, Ed25519PublicKey


@dataclass(frozen=True, slots=True)
class SealedKey:
    """A private key at rest: the seed under a data key, the data key under the KEK.

    Both values are ciphertext, yet they stay out of ``repr``: a wrapped key is still key
    material, and logs are copied to places the KEK is not.
    """

    kek_id: str
    wrapped_data_key: bytes = field(repr=False)
    sealed_seed: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class KeyRef:
    """Which key: its id, its owner's id, its public key, and (for stores that keep it in
    our database) its sealed private half.

    ``owner_id`` names whose key it is, and the envelope store binds it into the ciphertext
    (a sealed key copied onto another owner's row fails to open). The values are the ones
    keys have always been sealed under, so existing keys keep opening: an organisation's
    ``public_id`` for its signing keys, ``holder-<user pk>`` for a learner's holder key.
    """

    key_id: str
    owner_id: str
    public_multikey: str
    sealed: SealedKey | None = field(default=None, repr=False)


@runtime_checkable
class KeyStore(Protocol):
    """Where private keys live. ``MICROCRED_KEYSTORE`` names the implementation."""

    def create(self, owner_id: str) -> KeyRef:
        """A new Ed25519 key for ``owner_id``; the caller stores the returned reference."""
        ...

    def public_key(self, ref: KeyRef) -> Ed25519PublicKey: ...

    def sign(self, ref: KeyRef, data: bytes) -> bytes:
        """The Ed25519 signature of ``data``."""
        ...

    def signer(self, ref: KeyRef) -> AbstractContextManager[Ed25519KeyPair]:
        """A key pair the trust core can sign with, valid for one ``with`` block."""
        ...


class DelegatingKeyPair(Ed25519KeyPair):
    """An :class:`Ed25519KeyPair` whose signatures come from a store that never exports
    the key (a KMS or HSM). Data Integrity proofs only call ``sign``, so they work; JOSE
    signing asks for the private JWK and is refused with a clear error.
    """

    __slots__ = ("_ref", "_store")

    def __init__(self, store: KeyStore, ref: KeyRef) -> None:  # no super(): no private key
        self._store = store
        self._ref = ref
        self.public = store.public_key(ref)

    def sign(self, message: bytes) -> bytes:
        return self._store.sign(self._ref, message)

    def private_jwk(self) -> dict[str, str]:
        self._refuse()

    @property
    def secret_multikey(self) -> str:
        self._refuse()

    def to_file_json(self, *, id: str | None = None) -> dict[str, str]:
        self._refuse()

    def _refuse(self) -> NoReturn:
        raise KeyStoreError(
            "this key store does not export private keys; sign with a Data Integrity "
            "cryptosuite instead of JOSE",
            code="keystore.private_key_not_exportable",
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DelegatingKeyPair):
            return NotImplemented
        return self._ref.key_id == other._ref.key_id

    def __hash__(self) -> int:
        return hash(self._ref.key_id)

    def __repr__(self) -> str:
        return f"DelegatingKeyPair(public={self.public.multikey}, key_id={self._ref.key_id})"

    __str__ = __repr__


@contextmanager
def delegating_signer(store: KeyStore, ref: KeyRef) -> Iterator[Ed25519KeyPair]:
    """``signer()`` for stores that can only ``sign``: the key never leaves the store."""
    yield DelegatingKeyPair(store, ref)
