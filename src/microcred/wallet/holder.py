"""The learner's holder key: an Ed25519 ``did:key`` the wallet signs presentations with.

The private half is sealed by the platform's key store (the same envelope encryption as
issuers' keys: a per-key data key under the KEK, associated data naming the owner), so a
database dump without the KEK holds no usable key. It is opened only for one ``with``
block, and never rendered, logged or exported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from microcred.accounts.models import User
from microcred.keystore import KeyRef, SealedKey, get_keystore
from microcred.vc import Ed25519KeyPair, Ed25519PublicKey, did_key_for
from microcred.wallet.models import HolderKey


def _owner_id(user: User) -> str:
    """The owner id the key store binds a holder key to (the one it was always sealed under)."""
    return f"holder-{user.pk}"


@transaction.atomic
def holder_key(user: User) -> HolderKey:
    """The user's holder key, made on first use."""
    existing = HolderKey.objects.select_for_update().filter(owner=user).first()
    if existing is not None:
        return existing
    ref = get_keystore().create(_owner_id(user))
    if ref.sealed is None:  # a store that keeps keys elsewhere cannot hold learners' keys yet
        raise RuntimeError("the configured key store does not return sealed keys")
    return HolderKey.objects.create(
        owner=user,
        key_id=ref.key_id,
        public_multikey=ref.public_multikey,
        kek_id=ref.sealed.kek_id,
        wrapped_data_key=ref.sealed.wrapped_data_key,
        sealed_seed=ref.sealed.sealed_seed,
    )


def _ref(key: HolderKey) -> KeyRef:
    sealed = SealedKey(key.kek_id, bytes(key.wrapped_data_key), bytes(key.sealed_seed))
    return KeyRef(key.key_id, _owner_id(key.owner), key.public_multikey, sealed)


def holder_did(key: HolderKey) -> str:
    return did_key_for(Ed25519PublicKey.from_multikey(key.public_multikey))


def verification_method(key: HolderKey) -> str:
    did = holder_did(key)
    return f"{did}#{did.removeprefix('did:key:')}"


@contextmanager
def holder_signer(user: User) -> Iterator[tuple[HolderKey, Ed25519KeyPair]]:
    """The opened key pair for one block (W2's presentation signer takes it as argument)."""
    key = holder_key(user)
    with get_keystore().signer(_ref(key)) as pair:
        yield key, pair
