"""The Opportunity Scoping canvas as one typed document, validated by pydantic.

Why one JSON document per strategy and not one table per item type: the canvas is always read,
checked, snapshotted and compared as a whole (the checks and the history work on the whole
canvas), its item types are many and small, and links between items (a value proposition's
target group, a cost centre's funding source) live inside the document, so a revision is just
a copy of it and a diff compares two plain dicts. Concurrent edits stay safe because every
change is applied item by item to the freshly locked row (see ``services.apply``), never by
writing back a whole stale document. The document holds no personal data beyond the names
of owners and contacts the team chooses to write down (free text, for accountability).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from microcred.strategy.canvas.amounts import CURRENCY_LABELS

BLOCKS = (
    "target",
    "value",
    "governance",
    "resources",
    "partnerships",
    "budget",
    "performance",
    "improvement",
)
PLATFORM_METRICS = (
    "credentials_issued",
    "credentials_claimed",
    "credentials_shared",
    "credentials_verified",
    "specifications_published",
)
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Ref = Annotated[str, StringConstraints(max_length=32)] | None


def new_item_id() -> str:
    """Opaque, stable id of an item inside the document (links and diffs follow it)."""
    return secrets.token_urlsafe(8)


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, StringConstraints(min_length=1, max_length=32)]


class TargetGroup(Item):
    name: Required
    needs: Long = ""
    barriers: Long = ""


class ValueProposition(Item):
    audience: Literal["learners", "organisation", "external"] = "learners"
    statement: Required
    target_group: Ref = None
    steep_factor: Ref = None


class GovernanceRole(Item):
    person: Required
    kind: Literal["decides", "implements"] = "decides"
    role: Short = ""


class Interface(Item):
    unit: Required
    need: Long = ""


class Activity(Item):
    description: Required
    owner: Short = ""


class Partnership(Item):
    partner: Required
    kind: Literal["internal", "external"] = "external"
    role: Long = ""


Currency = Literal["TRY", "EUR", "USD"]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)] | None


class CostCentre(Item):
    name: Required
    amount: Amount = None
    currency: Currency = "TRY"
    funding_source: Ref = None


class RevenueSource(Item):
    name: Required
    amount: Amount = None
    currency: Currency = "TRY"


class Indicator(Item):
    kind: Literal["success", "failure"] = "success"
    description: Required
    baseline: Short = ""
    target: Short = ""
    deadline: date | None = None
    data_source: Short = ""
    owner: Short = ""
    metric: Literal[PLATFORM_METRICS] | None = None  # type: ignore[valid-type]


class Risk(Item):
    description: Required
    level: Literal["low", "medium", "high"] = "medium"
    mitigation: Long = ""
    owner: Short = ""
    steep_factor: Ref = None


class InputChannel(Item):
    stakeholders: Required
    method: Short = ""
    frequency: Short = ""


class ImprovementAction(Item):
    description: Required
    owner: Short = ""
    due: date | None = None


class Canvas(BaseModel):
    """The whole canvas: free notes per block plus the structured items."""

    model_config = ConfigDict(extra="forbid")
    notes: dict[Literal[BLOCKS], Long] = Field(default_factory=dict)  # type: ignore[valid-type]
    target_groups: list[TargetGroup] = []
    value_propositions: list[ValueProposition] = []
    governance_roles: list[GovernanceRole] = []
    interfaces: list[Interface] = []
    activities: list[Activity] = []
    partnerships: list[Partnership] = []
    cost_centres: list[CostCentre] = []
    revenue_sources: list[RevenueSource] = []
    indicators: list[Indicator] = []
    risks: list[Risk] = []
    input_channels: list[InputChannel] = []
    improvement_actions: list[ImprovementAction] = []


@dataclass(frozen=True)
class FieldSpec:
    """How one item field is edited: widget kind, label, choices, and what a ref points at."""

    name: str
    label: str | Promise
    widget: Literal["text", "textarea", "choice", "date", "amount", "ref", "readonly"] = "text"
    choices: tuple[tuple[str, str | Promise], ...] = ()
    ref_kind: str = ""


@dataclass(frozen=True)
class KindSpec:
    """One item type: the block it belongs to, its model, labels and editable fields."""

    kind: str
    block: str
    model: type[Item]
    label: str | Promise
    plural: str | Promise
    title_field: str
    fields: tuple[FieldSpec, ...]


AUDIENCES = (
    ("learners", _("Learners")),
    ("organisation", _("The organisation")),
    ("external", _("External stakeholders")),
)
LEVELS = (("low", _("Low")), ("medium", _("Medium")), ("high", _("High")))
METRIC_LABELS = (
    ("credentials_issued", _("Credentials issued")),
    ("credentials_claimed", _("Credentials claimed")),
    ("credentials_shared", _("Credentials shared")),
    ("credentials_verified", _("Credentials verified")),
    ("specifications_published", _("Specifications published")),
)

KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            "target_groups",
            "target",
            TargetGroup,
            _("Target group"),
            _("Target groups"),
            "name",
            (
                FieldSpec("name", _("Group")),
                FieldSpec("needs", _("Needs"), "textarea"),
                FieldSpec("barriers", _("Barriers"), "textarea"),
            ),
        ),
        KindSpec(
            "value_propositions",
            "value",
            ValueProposition,
            _("Value proposition"),
            _("Value propositions"),
            "statement",
            (
                FieldSpec("audience", _("For"), "choice", AUDIENCES),
                FieldSpec("statement", _("Value"), "textarea"),
                FieldSpec("target_group", _("Target group"), "ref", ref_kind="target_groups"),
                FieldSpec("steep_factor", _("From STEEP factor"), "readonly"),
            ),
        ),
        KindSpec(
            "governance_roles",
            "governance",
            GovernanceRole,
            _("Decision maker or implementer"),
            _("Decision makers and implementers"),
            "person",
            (
                FieldSpec("person", _("Person or body")),
                FieldSpec(
                    "kind",
                    _("Responsibility"),
                    "choice",
                    (("decides", _("Decides")), ("implements", _("Implements"))),
                ),
                FieldSpec("role", _("Position or role")),
            ),
        ),
        KindSpec(
            "interfaces",
            "governance",
            Interface,
            _("Key interface"),
            _("Key interfaces"),
            "unit",
            (
                FieldSpec("unit", _("Unit")),
                FieldSpec("need", _("What we need from it"), "textarea"),
            ),
        ),
        KindSpec(
            "activities",
            "resources",
            Activity,
            _("Activity or resource"),
            _("Activities and resources"),
            "description",
            (FieldSpec("description", _("Activity"), "textarea"), FieldSpec("owner", _("Owner"))),
        ),
        KindSpec(
            "partnerships",
            "partnerships",
            Partnership,
            _("Partnership"),
            _("Partnerships"),
            "partner",
            (
                FieldSpec("partner", _("Partner")),
                FieldSpec(
                    "kind",
                    _("Internal or external"),
                    "choice",
                    (("internal", _("Internal")), ("external", _("External"))),
                ),
                FieldSpec("role", _("Role and contribution"), "textarea"),
            ),
        ),
        KindSpec(
            "cost_centres",
            "budget",
            CostCentre,
            _("Cost centre"),
            _("Cost centres"),
            "name",
            (
                FieldSpec("name", _("Cost centre")),
                FieldSpec("amount", _("Amount"), "amount"),
                FieldSpec("currency", _("Currency"), "choice", CURRENCY_LABELS),
                FieldSpec("funding_source", _("Funding source"), "ref", ref_kind="revenue_sources"),
            ),
        ),
        KindSpec(
            "revenue_sources",
            "budget",
            RevenueSource,
            _("Revenue source"),
            _("Revenue sources"),
            "name",
            (
                FieldSpec("name", _("Source")),
                FieldSpec("amount", _("Amount"), "amount"),
                FieldSpec("currency", _("Currency"), "choice", CURRENCY_LABELS),
            ),
        ),
        KindSpec(
            "indicators",
            "performance",
            Indicator,
            _("Indicator"),
            _("Indicators"),
            "description",
            (
                FieldSpec(
                    "kind",
                    _("Indicates"),
                    "choice",
                    (("success", _("Success")), ("failure", _("Failure or need to rethink"))),
                ),
                FieldSpec("description", _("Indicator"), "textarea"),
                FieldSpec("baseline", _("Baseline")),
                FieldSpec("target", _("Target")),
                FieldSpec("deadline", _("Deadline"), "date"),
                FieldSpec("data_source", _("Data source")),
                FieldSpec("owner", _("Owner")),
                FieldSpec("metric", _("Platform metric"), "choice", METRIC_LABELS),
            ),
        ),
        KindSpec(
            "risks",
            "improvement",
            Risk,
            _("Risk"),
            _("Risks"),
            "description",
            (
                FieldSpec("description", _("Risk"), "textarea"),
                FieldSpec("level", _("Level"), "choice", LEVELS),
                FieldSpec("mitigation", _("Mitigation"), "textarea"),
                FieldSpec("owner", _("Owner")),
                FieldSpec("steep_factor", _("From STEEP factor"), "readonly"),
            ),
        ),
        KindSpec(
            "input_channels",
            "improvement",
            InputChannel,
            _("Stakeholder input channel"),
            _("Stakeholder input channels"),
            "stakeholders",
            (
                FieldSpec("stakeholders", _("Stakeholders")),
                FieldSpec("method", _("How they give input")),
                FieldSpec("frequency", _("How often")),
            ),
        ),
        KindSpec(
            "improvement_actions",
            "improvement",
            ImprovementAction,
            _("Improvement action"),
            _("Improvement actions"),
            "description",
            (
                FieldSpec("description", _("Action"), "textarea"),
                FieldSpec("owner", _("Owner")),
                FieldSpec("due", _("Due"), "date"),
            ),
        ),
    )
}
NULLABLE_WIDGETS = frozenset({"date", "amount", "ref"})


def kinds_of(block: str) -> list[KindSpec]:
    return [spec for spec in KINDS.values() if spec.block == block]


def empty_canvas() -> dict[str, Any]:
    return Canvas().model_dump(mode="json")


def item_title(kind: str, item: dict[str, Any]) -> str:
    return str(item.get(KINDS[kind].title_field) or "")
