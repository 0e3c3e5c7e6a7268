"""Revocation and suspension through Bitstring Status Lists — failing closed.

A status list that cannot be obtained, or whose own proof, issuer or validity does not
check out, fails the credential: a verifier that cannot tell whether a credential was
revoked must not say it is valid. The list must be issued by the credential's own issuer,
or anyone could "un-revoke" a credential by pointing at a list of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from microcred.vc.errors import VcError
from microcred.vc.status import read_status
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport

ListVerifier = Callable[[Any], VerificationReport]
ENTRY_TYPE = "BitstringStatusListEntry"
_BIT_SET = {"revocation": "revoked", "suspension": "suspended"}


def _failed(code: str, **params: str) -> Check:
    return Check("status", code, CheckStatus.FAILED, params)


def _entries(run: Run) -> list[Any]:
    status = run.credential.get("credentialStatus")
    if status is None:
        return []
    return status if isinstance(status, list) else [status]


def _obtain(run: Run, url: str) -> Any:
    if url in run.documents:
        return run.documents[url]
    if run.fetcher is None:
        raise VcError("it is not in the documents given and no fetcher was allowed")
    return run.fetcher(url)


def _verified_list(run: Run, url: str, verify_list: ListVerifier) -> Mapping[str, Any] | Check:
    """The status list credential at ``url``, verified and issued by our issuer."""
    cached = run.status_cache.get(url) if run.status_cache is not None else None
    if cached is not None:
        return dict(cached)
    try:
        document = _obtain(run, url)
    except VcError as exc:
        return _failed("status_unavailable", url=url, detail=str(exc))
    report = verify_list(document)
    if not report.verified or report.credential is None:
        first = report.failures[0].message("en") if report.failures else "unverifiable"
        return _failed("status_list_invalid", detail=f"{url}: {first}")
    issuer = report.credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if issuer_id != run.issuer_id:
        return _failed(
            "status_list_invalid", detail=f"{url} is issued by {issuer_id}, not the issuer"
        )
    if run.status_cache is not None:
        run.status_cache[url] = report.credential
    return report.credential


def _one_entry(run: Run, entry: Any, verify_list: ListVerifier) -> Check:
    if not isinstance(entry, Mapping) or entry.get("type") != ENTRY_TYPE:
        kind = entry.get("type") if isinstance(entry, Mapping) else type(entry).__name__
        return _failed("status_entry_invalid", detail=f"unsupported status type {kind!r}")
    url = entry.get("statusListCredential")
    if not isinstance(url, str) or not url:
        return _failed("status_entry_invalid", detail="statusListCredential is missing")
    listed = _verified_list(run, url, verify_list)
    if isinstance(listed, Check):
        return listed
    try:
        bit = read_status(entry, listed)
    except VcError as exc:
        return _failed("status_entry_invalid", detail=str(exc))
    purpose = str(entry.get("statusPurpose"))
    if bit:
        return _failed(_BIT_SET.get(purpose, "status_entry_invalid"), detail=purpose)
    return Check("status", "status_active", CheckStatus.PASSED, {"purpose": purpose})


def check_status(run: Run, verify_list: ListVerifier) -> list[Check]:
    """One check per status entry; a credential without entries has nothing to revoke."""
    entries = _entries(run)
    if not entries:
        return [Check("status", "status_none", CheckStatus.SKIPPED)]
    return [_one_entry(run, entry, verify_list) for entry in entries]
