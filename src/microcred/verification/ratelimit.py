"""Per-client rate limiting for every path that verifies: the verify page, both APIs,
share page views, wallet import and re-check.

Verifying costs real CPU (canonicalisation, signatures) and may make us fetch from other
hosts, so a client gets a fixed budget per window, counted in the database
(:class:`~microcred.verification.models.RateCount`) so that every server process and
every server shares one count. Callers check it *before* reading the request body.
``MICROCRED_VERIFY_RATE`` is ``"<count>/<second|minute|hour>"``, or ``"off"``; the
environment variable of the same name is the fallback (used by the load benchmark).
Behind reverse proxies, ``MICROCRED_VERIFY_TRUSTED_PROXIES`` (default 0) says how many
of them append to ``X-Forwarded-For``; without it the header is ignored.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from microcred.infra.client_address import client_key, trusted_proxies
from microcred.verification.models import RateCount

__all__ = ["Rate", "client_key", "configured_rate", "count", "retry_after", "trusted_proxies"]

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


def retry_after(request: HttpRequest, *, scope: str = "verify") -> int | None:
    """Count this request; seconds to wait if it is over the budget, else None.

    ``scope`` keeps a separate budget (same rate) for other costly anonymous work, such
    as rendering a shared certificate, so one cannot eat into the other.
    """
    rate = configured_rate()
    if rate is None:
        return None
    now = time.time()
    window = int(now // rate.seconds)
    key = f"{scope}:{client_key(request)}:{window}"
    expires = datetime.fromtimestamp((window + 1) * rate.seconds, UTC)
    used = count(key, expires)
    if used <= rate.count:
        return None
    return max(1, int((window + 1) * rate.seconds - now) + 1)


def count(key: str, expires: datetime) -> int:
    """Add one to ``key``'s counter (created on first use) and return the new count."""
    with transaction.atomic():
        if not RateCount.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:  # another process created it first
                RateCount.objects.filter(key=key).update(count=F("count") + 1)
            else:  # a new window: forget the ones that are over
                RateCount.objects.filter(expires_at__lte=datetime.now(UTC)).delete()
        used: int = RateCount.objects.values_list("count", flat=True).get(key=key)
    return used
