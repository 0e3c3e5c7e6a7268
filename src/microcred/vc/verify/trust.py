"""The issuer's standing in a trust list (a registry of accredited providers).

The registry of a quality-assurance body publishes which issuers it recognises, since
when, and whether that standing was withdrawn. A credential issued *before* a withdrawal
keeps its issuer's standing as of its issue date; one issued after does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from microcred.vc.dates import format_datetime, parse_datetime
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus


@dataclass(frozen=True, slots=True)
class TrustedIssuer:
    id: str
    name: str
    accredited_by: str | None = None
    withdrawn: datetime | None = None


@dataclass(frozen=True, slots=True)
class TrustList:
    name: str
    issuers: Mapping[str, TrustedIssuer]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TrustList:
        """``{"name": …, "issuers": [{"id", "name", "accreditedBy"?, "withdrawn"?}]}``."""
        if not isinstance(data.get("issuers"), list):
            raise ValueError("a trust list needs an 'issuers' array")
        issuers: dict[str, TrustedIssuer] = {}
        for entry in data["issuers"]:
            if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
                raise ValueError("every trust list entry needs a string 'id'")
            withdrawn = entry.get("withdrawn")
            issuers[entry["id"]] = TrustedIssuer(
                id=entry["id"],
                name=str(entry.get("name", entry["id"])),
                accredited_by=entry.get("accreditedBy"),
                withdrawn=parse_datetime(withdrawn) if withdrawn else None,
            )
        return cls(name=str(data.get("name", "trust list")), issuers=issuers)


def check_trust(run: Run, trust_list: TrustList) -> Check:
    """Pass iff the issuer is listed and its standing was not withdrawn before issuance."""
    entry = trust_list.issuers.get(run.issuer_id or "")
    if entry is None:
        return Check("trust", "issuer_not_trusted", CheckStatus.FAILED, {})
    if entry.withdrawn is not None:
        try:
            issued = parse_datetime(run.credential.get("validFrom"))
        except ValueError:
            issued = run.now
        if issued >= entry.withdrawn:
            return Check(
                "trust",
                "issuer_trust_withdrawn",
                CheckStatus.FAILED,
                {"date": format_datetime(entry.withdrawn)},
            )
    detail = f"{entry.name}, {trust_list.name}"
    return Check("trust", "issuer_trusted", CheckStatus.PASSED, {"detail": detail})
