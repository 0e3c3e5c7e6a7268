"""A provider's standing with a quality-assurance body, derived from the decisions.

Decisions are read in the order they were recorded: ``recognised`` opens a period;
``suspended`` and ``withdrawn`` end every period recorded before them that is still open
at their effective date (one that had not started yet never starts). A later
``recognised`` (a renewal, a reinstatement) opens a new period. Nothing is stored but the
decisions, so the registry page, the trust list and the verifier cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.registry.models import Decision
from microcred.vc.verify import TrustedIssuer

__all__ = ["Period", "Standing", "State", "periods_of", "standing_of", "trusted_issuer"]


class State(StrEnum):
    RECOGNISED = "recognised"
    NOT_YET = "not_yet"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    REFUSED = "refused"
    NONE = "none"


STATE_LABELS = {
    State.RECOGNISED: _("Recognised"),
    State.NOT_YET: _("Recognised from a later date"),
    State.EXPIRED: _("Recognition expired"),
    State.SUSPENDED: _("Recognition suspended"),
    State.WITHDRAWN: _("Recognition withdrawn"),
    State.REFUSED: _("Recognition refused"),
    State.NONE: _("Not recognised"),
}


@dataclass(frozen=True, slots=True)
class Period:
    """One period of recognition, opened by ``decision``."""

    decision: Decision
    start: datetime
    until: datetime | None
    withdrawn: datetime | None = None
    suspended: datetime | None = None

    @property
    def ended(self) -> datetime | None:
        ends = [d for d in (self.withdrawn, self.suspended) if d is not None]
        return min(ends) if ends else None

    @property
    def empty(self) -> bool:
        return self.ended is not None and self.ended <= self.start

    def covers(self, moment: datetime) -> bool:
        if moment < self.start or (self.until is not None and moment >= self.until):
            return False
        return self.ended is None or moment < self.ended

    def open_at(self, moment: datetime) -> bool:
        """Not ended by then (a period starting later counts: it is cut before it starts)."""
        return self.ended is None and (self.until is None or self.until > moment)


@dataclass(frozen=True, slots=True)
class Standing:
    state: State
    period: Period | None
    #: When the unbroken recognition that holds now began (renewals included).
    since: datetime | None
    latest: Decision | None

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def recognised(self) -> bool:
        return self.state is State.RECOGNISED


def periods_of(decisions: Iterable[Decision]) -> list[Period]:
    periods: list[Period] = []
    for decision in sorted(decisions, key=lambda d: (d.recorded, d.pk or 0)):
        if decision.outcome == Decision.Outcome.RECOGNISED:
            periods.append(Period(decision, decision.effective, decision.valid_until))
        elif decision.outcome in (Decision.Outcome.SUSPENDED, Decision.Outcome.WITHDRAWN):
            periods = [_end(p, decision) if p.open_at(decision.effective) else p for p in periods]
    return [p for p in periods if not p.empty]


def _end(period: Period, decision: Decision) -> Period:
    moment = max(decision.effective, period.start)
    if decision.outcome == Decision.Outcome.SUSPENDED:
        return replace(period, suspended=moment)
    return replace(period, withdrawn=moment)


def _decisions(provider: Organization, qa_body: Organization) -> list[Decision]:
    return list(Decision.objects.filter(provider=provider, qa_body=qa_body))


def standing_of(
    provider: Organization,
    qa_body: Organization,
    now: datetime,
    decisions: list[Decision] | None = None,
) -> Standing:
    decisions = _decisions(provider, qa_body) if decisions is None else decisions
    periods = periods_of(decisions)
    latest = max(decisions, key=lambda d: (d.recorded, d.pk or 0), default=None)
    current = [p for p in periods if p.covers(now)]
    if current:
        period = max(current, key=lambda p: p.start)
        return Standing(State.RECOGNISED, period, _since(periods, period), latest)
    if latest is None:
        return Standing(State.NONE, None, None, None)
    state = {
        Decision.Outcome.SUSPENDED: State.SUSPENDED,
        Decision.Outcome.WITHDRAWN: State.WITHDRAWN,
        Decision.Outcome.REFUSED: State.REFUSED,
    }.get(Decision.Outcome(latest.outcome))
    if state is None:  # the latest decision recognised, but not for now
        state = State.NOT_YET if latest.effective > now else State.EXPIRED
    return Standing(state, None, None, latest)


def _since(periods: list[Period], period: Period) -> datetime:
    """Walk back over periods that ran on without a gap into ``period``."""
    start = period.start
    changed = True
    while changed:
        changed = False
        for other in periods:
            end = min(d for d in (other.until, other.ended, start) if d is not None)
            if other.start < start and end >= start:
                start, changed = other.start, True
    return start


def trusted_issuer(period: Period, provider: Organization, qa_body: Organization) -> TrustedIssuer:
    """The period as a trust-list entry."""
    decision = period.decision
    return TrustedIssuer(
        id=did_for(provider),
        name=provider.name,
        accredited_by=qa_body.name,
        accredited_by_id=did_for(qa_body),
        valid_from=period.start,
        valid_until=period.until,
        withdrawn=period.withdrawn,
        suspended=period.suspended,
        fields_of_study=tuple(decision.fields_of_study),
        eqf_levels=tuple(decision.eqf_levels),
        tqf_levels=tuple(decision.tqf_levels),
    )
