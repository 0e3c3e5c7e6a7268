"""Related resources (VC 2.0 §5.3) fetched for their digest, within the run's budget.

A credential may protect a resource it names (an image, a rubric, a context) with a
digest; the verifier checks it against what the resource's URL serves now. The bytes come
through the SSRF-safe fetcher, each fetch paid for by the verification's budget, so a
credential listing many resources cannot make one verification fetch without limit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from microcred.vc import SafeFetcher, VcError
from microcred.vc.verify import Budget

BytesFetcher = Callable[[str], bytes]
_safe = SafeFetcher()
_override: BytesFetcher | None = None


def use_resources(fetcher: BytesFetcher | None) -> None:
    """Replace the internet for related resources process-wide (tests); None restores it."""
    global _override
    _override = fetcher


def resource_loader(budget: Budget) -> Callable[[str], bytes | None]:
    """The trust core's ``resource_loader``: bytes, or None when they cannot be had."""
    fetch = _override or partial(_safe.fetch_bytes, deadline=budget.deadline)

    def load(url: str) -> bytes | None:
        if not url.startswith("https://") and _override is None:
            return None
        try:
            budget.spend_fetch(url)
            return fetch(url)
        except VcError:
            return None

    return load
