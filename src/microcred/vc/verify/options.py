"""What a verifier asks of every proof: the VC-API's verification options, checked.

VC-API ``options`` arrive as untrusted JSON; this turns them into a typed value or a
precise refusal naming the option. ``checks`` names the checks a caller wants performed;
Microcred always runs its whole pipeline (decision 0003: strict, fail closed), so the
option is accepted when every name is one of the checks it performs and refused when it
asks for one it cannot do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred.vc.errors import VcError
from microcred.vc.verify.context import Run

#: The VC-API check names Microcred performs on every credential (and what it calls them).
KNOWN_CHECKS = frozenset(
    {
        "proof",
        "credentialStatus",
        "status",
        "validFrom",
        "validUntil",
        "expiration",
        "issuer",
        "credentialSchema",
        "schema",
        "contexts",
        "jsonld",
        "data_model",
    }
)
PURPOSES = frozenset({"assertionMethod", "authentication"})


class OptionError(VcError):
    """An option Microcred does not support, or one whose value is malformed."""


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    expected_proof_purpose: str = "assertionMethod"
    challenge: str | None = None
    domain: str | None = None
    checks: tuple[str, ...] = ()

    def apply(self, run: Run) -> None:
        run.expected_proof_purpose = self.expected_proof_purpose
        run.challenge, run.domain = self.challenge, self.domain


def _string(options: Mapping[str, Any], name: str) -> str | None:
    value = options.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise OptionError(f"options.{name} must be a non-empty string", code="option_invalid")
    return value


def _checks(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionError("options.checks must be a list of strings", code="option_invalid")
    unknown = sorted(set(value) - KNOWN_CHECKS)
    if unknown:
        raise OptionError(f"unsupported check: {', '.join(unknown)}", code="check_not_supported")
    return tuple(value)


def read_options(
    options: Mapping[str, Any], *, default_purpose: str, allowed: frozenset[str]
) -> VerifyOptions:
    """Typed options, or :class:`OptionError` naming the first option not supported."""
    unsupported = sorted(set(options) - allowed)
    if unsupported:
        raise OptionError(
            f"unsupported option: {', '.join(unsupported)}", code="option_not_supported"
        )
    purpose = _string(options, "expectedProofPurpose") or default_purpose
    if purpose not in PURPOSES:
        raise OptionError(
            f"expectedProofPurpose {purpose!r} is not supported", code="option_invalid"
        )
    return VerifyOptions(
        expected_proof_purpose=purpose,
        challenge=_string(options, "challenge"),
        domain=_string(options, "domain"),
        checks=_checks(options.get("checks")),
    )
