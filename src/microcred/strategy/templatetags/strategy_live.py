"""``{% live_metrics org strategy %}``: live platform values beside the canvas's indicators.

A template tag so the canvas page shows them without its view knowing about metrics.
"""

from __future__ import annotations

from typing import Any

from django import template

from microcred.organizations.access import OrgContext
from microcred.strategy.canvas.metrics import live_indicators
from microcred.strategy.models import Strategy

register = template.Library()


@register.inclusion_tag("strategy/_live_metrics.html")
def live_metrics(org: OrgContext, strategy: Strategy) -> dict[str, Any]:
    return {"live": live_indicators(strategy.canvas, org.organization)}
