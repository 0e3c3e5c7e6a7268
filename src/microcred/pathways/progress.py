"""Progress towards a pathway: which rules are met, what is missing, what counts — pure.

``evaluate`` takes the pathway's rules with their components resolved (achievement ids and
issuer ids; a field of study), the learner's credentials as :class:`Evidence` (already
verified by the caller), the registry's recognitions (for field components) and nothing
else: no database, no clock, so every rule is tested by calling it.

How credentials are counted:

1. only credentials that verified now count (a revoked, suspended, expired or forged one
   is listed with its reason, never counted);
2. ``min_level`` and ``window.after`` then leave out credentials below the level or issued
   before the date (also listed, with the reason);
3. each component of ``all_of`` and ``n_of`` takes the newest remaining credential that
   matches it, one credential per component;
4. the counted credentials are those components' credentials — or, for a pathway without
   component rules, every remaining credential — and ``min_ects`` and ``window.months``
   are judged over them.

The pathway is complete when every rule is met and something was counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from microcred.pathways.evidence import Evidence
from microcred.pathways.rules import ComponentRef, Rule
from microcred.vc.verify import TrustedIssuer

#: Why a credential the learner holds was not counted.
NOT_VERIFIED, BELOW_LEVEL, TOO_EARLY, NO_ID = "not_verified", "below_level", "too_early", "no_id"


@dataclass(frozen=True, slots=True)
class Component:
    """A component resolved for matching. ``achievement_ids`` and ``issuer_ids`` empty:
    any credential of an issuer recognised for ``field`` matches."""

    ref: ComponentRef
    label: str
    achievement_ids: frozenset[str] = frozenset()
    issuer_ids: frozenset[str] = frozenset()
    field: str = ""


@dataclass(frozen=True, slots=True)
class Resolved:
    """A rule with its components resolved."""

    rule: Rule
    components: tuple[Component, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    rule: Rule
    met: bool
    matched: tuple[tuple[Component, Evidence], ...] = ()
    missing: tuple[Component, ...] = ()
    #: ECTS counted (``min_ects``), months spanned (``window``).
    ects: Decimal = Decimal(0)
    span_months: int = 0


@dataclass(frozen=True, slots=True)
class Progress:
    outcomes: tuple[RuleOutcome, ...]
    counted: tuple[Evidence, ...]
    ects: Decimal
    #: Credentials that would have mattered but do not count, with the reason (constants).
    not_counted: tuple[tuple[Evidence, str], ...] = field(default=())

    @property
    def complete(self) -> bool:
        return bool(self.counted) and all(o.met for o in self.outcomes)

    @property
    def met_count(self) -> int:
        return sum(1 for o in self.outcomes if o.met)

    @property
    def advances(self) -> bool:
        """Whether the learner's credentials already count towards it."""
        return bool(self.counted)


def recognised_for(
    issuer: str | None, study_field: str, at: datetime | None, recognitions: Sequence[TrustedIssuer]
) -> bool:
    """Whether a body recognised ``issuer`` for ``study_field`` when it issued (``at``)."""
    if issuer is None or at is None:
        return False
    wanted = study_field.casefold()
    return any(
        entry.id == issuer
        and entry.covers(at)
        and any(f.casefold() == wanted for f in entry.fields_of_study)
        for entry in recognitions
    )


def matches(
    component: Component, evidence: Evidence, recognitions: Sequence[TrustedIssuer]
) -> bool:
    if component.field:
        return recognised_for(evidence.issuer_id, component.field, evidence.issued, recognitions)
    return (
        evidence.achievement_id in component.achievement_ids
        and evidence.issuer_id in component.issuer_ids
    )


def _months_between(start: datetime, end: datetime) -> int:
    """Whole calendar months from ``start`` to ``end``, a started month counting as one."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if (end.day, end.time()) > (start.day, start.time()) else 0)


def _newest_first(evidence: Sequence[Evidence]) -> list[Evidence]:
    return sorted(
        evidence,
        key=lambda e: (e.issued is not None, e.issued.timestamp() if e.issued else 0.0),
        reverse=True,
    )


def _filters(rules: Sequence[Resolved], evidence: Evidence) -> str:
    """The reason ``evidence`` is left out by a level or date rule ("" when it is not)."""
    for resolved in rules:
        rule = resolved.rule
        if rule.kind == "min_level":
            level = evidence.level(rule.framework)
            if level is None or level < rule.level:
                return BELOW_LEVEL
        too_early = evidence.issued is None or evidence.issued.date() < (rule.after or date.min)
        if rule.kind == "window" and rule.after is not None and too_early:
            return TOO_EARLY
    return ""


def _relevant(
    rules: Sequence[Resolved], evidence: Evidence, recognitions: Sequence[TrustedIssuer]
) -> bool:
    components = [c for r in rules for c in r.components]
    return not components or any(matches(c, evidence, recognitions) for c in components)


def _assign(
    rules: Sequence[Resolved], candidates: list[Evidence], recognitions: Sequence[TrustedIssuer]
) -> dict[Component, Evidence]:
    """Each component its newest matching credential, one credential per component."""
    taken: set[str] = set()
    chosen: dict[Component, Evidence] = {}
    for resolved in rules:
        for component in resolved.components:
            if component in chosen:
                continue
            for evidence in candidates:
                if evidence.ref not in taken and matches(component, evidence, recognitions):
                    chosen[component] = evidence
                    taken.add(evidence.ref)
                    break
    return chosen


def _outcome(
    resolved: Resolved, chosen: dict[Component, Evidence], counted: Sequence[Evidence]
) -> RuleOutcome:
    rule = resolved.rule
    if rule.kind in ("all_of", "n_of"):
        matched = tuple((c, chosen[c]) for c in resolved.components if c in chosen)
        missing = tuple(c for c in resolved.components if c not in chosen)
        needed = len(resolved.components) if rule.kind == "all_of" else rule.n
        return RuleOutcome(rule, len(matched) >= needed, matched, missing)
    ects = sum((e.ects or Decimal(0) for e in counted), Decimal(0))
    if rule.kind == "min_ects":
        return RuleOutcome(rule, ects >= rule.ects, ects=ects)
    if rule.kind == "min_level":
        return RuleOutcome(rule, bool(counted))
    dates = sorted(e.issued for e in counted if e.issued is not None)
    span = _months_between(dates[0], dates[-1]) if dates else 0
    within = not rule.months or span <= rule.months
    return RuleOutcome(rule, bool(counted) and within, span_months=span)


def evaluate(
    rules: Sequence[Resolved],
    evidence: Sequence[Evidence],
    recognitions: Sequence[TrustedIssuer] = (),
) -> Progress:
    """The learner's progress (see the module docstring for how credentials count)."""
    not_counted: list[tuple[Evidence, str]] = []
    candidates: list[Evidence] = []
    for item in _newest_first(evidence):
        if not _relevant(rules, item, recognitions):
            continue
        reason = NOT_VERIFIED if not item.verified else _filters(rules, item)
        if not reason and item.credential_id is None:
            reason = NO_ID
        if reason:
            not_counted.append((item, reason))
        else:
            candidates.append(item)
    chosen = _assign(rules, candidates, recognitions)
    has_components = any(r.components for r in rules)
    counted = list(dict.fromkeys(chosen.values())) if has_components else candidates
    outcomes = tuple(_outcome(r, chosen, counted) for r in rules)
    ects = sum((e.ects or Decimal(0) for e in counted), Decimal(0))
    return Progress(outcomes, tuple(counted), ects, tuple(not_counted))
