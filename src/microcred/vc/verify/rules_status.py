"""Revocation and suspension through Bitstring Status Lists — failing closed.

A status list that cannot be obtained, or whose own proof, issuer or validity does not
check out, fails the credential: a verifier that cannot tell whether a credential was
revoked must not say it is valid. The list must be issued by the credential's own issuer,
or anyone could "un-revoke" a credential by pointing at a list of their own.

Each list is obtained, verified and decoded once per run however many entries name it,
and the run's budget caps the entries, the fetches and the time (see :mod:`budget`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from microcred.vc.errors import BudgetError, VcError
from microcred.vc.fields import issuer_id
from microcred.vc.status import read_status
from microcred.vc.verify.context import Run
from microcred.vc.verify.report import Check, CheckStatus, VerificationReport

ListVerifier = Callable[[Any], VerificationReport]
ENTRY_TYPE = "BitstringStatusListEntry"
_BIT_SET = {"revocation": "revoked", "suspension": "suspended"}
_BUDGET_CODES = frozenset({"fetch_budget_exceeded", "verification_deadline_exceeded"})


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


def _over_budget(exc: BudgetError) -> Check:
    return _failed(exc.code, **exc.params)


def _verified_list(run: Run, url: str, verify_list: ListVerifier) -> Mapping[str, Any] | Check:
    """The status list at ``url``, verified and issued by our issuer: once per run."""
    if url not in run.verified_lists:
        run.verified_lists[url] = _verify_list_once(run, url, verify_list)
    return run.verified_lists[url]


def _verify_list_once(run: Run, url: str, verify_list: ListVerifier) -> Mapping[str, Any] | Check:
    cached = run.status_cache.get(url) if run.status_cache is not None else None
    if cached is not None:
        return dict(cached)
    try:
        document = _obtain(run, url)
    except BudgetError as exc:
        return _over_budget(exc)
    except VcError as exc:
        return _failed("status_unavailable", url=url, detail=str(exc))
    report = verify_list(document)
    spent = next((c for c in report.failures if c.code in _BUDGET_CODES), None)
    if spent is not None:
        return Check("status", spent.code, CheckStatus.FAILED, spent.params)
    if not report.verified or report.credential is None:
        first = report.failures[0].message("en") if report.failures else "unverifiable"
        return _failed("status_list_invalid", detail=f"{url}: {first}")
    list_issuer = issuer_id(report.credential)
    if list_issuer != run.issuer_id:
        return _failed(
            "status_list_invalid", detail=f"{url} is issued by {list_issuer}, not the issuer"
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
        bit = read_status(entry, listed, decoded=run.decoded_lists)
    except VcError as exc:
        code = "status_list_too_large" if exc.code == "status_list_too_large" else None
        return _failed(code or "status_entry_invalid", detail=str(exc))
    purpose = str(entry.get("statusPurpose"))
    if bit:
        return _failed(_BIT_SET.get(purpose, "status_entry_invalid"), detail=purpose)
    return Check("status", "status_active", CheckStatus.PASSED, {"purpose": purpose})


def check_status(run: Run, verify_list: ListVerifier) -> list[Check]:
    """One check per status entry; a credential without entries has nothing to revoke.

    More entries than the budget allows fail at once, before any is fetched; the deadline
    is checked before each entry, and the first one past it ends the rule.
    """
    entries = _entries(run)
    if not entries:
        return [Check("status", "status_none", CheckStatus.SKIPPED)]
    limit = run.budget.limits.max_status_entries
    if len(entries) > limit:
        return [_failed("too_many_status_entries", count=str(len(entries)), limit=str(limit))]
    checks: list[Check] = []
    for entry in entries:
        try:
            run.budget.check_time()
        except BudgetError as exc:
            return [*checks, _over_budget(exc)]
        checks.append(_one_entry(run, entry, verify_list))
    return checks
