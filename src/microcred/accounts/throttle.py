"""Fixed-window limits on attempts (sign-ins, invitations), counted in the database.

The database rather than Django's cache: the default cache is per process, so with two
gunicorn workers an attacker would get twice the budget, and every restart a fresh one.
A row per counted party and window keeps this to one short write per attempt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from microcred.accounts.models.throttle import ThrottleCounter


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    window: timedelta


def wait_seconds(key: str, limit: Limit, *, now: datetime | None = None) -> int:
    """Seconds until ``key`` may try again (0: it may now). Counts nothing."""
    moment = now or timezone.now()
    row = ThrottleCounter.objects.filter(key=key).first()
    if row is None or row.count < limit.count:
        return 0
    return _remaining(row.window_start + limit.window, moment)


def record(key: str, limit: Limit, *, now: datetime | None = None) -> None:
    """Count one attempt for ``key``, starting a new window if the last one is over."""
    moment = now or timezone.now()
    with transaction.atomic():
        row = ThrottleCounter.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    ThrottleCounter.objects.create(key=key, window_start=moment, count=1)
                return
            except IntegrityError:  # another process counted the first attempt meanwhile
                row = ThrottleCounter.objects.select_for_update().get(key=key)
        if row.window_start + limit.window <= moment:
            row.window_start, row.count = moment, 0
        row.count += 1
        row.save(update_fields=["window_start", "count"])


def spend(key: str, limit: Limit, *, now: datetime | None = None) -> int:
    """Count an attempt if the budget allows: 0 when counted, else seconds to wait."""
    moment = now or timezone.now()
    with transaction.atomic():
        wait = wait_seconds(key, limit, now=moment)
        if wait == 0:
            record(key, limit, now=moment)
    return wait


def clear(key: str) -> None:
    ThrottleCounter.objects.filter(key=key).delete()


def _remaining(until: datetime, now: datetime) -> int:
    return max(0, math.ceil((until - now).total_seconds()))


def minutes(seconds: int) -> int:
    """Whole minutes to show a person (at least one)."""
    return max(1, math.ceil(seconds / 60))
