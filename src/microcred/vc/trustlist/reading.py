"""A trust-list credential's subject, read back into a :class:`TrustList`.

Structure only, and strict: an entry that cannot be read makes the whole list unreadable
(a verifier must not quietly follow half a list). Call it on a credential that has been
verified, as :mod:`microcred.vc.verify.signed_trust_list` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from microcred.vc.dates import parse_datetime
from microcred.vc.errors import VcError
from microcred.vc.trustlist.document import TRUST_LIST_TYPE
from microcred.vc.verify.trust import TrustedIssuer, TrustList, group_by_issuer

__all__ = ["TrustListFormatError", "trust_list_of"]

MAX_ENTRIES = 10_000


class TrustListFormatError(VcError):
    """Not a trust list we can read; ``code`` ``trust_list_invalid``."""

    code = "trust_list_invalid"


def _issuer(credential: Mapping[str, Any]) -> tuple[str, str]:
    issuer = credential.get("issuer")
    if isinstance(issuer, str):
        return issuer, issuer
    if isinstance(issuer, Mapping) and isinstance(issuer.get("id"), str):
        name = issuer.get("name")
        return issuer["id"], name if isinstance(name, str) and name else issuer["id"]
    raise TrustListFormatError("the trust list names no issuer")


def trust_list_of(credential: Mapping[str, Any]) -> TrustList:
    types = credential.get("type")
    if not isinstance(types, list) or TRUST_LIST_TYPE not in types:
        raise TrustListFormatError(f"not a {TRUST_LIST_TYPE}")
    did, body = _issuer(credential)
    subject = credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or not isinstance(subject.get("recognition"), list):
        raise TrustListFormatError("the trust list has no 'recognition' array")
    rows = subject["recognition"]
    if len(rows) > MAX_ENTRIES:
        raise TrustListFormatError(f"more than {MAX_ENTRIES} recognitions")
    version = subject.get("listVersion")
    entries = [_entry(row, body, did) for row in rows]
    return TrustList(
        name=body,
        issuers=group_by_issuer(entries),
        issuer=did,
        id=credential.get("id") if isinstance(credential.get("id"), str) else None,
        version=version if isinstance(version, int) and not isinstance(version, bool) else None,
        issued=_when(credential, "validFrom"),
    )


def _entry(row: Any, body: str, body_id: str) -> TrustedIssuer:
    if not isinstance(row, Mapping) or not isinstance(row.get("recognisedIssuer"), str):
        raise TrustListFormatError("every recognition needs a 'recognisedIssuer'")
    name = row.get("issuerName")
    return TrustedIssuer(
        id=row["recognisedIssuer"],
        name=name if isinstance(name, str) and name else row["recognisedIssuer"],
        accredited_by=body,
        accredited_by_id=body_id,
        valid_from=_when(row, "recognisedFrom"),
        valid_until=_when(row, "recognisedUntil"),
        withdrawn=_when(row, "withdrawn"),
        suspended=_when(row, "suspended"),
        fields_of_study=_texts(row.get("fieldOfStudy")),
        eqf_levels=_levels(row.get("eqfLevel")),
        tqf_levels=_levels(row.get("tqfLevel")),
    )


def _when(row: Mapping[str, Any], key: str) -> datetime | None:
    value = row.get(key)
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError as exc:
        raise TrustListFormatError(f"{key}: {exc}") from exc


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TrustListFormatError("fieldOfStudy must be a list of strings")
    return tuple(value)


def _levels(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 8 for v in value
    ):
        raise TrustListFormatError("levels must be whole numbers from 1 to 8")
    return tuple(value)
