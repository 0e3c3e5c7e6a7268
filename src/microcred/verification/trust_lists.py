"""The registries this platform's verifier follows, as trust lists.

By default the quality-assurance bodies registered here (read from their decisions: the
facts their signed lists carry). The operator may follow more bodies, elsewhere, by the
URL of their signed trust list and the DID that must have signed it
(``MICROCRED_TRUST_LISTS``: ``did:web:agency.example=https://agency.example/list, …``).
A remote list is fetched through the SSRF-safe fetcher inside the verification's own
budget (fetches and deadline), verified like any credential (signature, issuer, dates),
and kept for :data:`REMOTE_TTL` seconds; a list that cannot be had or does not verify is
left out (and logged): its providers then read as not recognised, never the reverse.
``MICROCRED_TRUST_LOCAL_BODIES=0`` stops following this platform's own bodies.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from microcred.registry.qa_bodies import qa_bodies
from microcred.registry.trust_lists import local_trust_list
from microcred.vc import Fetcher, VcError
from microcred.vc.verify import Budget, TrustList
from microcred.verification.cache import TtlCache

__all__ = [
    "FollowedList",
    "clear_cache",
    "configured_lists",
    "followed_lists",
    "forget_local_lists",
]

logger = logging.getLogger(__name__)
REMOTE_TTL = 300.0
#: This platform's own lists, as the DID documents (``services.LOCAL_DID_TTL``): a
#: decision made in this process shows at once (``forget_local_lists``), one made in
#: another server process within these seconds.
LOCAL_TTL = 5.0
_remote: TtlCache[TrustList] = TtlCache(ttl=REMOTE_TTL, size=64)
_local: TtlCache[list[TrustList]] = TtlCache(ttl=LOCAL_TTL, size=1)


@dataclass(frozen=True, slots=True)
class FollowedList:
    issuer: str
    url: str


def configured_lists() -> list[FollowedList]:
    """``MICROCRED_TRUST_LISTS`` read (a list of ``DID=URL`` strings, or one string with
    them separated by commas)."""
    raw = getattr(settings, "MICROCRED_TRUST_LISTS", ())
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    found = []
    for item in items:
        did, _, url = str(item).strip().partition("=")
        if did.startswith("did:") and url.startswith("https://"):
            found.append(FollowedList(did.strip(), url.strip()))
    return found


def follows_local_bodies() -> bool:
    return bool(getattr(settings, "MICROCRED_TRUST_LOCAL_BODIES", True))


def followed_lists(*, fetcher: Fetcher | None, budget: Budget, now: datetime) -> list[TrustList]:
    lists = list(_local_lists()) if follows_local_bodies() else []
    for followed in configured_lists():
        found = _remote.get((followed.issuer, followed.url))
        if found is None:
            found = _fetch(followed, fetcher, budget, now)
            if found is not None:
                _remote.put((followed.issuer, followed.url), found)
        if found is not None:
            lists.append(found)
    return lists


def _local_lists() -> list[TrustList]:
    found = _local.get("local")
    if found is None:
        found = [local_trust_list(body) for body in qa_bodies()]
        _local.put("local", found)
    return found


def forget_local_lists() -> None:
    _local.clear()


def _fetch(
    followed: FollowedList, fetcher: Fetcher | None, budget: Budget, now: datetime
) -> TrustList | None:
    guarded = budget.guard(fetcher)
    if guarded is None:
        return None
    try:
        document = guarded(followed.url)
        return TrustList.from_signed(
            document, expected_issuer=followed.issuer, now=now, fetcher=guarded, budget=budget
        )
    except (VcError, ValueError) as exc:
        logger.warning("trust list %s not followed: %s", followed.url, exc)
        return None


def clear_cache() -> None:
    _remote.clear()
    _local.clear()
