"""Signed trust lists: a quality-assurance body's recognitions as a verifiable credential.

``document`` builds the credential a body signs; ``reading`` turns a verified one back
into a :class:`~microcred.vc.verify.TrustList`. Verification itself (signature, issuer)
is :func:`~microcred.vc.verify.signed_trust_list.read_signed_trust_list`.
"""

from microcred.vc.trustlist.document import (
    TRUST_LIST_CONTEXT_URL,
    TRUST_LIST_TYPE,
    trust_list_context,
    trust_list_credential,
)
from microcred.vc.trustlist.reading import TrustListFormatError, trust_list_of

__all__ = [
    "TRUST_LIST_CONTEXT_URL",
    "TRUST_LIST_TYPE",
    "TrustListFormatError",
    "trust_list_context",
    "trust_list_credential",
    "trust_list_of",
]
