"""The STEEP workspace: recording factors, the theme library, and sending factors to the canvas."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.strategy.canvas import editing
from microcred.strategy.canvas.document import new_item_id
from microcred.strategy.content import Theme, starter_themes
from microcred.strategy.errors import InvalidInput
from microcred.strategy.models import Revision, SteepFactor, SteepTheme, Strategy
from microcred.strategy.steep.scoring import band, ranked

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Lens = Literal["social", "technological", "economic", "environmental", "political"]
Orientation = Literal["opportunity", "threat"]


class FactorInput(BaseModel):
    """What the factor form may set; the rest (links, author) is the service's business."""

    model_config = ConfigDict(extra="ignore")
    lens: Lens
    orientation: Orientation
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    theme: Annotated[str, StringConstraints(max_length=64)] = ""
    impact: int = Field(ge=1, le=5)
    likelihood: int = Field(ge=1, le=5)
    evidence: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = ""
    source: Text = ""


FIELD_LABELS = {
    "lens": gettext_lazy("Lens"),
    "orientation": gettext_lazy("Opportunity or threat"),
    "title": gettext_lazy("Factor"),
    "impact": gettext_lazy("Impact"),
    "likelihood": gettext_lazy("Likelihood"),
}


def parse_factor(data: dict[str, Any]) -> FactorInput:
    try:
        return FactorInput.model_validate(data)
    except ValidationError as error:
        names = sorted({str(d["loc"][0]) for d in error.errors() if d["loc"]})
        raise InvalidInput(
            [
                _("Check this field: %(field)s.") % {"field": str(FIELD_LABELS.get(n, n))}
                for n in names
            ]
        ) from error


def add_factor(strategy: Strategy, author: User | None, data: dict[str, Any]) -> SteepFactor:
    values = parse_factor(data).model_dump()
    return SteepFactor.objects.create(strategy=strategy, created_by=author, **values)


def update_factor(factor: SteepFactor, data: dict[str, Any]) -> SteepFactor:
    for name, value in parse_factor(data).model_dump().items():
        setattr(factor, name, value)
    factor.save()
    return factor


def factor_dict(factor: SteepFactor) -> dict[str, Any]:
    """The factor as plain data (the checks, the ranking and the snapshot use this)."""
    sent = {"kind": factor.sent_kind, "item": factor.sent_item} if factor.sent_item else None
    return {
        "id": factor.public_id,
        "lens": factor.lens,
        "orientation": factor.orientation,
        "title": factor.title,
        "theme": factor.theme,
        "impact": factor.impact,
        "likelihood": factor.likelihood,
        "score": factor.score,
        "evidence": factor.evidence,
        "source": factor.source,
        "sent_to": sent,
    }


def ranked_factors(strategy: Strategy) -> list[SteepFactor]:
    factors = {f.public_id: f for f in strategy.factors.all()}
    return [factors[d["id"]] for d in ranked(factor_dict(f) for f in factors.values())]


def _in_canvas(strategy: Strategy, kind: str, item_id: str) -> bool:
    return any(i["id"] == item_id for i in strategy.canvas.get(kind, []))


def send_to_canvas(strategy: Strategy, factor: SteepFactor, author: User | None) -> str:
    """A threat becomes a risk (level from its score), an opportunity a value proposition.

    Both keep the factor's id, and the factor remembers the item, so each side links to the
    other. Sending again while the item still exists returns that item instead of a copy.
    """
    if factor.sent_item and _in_canvas(strategy, factor.sent_kind, factor.sent_item):
        return factor.sent_item
    if factor.orientation == SteepFactor.Orientation.THREAT:
        kind = "risks"
        item: dict[str, Any] = {"description": factor.title, "level": band(factor.score)}
    else:
        kind = "value_propositions"
        item = {"statement": factor.title, "audience": "organisation"}
    item_id = new_item_id()
    item.update(id=item_id, steep_factor=factor.public_id)

    def change(document: dict[str, Any]) -> tuple[str, str, str]:
        document.setdefault(kind, []).append(editing.validate_item(kind, item, document))
        return Revision.Action.ADDED, kind, factor.title

    with transaction.atomic():
        editing.apply(strategy, author, change)
        factor.sent_kind, factor.sent_item = kind, item_id
        factor.save(update_fields=["sent_kind", "sent_item"])
    return item_id


def themes_for(organization: Organization) -> list[Theme]:
    """The starter library in the active language, then the organisation's own themes."""
    own = [
        Theme(f"org:{t.public_id}", t.lens, t.orientation, t.title)
        for t in SteepTheme.objects.filter(organization=organization).order_by("lens", "title")
    ]
    return starter_themes() + own


def add_theme(organization: Organization, data: dict[str, Any]) -> SteepTheme:
    parsed = parse_factor({**data, "impact": 1, "likelihood": 1})
    return SteepTheme.objects.create(
        organization=organization,
        lens=parsed.lens,
        orientation=parsed.orientation,
        title=parsed.title,
    )
