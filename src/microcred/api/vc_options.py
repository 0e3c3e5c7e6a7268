"""The VC-API's ``options`` on issue: read, checked, and refused by name when unsupported.

Supported: ``credentialId`` (the record's name; equal to the credential's ``id`` if both
are given), ``cryptosuite`` (``eddsa-rdfc-2022``, the default, or ``eddsa-jcs-2022``) and
``credentialStatus`` (which status entries to allocate: a ``BitstringStatusListEntry``
with a ``statusPurpose``, or a list of them; both revocation and suspension by default).
Everything else (``created``, ``challenge``, ``domain``, ``mandatoryPointers``…) is refused
with ``option_not_supported`` naming it, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from microcred.api.errors import ApiError
from microcred.issuing.models import StatusPurpose
from microcred.vc import EDDSA_JCS_2022, EDDSA_RDFC_2022, Format

ISSUE_OPTIONS = frozenset({"credentialId", "cryptosuite", "credentialStatus"})
CRYPTOSUITES: dict[str, Format] = {EDDSA_RDFC_2022: "di-rdfc", EDDSA_JCS_2022: "di-jcs"}
STATUS_TYPES = frozenset({"BitstringStatusListEntry", "BitstringStatusList"})


BOTH_PURPOSES: tuple[str, ...] = (StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION)


@dataclass(frozen=True, slots=True)
class IssueOptions:
    credential_id: Any = None
    format: Format = "di-rdfc"
    purposes: tuple[str, ...] = BOTH_PURPOSES


def unsupported(names: set[str]) -> ApiError:
    return ApiError(
        400,
        "api.option_not_supported",
        _("Unsupported options: %(names)s.") % {"names": ", ".join(sorted(names))},
    )


def _purposes(value: Any) -> tuple[str, ...]:
    entries = value if isinstance(value, list) else [value]
    purposes: list[str] = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") not in STATUS_TYPES:
            raise ApiError(
                400,
                "api.status_type_not_supported",
                _("options.credentialStatus entries must be of type BitstringStatusListEntry."),
            )
        purpose = entry.get("statusPurpose")
        if purpose not in StatusPurpose.values:
            raise ApiError(
                400,
                "api.status_purpose_not_supported",
                _("The status purpose must be “revocation” or “suspension”."),
            )
        if purpose not in purposes:
            purposes.append(purpose)
    if not purposes:
        raise ApiError(400, "api.status_missing", _("options.credentialStatus names no status."))
    return tuple(purposes)


def read_issue_options(options: dict[str, Any]) -> IssueOptions:
    extra = set(options) - ISSUE_OPTIONS
    if extra:
        raise unsupported(extra)
    suite = options.get("cryptosuite", EDDSA_RDFC_2022)
    if suite not in CRYPTOSUITES:
        raise ApiError(
            400,
            "api.cryptosuite_not_supported",
            _("Unsupported cryptosuite; use eddsa-rdfc-2022 or eddsa-jcs-2022."),
        )
    purposes = BOTH_PURPOSES
    if "credentialStatus" in options:
        purposes = _purposes(options["credentialStatus"])
    return IssueOptions(options.get("credentialId"), CRYPTOSUITES[suite], purposes)
