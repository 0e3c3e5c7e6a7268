"""Reading a signed trust list: verified like any credential, then read, never the reverse.

The list must verify (proof, issuer binding, dates, status if it has one) and be issued by
the body the caller expects: a perfectly signed list from anyone else is refused, since
following it would let its signer decide whom this verifier trusts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microcred.vc.errors import VcError
from microcred.vc.trustlist.reading import trust_list_of
from microcred.vc.verify.pipeline import verify_credential
from microcred.vc.verify.report import VerificationReport
from microcred.vc.verify.trust import TrustList

__all__ = ["TrustListError", "read_signed_trust_list"]


class TrustListError(VcError):
    """A trust list that may not be followed; ``report`` holds its verification if it ran."""

    code = "trust_list_refused"

    def __init__(
        self, message: str, *, code: str | None = None, report: VerificationReport | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.report = report


def read_signed_trust_list(
    data: bytes | str | Mapping[str, Any], *, expected_issuer: str, **options: Any
) -> TrustList:
    """The list in ``data`` if it verifies and ``expected_issuer`` signed it."""
    report = verify_credential(data, **options)
    if not report.verified or report.credential is None:
        reasons = "; ".join(f"{c.code}: {c.message('en')}" for c in report.failures)
        raise TrustListError(
            f"the trust list does not verify: {reasons}",
            code="trust_list_unverified",
            report=report,
        )
    trust_list = trust_list_of(report.credential)
    if trust_list.issuer != expected_issuer:
        raise TrustListError(
            f"the trust list is issued by {trust_list.issuer}, not by {expected_issuer}",
            code="trust_list_wrong_issuer",
            report=report,
        )
    return trust_list
