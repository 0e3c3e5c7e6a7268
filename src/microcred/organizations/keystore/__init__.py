"""Private signing keys behind one seam: :class:`KeyStore` (envelope encryption by default)."""

from microcred.organizations.keystore.base import (
    DelegatingKeyPair,
    KeyRef,
    KeyStore,
    SealedKey,
    delegating_signer,
)
from microcred.organizations.keystore.config import DEFAULT_KEYSTORE, get_keystore, keystore_path
from microcred.organizations.keystore.envelope import EnvelopeKeyStore
from microcred.organizations.keystore.errors import KeyStoreError
from microcred.organizations.keystore.kek import Kek, KekSource, generate_kek_text, parse_kek
from microcred.organizations.keystore.secret import SecretBytes

__all__ = [
    "DEFAULT_KEYSTORE",
    "DelegatingKeyPair",
    "EnvelopeKeyStore",
    "Kek",
    "KekSource",
    "KeyRef",
    "KeyStore",
    "KeyStoreError",
    "SealedKey",
    "SecretBytes",
    "delegating_signer",
    "generate_kek_text",
    "get_keystore",
    "keystore_path",
    "parse_kek",
]
