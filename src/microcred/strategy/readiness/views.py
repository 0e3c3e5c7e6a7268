"""HTTP for the readiness self-assessment and its recommendations.

Roles: like the canvas, every member of the organisation (any role) fills and reads it;
a non-member or another organisation's strategy gets 404 (``org_view`` and ``strategy_of``).
Each member fills their own draft (``drafts``), kept as they answer.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.organizations.access import OrgContext, org_view
from microcred.strategy.content import current_language
from microcred.strategy.errors import InvalidInput, NotFound
from microcred.strategy.models import Strategy
from microcred.strategy.readiness import assessing, drafts
from microcred.strategy.readiness import page as readiness_page
from microcred.strategy.readiness.engine import default_kb
from microcred.strategy.scope import strategy_of, url_for, user_of


def _questions(page: drafts.Page) -> list[dict[str, Any]]:
    """The page's questions with each option marked as chosen or not (for the radios)."""
    return [
        {
            "question": q,
            "options": [
                {
                    "value": str(o.value),
                    "label": o.label,
                    "checked": o.value == page.answers.get(q.signal),
                }
                for o in q.options
            ],
        }
        for q in page.section.questions
    ]


def _page_number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 4 else None


def _questionnaire(
    request: HttpRequest, org: OrgContext, strategy: Strategy, page: drafts.Page, status: int = 200
) -> HttpResponse:
    context = {
        "org": org,
        "strategy": strategy,
        "page": page,
        "questions": _questions(page),
        "pages": [(n, s.title) for n, s in enumerate(drafts.sections(default_kb()), start=1)],
        "answer_url": url_for("readiness_answer", org, strategy),
        "assessments": strategy.assessments.select_related("author"),
    }
    return render(request, "strategy/readiness.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@org_view()
def readiness(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    """One page of the questionnaire (``?page=n``; else where the member left off).

    Posting a page keeps its answers and goes on ("Save and continue"), back, or, from the
    last page, scores the whole questionnaire.
    """
    strategy, user, kb = strategy_of(org, sid), user_of(request), default_kb()
    draft = drafts.draft_of(strategy, user)
    if request.method != "POST":
        page = drafts.page_of(draft, kb, _page_number(request.GET.get("page")))
        drafts.go_to(draft, page.number, page.count)
        return _questionnaire(request, org, strategy, page)
    number = _page_number(request.POST.get("page")) or 1
    try:
        draft = drafts.save_page(strategy, user, number, request.POST.dict(), kb)
        if request.POST.get("action") == "finish":
            saved = drafts.finish(strategy, user, kb)
            slug, sid = org.organization.slug, strategy.public_id
            return redirect("strategy:readiness_result", org=slug, sid=sid, aid=saved.public_id)
    except InvalidInput as error:
        for message in error.messages:
            messages.error(request, message)
        return _questionnaire(request, org, strategy, drafts.page_of(draft, kb, number), 400)
    step = -1 if request.POST.get("action") == "back" else 1
    page = drafts.page_of(draft, kb, number)
    drafts.go_to(draft, number + step, page.count)
    return redirect(url_for("readiness", org, strategy) + f"?page={draft.section + 1}")


@require_POST
@org_view()
def readiness_answer(request: HttpRequest, org: OrgContext, sid: str) -> JsonResponse:
    """Autosave of one answer (the page's script posts each change, with its CSRF token).

    Answers JSON: ``{"saved": true, "answered": n, "total": m}``, or a translated ``error``
    (400); a question that does not exist is 404, like another organisation's strategy.
    """
    strategy, kb = strategy_of(org, sid), default_kb()
    try:
        draft = drafts.save_answer(
            strategy,
            user_of(request),
            request.POST.get("signal", ""),
            request.POST.get("value", ""),
            kb,
        )
    except NotFound as error:
        raise Http404 from error
    except InvalidInput as error:
        return JsonResponse({"saved": False, "error": "; ".join(error.messages)}, status=400)
    page = drafts.page_of(draft, kb)
    return JsonResponse({"saved": True, "answered": page.answered, "total": page.total})


@require_safe
@org_view()
def readiness_result(request: HttpRequest, org: OrgContext, sid: str, aid: str) -> HttpResponse:
    """Scores per dimension and practice, gates, the radar, and progress since last time."""
    strategy = strategy_of(org, sid)
    history = assessing.history_of(strategy, aid)
    if history is None:
        raise Http404
    kb, language = default_kb(), current_language()
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
        "recommendations": readiness_page.recommendations(latest, current_language())
        if latest
        else [],
        "questionnaire_url": reverse(
            "strategy:readiness", kwargs={"org": org.organization.slug, "sid": strategy.public_id}
        ),
    }
    return render(request, "strategy/recommendations.html", context)
