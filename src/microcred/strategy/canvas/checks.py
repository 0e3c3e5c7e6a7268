"""The canvas's checks: what is missing per block and what does not fit together across blocks.

Pure functions over the plain snapshot of ``services.snapshot`` (no database, no request), so
the checks panel, the progress view and the tests all see the same verdicts. Every finding has
a stable ``code`` (``<block>.<rule>``): the block it names is where the team fixes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from microcred.strategy.canvas.document import AUDIENCES, BLOCKS

MAJOR_SCORE = 15
"""A STEEP threat scoring at least this (impact × likelihood, 5 × 5 scale) belongs in the risks."""

MESSAGES: dict[str, str | Promise] = {
    "target.empty": gettext_lazy("Add at least one target group."),
    "target.no_needs": gettext_lazy("Target group “%(item)s”: describe what it needs."),
    "value.empty": gettext_lazy("Add at least one value proposition."),
    "value.no_audience": gettext_lazy("No value proposition for %(audience)s yet."),
    "value.target_without_value": gettext_lazy(
        "Target group “%(item)s” has no value proposition linked to it."
    ),
    "governance.no_decider": gettext_lazy("Name who decides on micro-credential policy."),
    "governance.no_implementer": gettext_lazy("Name who implements the strategy."),
    "resources.empty": gettext_lazy("Add at least one activity or resource."),
    "resources.no_owner": gettext_lazy("Activity “%(item)s” has no owner."),
    "partnerships.empty": gettext_lazy("Add at least one partnership."),
    "budget.no_cost_centre": gettext_lazy("Add at least one cost centre."),
    "budget.no_revenue": gettext_lazy("Add at least one revenue source."),
    "budget.unfunded": gettext_lazy("Cost centre “%(item)s” has no funding source."),
    "performance.no_success": gettext_lazy("Add at least one indicator of success."),
    "performance.no_failure": gettext_lazy("Add at least one indicator of failure."),
    "performance.not_measurable": gettext_lazy(
        "Indicator “%(item)s” is not measurable yet; add: %(missing)s."
    ),
    "performance.no_owner": gettext_lazy("Indicator “%(item)s” has no owner."),
    "improvement.no_risk": gettext_lazy("Add at least one risk."),
    "improvement.no_channel": gettext_lazy("Say how stakeholders give input for improvement."),
    "improvement.unmitigated": gettext_lazy("High risk “%(item)s” has no mitigation."),
    "improvement.risk_no_owner": gettext_lazy("High risk “%(item)s” has no owner."),
    "improvement.threat_not_in_register": gettext_lazy(
        "Major STEEP threat “%(item)s” (score %(score)s) is not among the risks."
    ),
}
MEASURABLE_PARTS: dict[str, str | Promise] = {
    "target": gettext_lazy("a target"),
    "data_source": gettext_lazy("a data source"),
    "deadline": gettext_lazy("a deadline"),
}


@dataclass(frozen=True)
class Finding:
    """One open point; ``item`` is the id of the item to fix (empty for a whole block)."""

    code: str
    item: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def block(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def message(self) -> str:
        values = dict(self.params)
        if "missing" in values:
            values["missing"] = ", ".join(str(MEASURABLE_PARTS[m]) for m in values["missing"])
        if "audience" in values:
            values["audience"] = str(dict(AUDIENCES)[values["audience"]]).lower()
        return str(MESSAGES[self.code]) % values


Items = list[dict[str, Any]]
Rule = Callable[[dict[str, Any], list[dict[str, Any]]], Iterator[Finding]]


def _title(item: dict[str, Any], name: str) -> dict[str, str]:
    return {"item": str(item.get(name) or "")}


def _target(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    groups: Items = canvas.get("target_groups", [])
    if not groups:
        yield Finding("target.empty")
    for group in groups:
        if not group.get("needs"):
            yield Finding("target.no_needs", group["id"], _title(group, "name"))


def _value(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    props: Items = canvas.get("value_propositions", [])
    if not props:
        yield Finding("value.empty")
        return
    present = {p.get("audience") for p in props}
    for audience, _label in AUDIENCES:
        if audience not in present:
            yield Finding("value.no_audience", params={"audience": audience})
    linked = {p.get("target_group") for p in props}
    for group in canvas.get("target_groups", []):
        if group["id"] not in linked:
            yield Finding("value.target_without_value", group["id"], _title(group, "name"))


def _governance(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    kinds = {r.get("kind") for r in canvas.get("governance_roles", [])}
    if "decides" not in kinds:
        yield Finding("governance.no_decider")
    if "implements" not in kinds:
        yield Finding("governance.no_implementer")


def _resources(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    activities: Items = canvas.get("activities", [])
    if not activities:
        yield Finding("resources.empty")
    for activity in activities:
        if not activity.get("owner"):
            yield Finding("resources.no_owner", activity["id"], _title(activity, "description"))


def _partnerships(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    if not canvas.get("partnerships"):
        yield Finding("partnerships.empty")


def _budget(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    costs: Items = canvas.get("cost_centres", [])
    revenues = {r["id"] for r in canvas.get("revenue_sources", [])}
    if not costs:
        yield Finding("budget.no_cost_centre")
    if not revenues:
        yield Finding("budget.no_revenue")
    for cost in costs:
        if cost.get("funding_source") not in revenues:
            yield Finding("budget.unfunded", cost["id"], _title(cost, "name"))


def _performance(canvas: dict[str, Any], _steep: Items) -> Iterator[Finding]:
    indicators: Items = canvas.get("indicators", [])
    kinds = {i.get("kind") for i in indicators}
    if "success" not in kinds:
        yield Finding("performance.no_success")
    if "failure" not in kinds:
        yield Finding("performance.no_failure")
    for indicator in indicators:
        missing = [part for part in MEASURABLE_PARTS if not indicator.get(part)]
        title = _title(indicator, "description")
        if missing:
            yield Finding(
                "performance.not_measurable", indicator["id"], {**title, "missing": missing}
            )
        if not indicator.get("owner"):
            yield Finding("performance.no_owner", indicator["id"], title)


def _improvement(canvas: dict[str, Any], steep: Items) -> Iterator[Finding]:
    risks: Items = canvas.get("risks", [])
    if not risks:
        yield Finding("improvement.no_risk")
    if not canvas.get("input_channels"):
        yield Finding("improvement.no_channel")
    for risk in risks:
        if risk.get("level") != "high":
            continue
        if not risk.get("mitigation"):
            yield Finding("improvement.unmitigated", risk["id"], _title(risk, "description"))
        if not risk.get("owner"):
            yield Finding("improvement.risk_no_owner", risk["id"], _title(risk, "description"))
    registered = {r.get("steep_factor") for r in risks}
    for factor in steep:
        major = factor.get("orientation") == "threat" and factor.get("score", 0) >= MAJOR_SCORE
        if major and factor["id"] not in registered:
            params = {"item": factor.get("title", ""), "score": factor.get("score")}
            yield Finding("improvement.threat_not_in_register", params=params)


RULES: tuple[Rule, ...] = (
    _target,
    _value,
    _governance,
    _resources,
    _partnerships,
    _budget,
    _performance,
    _improvement,
)


def check_canvas(snapshot: Mapping[str, Any]) -> list[Finding]:
    """Every open point of a strategy snapshot (``{"canvas": …, "steep": […]}``), block order."""
    canvas = snapshot.get("canvas") or {}
    steep = list(snapshot.get("steep") or [])
    return [finding for rule in RULES for finding in rule(canvas, steep)]


@dataclass(frozen=True)
class BlockProgress:
    block: str
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        return not self.findings


def progress(findings: list[Finding]) -> list[BlockProgress]:
    """Per block, in canvas order: complete, or the findings still open there."""
    return [
        BlockProgress(block, tuple(f for f in findings if f.block == block)) for block in BLOCKS
    ]
