"""Verification: one pipeline, one report, for every credential format and every caller."""

from microcred.vc.verify.budget import DEFAULT_LIMITS, Budget, Limits
from microcred.vc.verify.context import ResourceLoader
from microcred.vc.verify.options import OptionError, VerifyOptions, read_options
from microcred.vc.verify.parse import Parsed, contains_nul, parse_input
from microcred.vc.verify.pipeline import DEFAULT_SKEW, verify_credential, verify_secured
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport
from microcred.vc.verify.trust import TrustedIssuer, TrustList, group_by_issuer

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_SKEW",
    "Budget",
    "Check",
    "CheckStatus",
    "Limits",
    "OptionError",
    "Parsed",
    "ResourceLoader",
    "TrustList",
    "TrustedIssuer",
    "VerificationReport",
    "VerifyOptions",
    "contains_nul",
    "group_by_issuer",
    "parse_input",
    "read_options",
    "verify_credential",
    "verify_secured",
]
