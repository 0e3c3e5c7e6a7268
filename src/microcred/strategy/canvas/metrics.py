"""Live platform values for canvas indicators that name a platform metric.

A strategy's performance indicators ("500 credentials claimed by June") mean more when the
page shows where the organisation stands today. Values come from the other apps' read-only
functions. Nothing records verifications of an organisation's credentials yet (the public
verifier keeps no per-organisation log), so ``credentials_verified`` is reported as *not measured*
(``None``) rather than as a number that would look real and be false.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.strategy.canvas.document import METRIC_LABELS, PLATFORM_METRICS
from microcred.wallet import metrics as wallet_metrics
from microcred.wallet import services as wallet


def issued_count(organization: Organization) -> int:
    # issuing offers no counting service yet; this is a read-only count of its rows.
    return Award.objects.filter(organization=organization).count()


def published_count(organization: Organization) -> int:
    """Specifications with at least one published version."""
    published = SpecificationVersion.Status.PUBLISHED
    return sum(
        any(v.status == published for v in spec.versions.all())
        for spec in catalog.versions_of(organization)
    )


SOURCES: dict[str, Callable[[Organization], int] | None] = {
    "credentials_issued": issued_count,
    "credentials_claimed": wallet.claimed_count,
    "credentials_shared": wallet_metrics.shared_count,
    "credentials_verified": None,
    "specifications_published": published_count,
}
assert set(SOURCES) == set(PLATFORM_METRICS)


@dataclass(frozen=True)
class LiveIndicator:
    """An indicator of the canvas with the platform's value today (None: not measured)."""

    description: str
    metric: str
    label: str | Promise
    baseline: str
    target: str
    deadline: str
    value: int | None


def live_values(organization: Organization) -> dict[str, int | None]:
    return {name: (fn(organization) if fn else None) for name, fn in SOURCES.items()}


def live_indicators(canvas: dict[str, Any], organization: Organization) -> list[LiveIndicator]:
    """The canvas's indicators that name a metric, each with its live value."""
    labels = dict(METRIC_LABELS)
    wanted = [i for i in canvas.get("indicators", []) if i.get("metric") in SOURCES]
    if not wanted:
        return []
    values = live_values(organization)
    return [
        LiveIndicator(
            description=str(i.get("description") or ""),
            metric=i["metric"],
            label=labels.get(i["metric"], i["metric"]),
            baseline=str(i.get("baseline") or ""),
            target=str(i.get("target") or ""),
            deadline=str(i.get("deadline") or ""),
            value=values[i["metric"]],
        )
        for i in wanted
    ]
