"""The strategy app's service functions: what views, reports and the readiness engine call.

``snapshot`` is the one plain-data view of a strategy (canvas + STEEP + team roles) that the
checks, the readiness engine and the reports read, so none of them touches the tables.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.strategy.canvas import editing
from microcred.strategy.canvas.diff import BlockDiff, compare
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import DesignRole, Revision, SteepFactor, Strategy, TeamRole
from microcred.strategy.steep.work import factor_dict, ranked_factors

__all__ = [
    "compare_revisions",
    "create_strategy",
    "find_factor",
    "find_strategy",
    "set_team_role",
    "snapshot",
    "strategies_of",
]


def strategies_of(organization: Organization) -> list[Strategy]:
    return list(Strategy.objects.filter(organization=organization))


def find_strategy(organization: Organization, public_id: str) -> Strategy | None:
    """Only this organisation's strategies: another organisation's id finds nothing."""
    return Strategy.objects.filter(organization=organization, public_id=public_id).first()


def find_factor(strategy: Strategy, public_id: str) -> SteepFactor | None:
    return strategy.factors.filter(public_id=public_id).first()


def create_strategy(
    organization: Organization, author: User | None, title: str, period: str = ""
) -> Strategy:
    """A new, empty canvas with its first revision (so history starts from nothing)."""
    title, period = title.strip(), period.strip()
    if not title:
        raise InvalidInput([_("Give the strategy a title.")])
    with transaction.atomic():
        strategy = Strategy.objects.create(
            organization=organization, title=title[:200], period=period[:60], created_by=author
        )
        editing.record(strategy, author, Revision.Action.CREATED, "", "")
    return strategy


def set_team_role(strategy: Strategy, user: User, role: str) -> None:
    """Give ``user`` a design-team role in this strategy ("" removes it); members only."""
    if not Membership.objects.filter(organization=strategy.organization, user=user).exists():
        raise NotFound("member")
    if not role:
        TeamRole.objects.filter(strategy=strategy, user=user).delete()
        return
    if role not in DesignRole.values:
        raise InvalidInput([_("Choose one of the design-team roles.")])
    TeamRole.objects.update_or_create(strategy=strategy, user=user, defaults={"role": role})


def snapshot(strategy: Strategy) -> dict[str, Any]:
    """The strategy as plain data: the canvas, STEEP factors (ranked) and filled team roles."""
    return {
        "strategy": {
            "id": strategy.public_id,
            "title": strategy.title,
            "period": strategy.period,
            "organization": strategy.organization.slug,
        },
        "canvas": strategy.canvas,
        "steep": [factor_dict(f) for f in ranked_factors(strategy)],
        "team_roles": sorted(set(strategy.team.values_list("role", flat=True))),
    }


def compare_revisions(strategy: Strategy, older: int, newer: int) -> list[BlockDiff]:
    """Per-block differences between two revision numbers of this strategy."""
    found = {r.number: r for r in strategy.revisions.filter(number__in=[older, newer])}
    if older not in found or newer not in found:
        raise NotFound("revision")
    return compare(found[older].snapshot, found[newer].snapshot)
