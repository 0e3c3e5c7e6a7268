"""How much one verification may cost: explicit budgets, spent as the run goes.

A credential is written by whoever hands it to us, and every status entry, proof and key
it names is work (a fetch, a decompression, a signature check). Without limits a 22 KB
credential can keep a server busy for minutes. So each run gets a :class:`Budget`: at most
so many status entries and proofs (counted up front), so many documents fetched, and a
wall-clock deadline that every fetch also receives (the platform's fetcher resolves DNS
under it). Nested verifications of status lists share their credential's budget.

Exceeding a budget is a :class:`BudgetError`; the rules turn it into a failed check with
its own code, never a verdict of "valid".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from microcred.vc.did import Fetcher
from microcred.vc.errors import BudgetError

__all__ = ["DEFAULT_LIMITS", "Budget", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """The budgets of one verification (the JSON size/depth limits are in ``jsontext``,
    the decoded status-list size in ``status.MAX_DECODED_BYTES``)."""

    #: Status entries in one credential (ours carry two: revocation and suspension).
    max_status_entries: int = 8
    #: Proofs on one credential (one is usual; a few for co-signed credentials).
    max_proofs: int = 4
    #: Documents obtained through the fetcher (DID documents, status lists) in one run.
    max_fetches: int = 8
    #: Wall-clock seconds for the whole run, fetches and DNS included.
    deadline_seconds: float = 10.0


DEFAULT_LIMITS = Limits()


class Budget:
    """What is left of one run's :class:`Limits`. ``clock`` is ``time.monotonic`` unless
    a test drives it; ``deadline`` is a value of that clock."""

    def __init__(
        self, limits: Limits = DEFAULT_LIMITS, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self._clock = clock
        self.deadline = clock() + limits.deadline_seconds
        self.fetches = 0

    def check_time(self) -> None:
        """Raise once the deadline has passed."""
        if self._clock() >= self.deadline:
            seconds = f"{self.limits.deadline_seconds:g}"
            raise BudgetError(
                f"the verification took longer than {seconds} s",
                code="verification_deadline_exceeded",
                limit=seconds,
            )

    def spend_fetch(self, url: str) -> None:
        """Count one fetch of ``url``; raise if the time or the fetch budget is spent."""
        self.check_time()
        if self.fetches >= self.limits.max_fetches:
            limit = str(self.limits.max_fetches)
            raise BudgetError(
                f"{url} would be fetch number {self.fetches + 1}; at most {limit} are allowed",
                code="fetch_budget_exceeded",
                limit=limit,
            )
        self.fetches += 1

    def guard(self, fetcher: Fetcher | None) -> Fetcher | None:
        """``fetcher`` with every call counted against this budget (wrapped only once)."""
        if fetcher is None or (isinstance(fetcher, _Counted) and fetcher.budget is self):
            return fetcher
        return _Counted(fetcher, self)


class _Counted:
    """A fetcher whose calls are paid for by a budget."""

    def __init__(self, inner: Fetcher, budget: Budget) -> None:
        self.inner, self.budget = inner, budget

    def __call__(self, url: str) -> Any:
        self.budget.spend_fetch(url)
        return self.inner(url)
