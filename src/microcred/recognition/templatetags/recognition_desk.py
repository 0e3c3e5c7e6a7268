"""The desk on other apps' pages, without those apps importing it: the queue's counts on
an organisation's start page, and the learner's requests in the passport (Django loads
tag libraries by name, so the floors below never import this app)."""

from __future__ import annotations

from typing import Any

from django import template

from microcred.recognition import stages
from microcred.recognition.models import Request

register = template.Library()


@register.simple_tag
def desk_counts(organization: Any) -> dict[str, int]:
    """{"waiting": n, "appealed": m} for the reviewers' start page."""
    return {
        "waiting": stages.waiting(organization).count(),
        "appealed": stages.appealed(organization).count(),
    }


@register.simple_tag
def learner_requests(user: Any) -> list[tuple[Request, str]]:
    """The learner's requests with where each stands (newest first), for the passport."""
    rows = Request.objects.filter(learner=user).select_related("target", "target__organization")
    return [(row, str(stages.LABELS[stages.stage_of(row)])) for row in rows[:20]]
