"""The verifier's only table: rate-limit counters, shared by every server process.

A per-process cache would give each gunicorn worker (and each server) its own budget, so
an attacker's effective limit would grow with our capacity. One row per client, scope and
window, incremented with a single ``UPDATE … SET count = count + 1``.
"""

from __future__ import annotations

from django.db import models


class RateCount(models.Model):
    """How often ``key`` (scope, client, window) was counted; gone after ``expires_at``."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
