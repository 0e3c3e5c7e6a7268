"""THE platform verification entry point: the page, the APIs and the wallet all call
:func:`verify_document`, so they cannot disagree about a credential.

It wraps the trust core's pure :func:`~microcred.vc.verify.verify_credential` with the
world it needs: our own DID documents and status lists from the database, other issuers'
through the SSRF-safe fetcher, and process-wide caches so that a busy verifier neither
re-fetches nor re-verifies the same status list on every request.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterator, Mapping, MutableMapping
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import timezone

from microcred.issuing import public_documents
from microcred.vc import Fetcher, SafeFetcher, issuer_id
from microcred.vc.verify import (
    DEFAULT_LIMITS,
    Budget,
    Check,
    Limits,
    Parsed,
    VerificationReport,
    parse_input,
    verify_credential,
)
from microcred.verification.cache import TtlCache
from microcred.verification.local import PlatformFetcher
from microcred.verification.trust_lists import clear_cache as clear_trust_lists
from microcred.verification.trust_lists import followed_lists

__all__ = [
    "CachingFetcher",
    "clear_caches",
    "forget_local_dids",
    "limits",
    "remote_fetcher",
    "use_remote",
    "verify_document",
]

REMOTE_TTL = 60.0
#: Our own lists are keyed by their version, so a change shows at once; the TTL only
#: bounds memory for lists nobody asks about any more.
LOCAL_TTL = 600.0
#: Our own DID documents: long enough to spare the database under load, short enough that
#: a retired key is refused within seconds by every server process (see
#: :class:`PlatformFetcher`); the process that changed it forgets at once (invalidation).
LOCAL_DID_TTL = 5.0
_documents: TtlCache[Any] = TtlCache(ttl=REMOTE_TTL, size=256)
_verified_lists: TtlCache[Mapping[str, Any]] = TtlCache(ttl=LOCAL_TTL, size=512)
_local_dids: TtlCache[Any] = TtlCache(ttl=LOCAL_DID_TTL, size=256)
_safe_fetcher = SafeFetcher()


class CachingFetcher:
    """Remember what ``inner`` fetched for a minute (DID documents and status lists)."""

    def __init__(self, inner: Fetcher, cache: TtlCache[Any]) -> None:
        self._inner, self._cache = inner, cache

    def __call__(self, url: str) -> Any:
        found = self._cache.get(url)
        if found is None:
            found = self._inner(url)
            self._cache.put(url, found)
        return found


class VerifiedListCache(MutableMapping[str, Any]):
    """The trust core's ``status_cache`` over a process-wide cache of *verified* lists.

    Keys carry the credential's issuer (a list verified for one issuer is never reused
    for another) and, for our own lists, the list's version: the cached verification of a
    list that has since changed is simply never asked for again.
    """

    def __init__(self, issuer: str | None, cache: TtlCache[Mapping[str, Any]]) -> None:
        self._issuer, self._cache = issuer, cache
        self._keys: dict[str, Hashable] = {}

    def _key(self, url: str) -> Hashable:
        if url not in self._keys:
            list_id = public_documents.local_list_id(url)
            version = public_documents.list_version(list_id) if list_id else None
            self._keys[url] = (self._issuer, url, version)
        return self._keys[url]

    def __getitem__(self, url: str) -> Any:
        found = self._cache.get(self._key(url))
        if found is None:
            raise KeyError(url)
        return found

    def __setitem__(self, url: str, value: Any) -> None:
        self._cache.put(self._key(url), value)

    def __delitem__(self, url: str) -> None:  # the trust core never forgets an entry
        raise KeyError(url)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _setting(name: str, default: float) -> float:
    """A Django setting, else the environment variable of the same name, else ``default``."""
    value = getattr(settings, name, None) or os.environ.get(name)
    return float(value) if value else default


def limits() -> Limits:
    """The trust core's budgets, with the deadline and the fetch count configurable
    (``MICROCRED_VERIFY_DEADLINE`` seconds, ``MICROCRED_VERIFY_MAX_FETCHES``)."""
    return Limits(
        max_status_entries=DEFAULT_LIMITS.max_status_entries,
        max_proofs=DEFAULT_LIMITS.max_proofs,
        max_fetches=int(_setting("MICROCRED_VERIFY_MAX_FETCHES", DEFAULT_LIMITS.max_fetches)),
        deadline_seconds=_setting("MICROCRED_VERIFY_DEADLINE", DEFAULT_LIMITS.deadline_seconds),
    )


def verify_document(
    data: Mapping[str, Any] | str | bytes | Parsed,
    *,
    now: datetime | None = None,
    remote: Fetcher | None = None,
    **options: Any,
) -> VerificationReport:
    """Verify a parsed JSON credential or a compact ``vc+jwt`` (or the raw bytes of
    either, as uploaded) as this platform does.

    The report's ``trust`` check says whether a body this platform follows recognised the
    issuer when it signed (a warning, not a failure, when none did: see
    :mod:`microcred.verification.trust_lists`). The input is parsed once, here (the issuer
    names the cache of verified status lists); the run gets the budgets of :func:`limits`,
    and the internet fetcher the run's deadline, so that DNS and every fetch end with it.
    ``remote`` replaces the SSRF-safe internet fetcher (tests pass a fake); documents of
    this platform are always read from the database. ``options`` go to the trust core
    unchanged (``options``, ``resource_loader``).
    """
    parsed = parse_input(data)
    if isinstance(parsed, Check):
        return VerificationReport(checks=(parsed,))
    budget = Budget(limits())
    outside = remote if remote is not None else remote_fetcher(deadline=budget.deadline)
    moment = now or timezone.now()
    fetcher = PlatformFetcher(outside, dids=_local_dids)
    return verify_credential(
        parsed,
        now=moment,
        fetcher=fetcher,
        status_cache=VerifiedListCache(issuer_id(parsed.credential), _verified_lists),
        budget=budget,
        trust_list=followed_lists(fetcher=fetcher, budget=budget, now=moment),
        trust_required=False,
        **options,
    )


_remote_override: Fetcher | None = None


def remote_fetcher(*, deadline: float | None = None) -> Fetcher:
    """The fetcher for the open internet (tests replace it with :func:`use_remote`);
    ``deadline`` (a ``time.monotonic`` value) ends every fetch through it, DNS included."""
    if _remote_override is not None:
        return _remote_override
    return CachingFetcher(partial(_safe_fetcher, deadline=deadline), _documents)


def use_remote(fetcher: Fetcher | None) -> None:
    """Replace the internet fetcher process-wide (tests: a local fake); None restores it."""
    global _remote_override
    _remote_override = fetcher


def forget_local_dids() -> None:
    """Drop our cached DID documents (a key or organisation changed in this process)."""
    _local_dids.clear()


def clear_caches() -> None:
    """Forget every cached document and verified list (tests, key emergencies)."""
    _documents.clear()
    _verified_lists.clear()
    _local_dids.clear()
    clear_trust_lists()


def platform_fetcher(budget: Budget, remote: Fetcher | None = None) -> Fetcher:
    """What :func:`verify_document` resolves through, for callers that verify more than a
    credential (presentations): our documents from the database, others' over HTTPS."""
    outside = remote if remote is not None else remote_fetcher(deadline=budget.deadline)
    return PlatformFetcher(outside, dids=_local_dids)
