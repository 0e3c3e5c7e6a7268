"""Per-client rate limiting for the public verifier (the page and both APIs).

Verifying costs real CPU (canonicalisation, signatures) and may make us fetch from other
hosts, so an anonymous client gets a fixed budget per window, counted in Django's cache.
``MICROCRED_VERIFY_RATE`` is ``"<count>/<second|minute|hour>"``, or ``"off"``; the
environment variable of the same name is the fallback (used by the load benchmark).
Counting is per cache: with the default local-memory cache, per server process.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_RATE = "30/minute"
_PERIODS = {"second": 1, "minute": 60, "hour": 3600}


@dataclass(frozen=True, slots=True)
class Rate:
    count: int
    seconds: int


def configured_rate() -> Rate | None:
    """The limit in force; None when switched off."""
    text = getattr(settings, "MICROCRED_VERIFY_RATE", None)
    text = str(text or os.environ.get("MICROCRED_VERIFY_RATE") or DEFAULT_RATE).strip().lower()
    if text in ("off", "0", "none"):
        return None
    count, _, period = text.partition("/")
    if not count.isdigit() or period not in _PERIODS:
        raise ValueError(f"MICROCRED_VERIFY_RATE {text!r} is not '<count>/<second|minute|hour>'")
    return Rate(int(count), _PERIODS[period])


def client_key(request: HttpRequest) -> str:
    """The client's address as the server saw it (a proxy must set REMOTE_ADDR right)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def retry_after(request: HttpRequest) -> int | None:
    """Count this request; seconds to wait if it is over the budget, else None."""
    rate = configured_rate()
    if rate is None:
        return None
    now = time.time()
    window = int(now // rate.seconds)
    key = f"microcred:verify-rate:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: start again
        cache.set(key, 1, timeout=rate.seconds + 1)
        used = 1
    if used <= rate.count:
        return None
    return max(1, int((window + 1) * rate.seconds - now) + 1)
