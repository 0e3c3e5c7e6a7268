"""Medians of repeated calls: the one timing primitive every benchmark here uses."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_us(fn: Callable[[], Any], *, runs: int = 300, warmup: int = 20) -> float:
    """Median wall time of one call, in microseconds (GC left on: it is part of real cost)."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000
