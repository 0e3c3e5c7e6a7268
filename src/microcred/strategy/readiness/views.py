"""HTTP for the readiness self-assessment and its recommendations.

Roles: like the canvas, every member of the organisation (any role) fills and reads it;
a non-member or another organisation's strategy gets 404 (``org_view`` and ``_strategy``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext, org_view
from microcred.strategy.errors import InvalidInput
from microcred.strategy.http import lang, strategy_of
from microcred.strategy.readiness import assessing
from microcred.strategy.readiness import page as readiness_page
from microcred.strategy.readiness.engine import KnowledgeBase, default_kb, questionnaire
from microcred.strategy.readiness.engine.answers import Answer


def _form(kb: KnowledgeBase, answers: dict[str, Answer]) -> list[dict[str, Any]]:
    """Questionnaire sections with each option marked as chosen or not (for the radios)."""
    return [
        {
            "section": section,
            "questions": [
                {
                    "question": q,
                    "options": [
                        {
                            "value": str(o.value),
                            "label": o.label,
                            "checked": o.value == answers.get(q.signal),
                        }
                        for o in q.options
                    ],
                }
                for q in section.questions
            ],
        }
        for section in questionnaire(kb, lang())
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@org_view()
def readiness(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """The questionnaire, prefilled with the latest answers; saving scores it at once."""
    strategy = strategy_of(org, sid)
    kb = default_kb()
    answers: dict[str, Answer] = {}
    if request.method == "POST":
        author = request.user if isinstance(request.user, User) else None
        try:
            answers = assessing.answers_from_form(request.POST.dict(), kb)
            saved = assessing.save_assessment(strategy, author, answers, kb=kb)
        except InvalidInput as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return redirect(
                "strategy:readiness_result",
                org=org.organization.slug,
                sid=strategy.public_id,
                aid=saved.public_id,
            )
    else:
        latest = assessing.latest(strategy)
        answers = dict(latest.answers) if latest else {}
    context = {
        "org": org,
        "strategy": strategy,
        "sections": _form(kb, answers),
        "assessments": strategy.assessments.select_related("author"),
    }
    return render(request, "strategy/readiness.html", context)


@require_safe
@org_view()
def readiness_result(request: HttpRequest, org: OrgContext, sid: str, aid: str) -> HttpResponse:
    """Scores per dimension and practice, gates, the radar, and progress since last time."""
    strategy = strategy_of(org, sid)
    history = assessing.history_of(strategy, aid)
    if history is None:
        raise Http404
    kb, language = default_kb(), lang()
    context = {
        "org": org,
        "strategy": strategy,
        "history": history,
        "radar": readiness_page.radar(history, language),
        "dimensions": readiness_page.dimensions(history, kb, language),
        "progress": readiness_page.progress_lines(history, language),
    }
    return render(request, "strategy/readiness_result.html", context)


@require_safe
@org_view()
def recommendations(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """The prioritised recommendations of the latest assessment (or none yet)."""
    strategy = strategy_of(org, sid)
    latest = assessing.latest(strategy)
    context = {
        "org": org,
        "strategy": strategy,
        "assessment": latest,
        "recommendations": readiness_page.recommendations(latest, lang()) if latest else [],
        "questionnaire_url": reverse(
            "strategy:readiness", kwargs={"org": org.organization.slug, "sid": strategy.public_id}
        ),
    }
    return render(request, "strategy/recommendations.html", context)
