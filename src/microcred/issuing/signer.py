"""What issuing needs from an organisation's signing key — a seam, not an implementation.

The organisations app provides it (keys held in a KeyStore, encrypted at rest); tests and
tools may pass any object with these members. ``documents`` holds the issuer's own DID
document so that the self-check after signing resolves offline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from microcred.vc import Ed25519KeyPair


class IssuerSigner(Protocol):
    @property
    def did(self) -> str: ...

    @property
    def verification_method(self) -> str: ...

    @property
    def key(self) -> Ed25519KeyPair: ...

    @property
    def documents(self) -> Mapping[str, Any]: ...

    def under(self, did: str, document: dict[str, Any]) -> IssuerSigner:
        """The same key signing as another DID of the issuer (listing the same keys)."""
        ...
