"""Microcred's trust core: issue and verify Open Badges 3.0 / VC 2.0 micro-credentials.

Pure: no Django, no network, no hidden clock (see README.md beside this file). The names
below are the supported public API; the topic modules hold the rest.
"""

from microcred.vc.contexts import OB_CONTEXT, VC_V2, DocumentLoader, pinned_loader
from microcred.vc.did import (
    DidResolver,
    Fetcher,
    VerificationMethod,
    build_did_web_document,
    did_key_for,
    did_web_for,
    did_web_to_url,
    resolve_did_key,
)
from microcred.vc.errors import (
    CanonicalizationError,
    DidError,
    DocumentLoadError,
    JsonLdError,
    KeyFormatError,
    ProofError,
    SchemaError,
    StatusListError,
    VcError,
)
from microcred.vc.fields import as_list, issuer_id, language_values, text_for
from microcred.vc.issue import FORMATS, IssuanceError, issue_credential
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
from microcred.vc.status import (
    BitstringStatusList,
    read_status,
    status_entry,
    status_list_credential,
)
from microcred.vc.verify import (
    Check,
    CheckStatus,
    TrustedIssuer,
    TrustList,
    VerificationReport,
    verify_credential,
)

__all__ = [
    "FORMATS",
    "OB_CONTEXT",
    "VC_V2",
    "BitstringStatusList",
    "CanonicalizationError",
    "Check",
    "CheckStatus",
    "DidError",
    "DidResolver",
    "DocumentLoadError",
    "DocumentLoader",
    "Ed25519KeyPair",
    "Ed25519PublicKey",
    "Fetcher",
    "IssuanceError",
    "JsonLdError",
    "KeyFormatError",
    "ProofError",
    "SchemaError",
    "StatusListError",
    "TrustList",
    "TrustedIssuer",
    "VcError",
    "VerificationMethod",
    "VerificationReport",
    "as_list",
    "build_did_web_document",
    "did_key_for",
    "did_web_for",
    "did_web_to_url",
    "issue_credential",
    "issuer_id",
    "language_values",
    "pinned_loader",
    "read_status",
    "resolve_did_key",
    "status_entry",
    "status_list_credential",
    "text_for",
    "verify_credential",
]
