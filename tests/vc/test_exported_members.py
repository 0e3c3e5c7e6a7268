"""The trust core's public API changes only on purpose."""

from __future__ import annotations

import microcred.vc

EXPECTED = {
    "as_list",
    "issuer_id",
    "language_values",
    "text_for",
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
}


def test_exported_members_are_pinned() -> None:
    assert set(microcred.vc.__all__) == EXPECTED


def test_every_exported_member_exists_and_is_documented() -> None:
    for name in microcred.vc.__all__:
        member = getattr(microcred.vc, name)
        if callable(member):  # classes and functions; constants carry no docstring
            assert member.__doc__, name
