"""Private signing keys behind one seam: :class:`KeyStore` (envelope encryption by default).

Infrastructure, not a domain: keys are keyed by an *owner id* (an organisation's public id,
a learner's ``holder-<pk>``), so organisations and the wallet use the same store without it
knowing either. It sits below every app that holds keys (``pyproject.toml``'s layers) and
uses only ``infra`` and the trust core's key types.
"""

from microcred.keystore.base import (
    DelegatingKeyPair,
    KeyRef,
    KeyStore,
    SealedKey,
    delegating_signer,
)
from microcred.keystore.config import DEFAULT_KEYSTORE, get_keystore, keystore_path
from microcred.keystore.envelope import EnvelopeKeyStore
from microcred.keystore.errors import KeyStoreError
from microcred.keystore.kek import Kek, KekSource, generate_kek_text, parse_kek
from microcred.keystore.secret import SecretBytes

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
