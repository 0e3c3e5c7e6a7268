"""Microcred's trust core: issue and verify Open Badges 3.0 / VC 2.0 micro-credentials.

Pure: no Django, no network, no hidden clock (see README.md beside this file). The names
below are the supported public API; the topic modules hold the rest.
"""

from microcred.vc.bindings import HAS_PART, binding_bytes, binding_for, bound_ids, credential_id
from microcred.vc.canon import jcs
from microcred.vc.canon.memo import remembered_canonical_forms
from microcred.vc.compose import Learner, compose_credential
from microcred.vc.contexts import OB_CONTEXT, VC_V2, DocumentLoader, pinned_loader
from microcred.vc.contexts.integrity import pinned_bytes
from microcred.vc.dates import format_datetime, parse_datetime
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
    JsonInputError,
    JsonLdError,
    KeyFormatError,
    ProofError,
    SchemaError,
    StatusListError,
    VcError,
)
from microcred.vc.fetcher import SafeFetcher
from microcred.vc.fields import as_list, issuer_id, language_values, text_for
from microcred.vc.issue import FORMATS, Format, IssuanceError, issue_credential
from microcred.vc.jsontext import MAX_DEPTH, read_json
from microcred.vc.keys import Ed25519KeyPair, Ed25519PublicKey
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
from microcred.vc.proofs import EDDSA_JCS_2022, EDDSA_RDFC_2022
from microcred.vc.status import (
    BitstringStatusList,
    read_status,
    status_entry,
    status_list_credential,
)
from microcred.vc.trustlist import TRUST_LIST_CONTEXT_URL, trust_list_credential
from microcred.vc.verify import (
    Check,
    CheckStatus,
    TrustedIssuer,
    TrustList,
    VerificationReport,
    verify_credential,
)

__all__ = [
    "AUTHENTICATION",
    "EDDSA_JCS_2022",
    "EDDSA_RDFC_2022",
    "ENVELOPED_TYPE",
    "FORMATS",
    "HAS_PART",
    "JWT_DATA_PREFIX",
    "MAX_DEPTH",
    "OB_CONTEXT",
    "PRESENTATION_TYPE",
    "TRUST_LIST_CONTEXT_URL",
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
    "Format",
    "IssuanceError",
    "JsonInputError",
    "JsonLdError",
    "KeyFormatError",
    "Learner",
    "PresentationReport",
    "ProofError",
    "SafeFetcher",
    "SchemaError",
    "StatusListError",
    "TrustList",
    "TrustedIssuer",
    "VcError",
    "VerificationMethod",
    "VerificationReport",
    "as_list",
    "binding_bytes",
    "binding_for",
    "bound_ids",
    "build_did_web_document",
    "compose_credential",
    "credential_id",
    "did_key_for",
    "did_web_for",
    "did_web_to_url",
    "envelope",
    "format_datetime",
    "holder_did_key",
    "holder_verification_method",
    "issue_credential",
    "issuer_id",
    "jcs",
    "language_values",
    "parse_datetime",
    "pinned_bytes",
    "pinned_loader",
    "read_json",
    "read_status",
    "remembered_canonical_forms",
    "resolve_did_key",
    "sign_presentation",
    "status_entry",
    "status_list_credential",
    "text_for",
    "trust_list_credential",
    "verify_credential",
    "verify_presentation",
]
