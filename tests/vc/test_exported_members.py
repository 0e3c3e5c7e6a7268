"""The trust core's public API changes only on purpose."""

from __future__ import annotations

from typing import get_origin

import microcred.vc

EXPECTED = {
    "as_list",
    "issuer_id",
    "language_values",
    "text_for",
    "HAS_PART",
    "binding_bytes",
    "binding_for",
    "bound_ids",
    "credential_id",
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
    "build_did_web_document",
    "did_key_for",
    "did_web_for",
    "did_web_to_url",
    "issue_credential",
    "pinned_loader",
    "read_status",
    "resolve_did_key",
    "status_entry",
    "status_list_credential",
    "verify_credential",
    "jcs",
    "remembered_canonical_forms",
    "Learner",
    "compose_credential",
    "pinned_bytes",
    "format_datetime",
    "parse_datetime",
    "JsonInputError",
    "SafeFetcher",
    "Format",
    "MAX_DEPTH",
    "read_json",
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
    "EDDSA_JCS_2022",
    "EDDSA_RDFC_2022",
    "TRUST_LIST_CONTEXT_URL",
    "trust_list_credential",
}


def test_exported_members_are_pinned() -> None:
    assert set(microcred.vc.__all__) == EXPECTED


def test_every_exported_member_exists_and_is_documented() -> None:
    for name in microcred.vc.__all__:
        member = getattr(microcred.vc, name)
        # classes and functions; constants and Literal aliases carry no docstring
        if callable(member) and get_origin(member) is None:
            assert member.__doc__, name
