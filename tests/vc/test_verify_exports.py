"""The public surface of ``microcred.vc.verify``, the door the verification app and the CLI use."""

from __future__ import annotations

import microcred.vc.verify as verify

EXPORTED = {
    "DEFAULT_LIMITS", "DEFAULT_SKEW", "Budget", "Check", "CheckStatus", "Limits", "OptionError",
    "Parsed", "ResourceLoader", "TrustList", "TrustedIssuer", "VerificationReport",
    "VerifyOptions", "contains_nul", "group_by_issuer", "parse_input", "read_options",
    "verify_credential", "verify_secured",
}  # fmt: skip


def test_exported_names_are_pinned_and_exist() -> None:
    assert set(verify.__all__) == EXPORTED
    assert all(getattr(verify, name, None) is not None for name in EXPORTED)
