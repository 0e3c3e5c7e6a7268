"""The trust-list credential a quality-assurance body signs.

A VC 2.0 credential of type ``TrustListCredential``, issued by the body's DID, whose
subject lists every recognition the body ever granted that is still meaningful: current
ones, and ended ones (withdrawn, suspended, expired) with their dates, because credentials
issued while they held keep that standing. Terms come from our pinned trust-list context;
like the EU-elements context, a deployment serves it at its own address and protects that
address with a ``relatedResource`` digest (decision 0006).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from microcred.vc.contexts import VC_V2
from microcred.vc.contexts.integrity import related_resource_for
from microcred.vc.dates import format_datetime
from microcred.vc.verify.trust import TrustedIssuer

__all__ = [
    "TRUST_LIST_CONTEXT_URL",
    "TRUST_LIST_TYPE",
    "trust_list_context",
    "trust_list_credential",
]

#: The pinned identifier of the context (a name; deployments serve it elsewhere).
TRUST_LIST_CONTEXT_URL = "https://contexts.microcred.eu/trust-list/v1.jsonld"
TRUST_LIST_TYPE = "TrustListCredential"


def trust_list_context(context_url: str = TRUST_LIST_CONTEXT_URL) -> list[str]:
    return [VC_V2, context_url]


def trust_list_credential(
    *,
    list_id: str,
    version: int,
    issuer_did: str,
    issuer_name: str,
    name: str,
    entries: Sequence[TrustedIssuer],
    issued: datetime,
    context_url: str = TRUST_LIST_CONTEXT_URL,
) -> dict[str, Any]:
    """The unsigned credential; sign it with ``issue_credential`` as ``issuer_did``."""
    credential: dict[str, Any] = {
        "@context": trust_list_context(context_url),
        "id": list_id,
        "type": ["VerifiableCredential", TRUST_LIST_TYPE],
        "issuer": {"id": issuer_did, "name": issuer_name},
        "validFrom": format_datetime(issued),
        "name": name,
        "credentialSubject": {
            "id": issuer_did,
            "type": ["TrustList"],
            "listVersion": version,
            "recognition": [_entry(entry) for entry in entries],
        },
    }
    if context_url != TRUST_LIST_CONTEXT_URL:
        credential["relatedResource"] = [related_resource_for(context_url, TRUST_LIST_CONTEXT_URL)]
    return credential


def _entry(entry: TrustedIssuer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": ["Recognition"],
        "recognisedIssuer": entry.id,
        "issuerName": entry.name,
    }
    if entry.fields_of_study:
        out["fieldOfStudy"] = list(entry.fields_of_study)
    if entry.eqf_levels:
        out["eqfLevel"] = list(entry.eqf_levels)
    if entry.tqf_levels:
        out["tqfLevel"] = list(entry.tqf_levels)
    for key, value in (
        ("recognisedFrom", entry.valid_from),
        ("recognisedUntil", entry.valid_until),
        ("withdrawn", entry.withdrawn),
        ("suspended", entry.suspended),
    ):
        if value is not None:
            out[key] = format_datetime(value)
    return out
