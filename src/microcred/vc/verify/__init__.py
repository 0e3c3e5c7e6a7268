"""Verification: one pipeline, one report, for every credential format and every caller."""

from microcred.vc.verify.pipeline import DEFAULT_SKEW, verify_credential
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport
from microcred.vc.verify.trust import TrustedIssuer, TrustList

__all__ = [
    "DEFAULT_SKEW",
    "Check",
    "CheckStatus",
    "TrustList",
    "TrustedIssuer",
    "VerificationReport",
    "verify_credential",
]
