"""The learner's credentials as a W3C VC 2.0 Verifiable Presentation, signed by the holder.

The holder's DID is a ``did:key``: nothing to publish or host, so an export made today
still verifies when the wallet is long gone. Signing and verifying presentations is pure
and lives in the trust core (:mod:`microcred.vc.presentations`); this module is the
wallet's name for it.
"""

from __future__ import annotations

from microcred.vc.presentations import (
    AUTHENTICATION,
    ENVELOPED_TYPE,
    JWT_DATA_PREFIX,
    PRESENTATION_TYPE,
    PresentationReport,
    envelope,
    holder_did_key,
    holder_verification_method,
    sign_presentation,
    verify_presentation,
)

__all__ = [
    "AUTHENTICATION",
    "ENVELOPED_TYPE",
    "JWT_DATA_PREFIX",
    "PRESENTATION_TYPE",
    "PresentationReport",
    "envelope",
    "holder_did_key",
    "holder_verification_method",
    "sign_presentation",
    "verify_presentation",
]
