"""Where a request stands, read from its append-only history (nothing else is stored).

waiting → decided → (appealed → final); a decision nobody appeals is final for practical
purposes but the learner may still appeal it once.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization
from microcred.recognition.models import Appeal, Decision, Request


class Stage(StrEnum):
    WAITING = "waiting"
    DECIDED = "decided"
    APPEALED = "appealed"
    FINAL = "final"


LABELS = {
    Stage.WAITING: _("Waiting for a reviewer"),
    Stage.DECIDED: _("Decided"),
    Stage.APPEALED: _("Appealed: waiting for the answer"),
    Stage.FINAL: _("Final: the appeal was answered"),
}


def stage_of(request: Request) -> Stage:
    stages = {d.stage for d in request.decisions.all()}
    if Decision.Stage.APPEAL in stages:
        return Stage.FINAL
    if Appeal.objects.filter(request=request).exists():
        return Stage.APPEALED
    return Stage.DECIDED if stages else Stage.WAITING


def first_decision(request: Request) -> Decision | None:
    return next((d for d in request.decisions.all() if d.stage == Decision.Stage.FIRST), None)


def latest_decision(request: Request) -> Decision | None:
    decisions = list(request.decisions.all())
    return decisions[-1] if decisions else None


def appeal_of(request: Request) -> Appeal | None:
    return Appeal.objects.filter(request=request).first()


def _of(organization: Organization) -> QuerySet[Request]:
    return Request.objects.filter(target__organization=organization).select_related("target")


def waiting(organization: Organization) -> QuerySet[Request]:
    """Requests nobody has decided yet, oldest first (the desk's queue)."""
    decided = Decision.objects.filter(request=OuterRef("pk"))
    return _of(organization).filter(~Exists(decided)).order_by("created", "pk")


def appealed(organization: Organization) -> QuerySet[Request]:
    """Appeals waiting for their answer, oldest first."""
    answered = Decision.objects.filter(request=OuterRef("pk"), stage=Decision.Stage.APPEAL)
    appeals = Appeal.objects.filter(request=OuterRef("pk"))
    return _of(organization).filter(Exists(appeals), ~Exists(answered)).order_by("created", "pk")


def decided(organization: Organization) -> QuerySet[Request]:
    """Requests with at least one decision, newest first."""
    made = Decision.objects.filter(request=OuterRef("pk"))
    return _of(organization).filter(Exists(made)).order_by("-created", "-pk")
