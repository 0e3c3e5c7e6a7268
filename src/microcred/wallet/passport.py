"""The passport page's numbers: credentials by issuer and by skill, ECTS and levels.

Totals count only credentials that are valid now — a revoked or expired credential is
still listed (with its reason) but no longer adds to what the learner can show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from microcred.accounts.models import User
from microcred.issuing import history
from microcred.wallet import status
from microcred.wallet.content import Content, describe
from microcred.wallet.models import WalletItem


@dataclass(frozen=True, slots=True)
class Held:
    item: WalletItem
    content: Content
    status: status.ItemStatus

    @property
    def unverified(self) -> bool:
        return self.item.kept_unverified


@dataclass(slots=True)
class Passport:
    held: list[Held]
    by_issuer: dict[str, list[Held]] = field(default_factory=dict)
    by_skill: dict[tuple[str, str], list[Held]] = field(default_factory=dict)
    ects_total: Decimal = Decimal(0)
    eqf_counts: dict[int, int] = field(default_factory=dict)
    tqf_counts: dict[int, int] = field(default_factory=dict)

    @property
    def skills(self) -> list[tuple[str, str]]:
        """(ESCO URI, label) of every skill a valid credential gives evidence for."""
        return sorted(self.by_skill, key=lambda skill: skill[1].casefold())


def status_of(
    item: WalletItem, content: Content, award: history.AwardStatus | None, now: datetime
) -> status.ItemStatus:
    if item.source == WalletItem.Source.PLATFORM:
        return status.from_award(award, valid_until=content.valid_until, now=now)
    return status.from_check(item.checked_status, item.checked_at)


def held_items(user: User, *, lang: str, now: datetime | None = None) -> list[Held]:
    moment = now or timezone.now()
    items = list(WalletItem.objects.filter(owner=user).order_by("-added", "-pk"))
    awards = history.statuses([i.award_public_id for i in items if i.award_public_id])
    result = []
    for item in items:
        content = describe(item.credential, lang)
        result.append(
            Held(item, content, status_of(item, content, awards.get(item.award_public_id), moment))
        )
    return result


def build(held: list[Held]) -> Passport:
    passport = Passport(held)
    by_issuer: dict[str, list[Held]] = defaultdict(list)
    by_skill: dict[tuple[str, str], list[Held]] = defaultdict(list)
    eqf: dict[int, int] = defaultdict(int)
    tqf: dict[int, int] = defaultdict(int)
    for entry in held:
        by_issuer[entry.content.issuer_name].append(entry)
        if not entry.status.is_valid:
            continue
        for skill in entry.content.skills:
            by_skill[(skill.uri, skill.label)].append(entry)
        passport.ects_total += entry.content.ects or 0
        if entry.content.eqf_level:
            eqf[entry.content.eqf_level] += 1
        if entry.content.tqf_level:
            tqf[entry.content.tqf_level] += 1
    passport.by_issuer = dict(sorted(by_issuer.items(), key=lambda kv: kv[0].casefold()))
    passport.by_skill = dict(by_skill)
    passport.eqf_counts, passport.tqf_counts = dict(sorted(eqf.items())), dict(sorted(tqf.items()))
    return passport


def held_one(item: WalletItem, *, lang: str, now: datetime | None = None) -> Held:
    """One item with its content and status (the credential and share pages)."""
    content = describe(item.credential, lang)
    award = history.award_status(item.award_public_id) if item.award_public_id else None
    return Held(item, content, status_of(item, content, award, now or timezone.now()))
