"""Counters of recent attempts, shared by every server process (kept in the database).

Personal data: ``key`` names what is counted, e.g. ``sign-in:account:<address>`` or
``sign-in:client:<IP address or /64>``; rows only say how many attempts were made since
``window_start`` and are overwritten when a new window starts.
"""

from __future__ import annotations

from django.db import models


class ThrottleCounter(models.Model):
    """Attempts of one kind by one party since ``window_start``."""

    key = models.CharField(max_length=300, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
