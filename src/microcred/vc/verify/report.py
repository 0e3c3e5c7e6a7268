"""The verification report: the only thing a verifier ever returns.

A report is a frozen list of checks. Each check names *which rule* ran (``check``), the
*precise outcome* (``code``, stable and machine-readable, e.g. ``proof_signature_invalid``)
and a human message in English and Turkish. Pages, the API and the CLI render reports;
they never re-derive a verdict, so a verdict cannot differ between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from microcred.vc.verify.messages import render


class CheckStatus(StrEnum):
    """A check passed, failed, or did not apply (skipped is never a failure)."""

    PASSED = "passed"
    FAILED = "failed"
    #: The check could not apply (e.g. no ``credentialStatus`` to check); never a failure.
    SKIPPED = "skipped"
    #: The check did not pass, but it decides no validity: the issuer's recognition by a
    #: quality-assurance body (VC 2.0 calls this *validation*, the verifier's business
    #: rule, as opposed to verification). Callers word it beside a valid signature.
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Check:
    """One rule's outcome. ``params`` fill the message templates (dates, reasons, ids)."""

    check: str
    code: str
    status: CheckStatus
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Not a failure (a warning does not fail the credential either)."""
        return self.status is not CheckStatus.FAILED

    def message(self, lang: str = "en") -> str:
        return render(self.code, lang, self.params)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "check": self.check,
            "code": self.code,
            "status": str(self.status),
            "message": self.message(lang),
        }
        if self.params:
            out["params"] = dict(self.params)
        return out


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """The verdict on one credential: verified iff no check failed and at least one ran."""

    checks: tuple[Check, ...]
    #: The parsed credential when it could be parsed; for display only, never re-verified.
    credential: Mapping[str, Any] | None = None

    @property
    def verified(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def warnings(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is CheckStatus.WARNING)

    def find(self, check: str) -> Check | None:
        return next((c for c in self.checks if c.check == check), None)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "verified": self.verified,
            "checks": [c.to_json(lang) for c in self.checks],
        }
