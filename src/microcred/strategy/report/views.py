"""HTTP for the strategy report: an HTML page and a PDF, in the URL's language.

Roles: every member of the organisation reads the report; others get 404 (``org_view``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from microcred.organizations.access import OrgContext, org_view
from microcred.strategy.content import current_language
from microcred.strategy.report import build as report
from microcred.strategy.scope import strategy_of


@require_safe
@org_view()
def report_page(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    context = report.report_context(strategy, current_language())
    kwargs = {"org": org.organization.slug, "sid": strategy.public_id}
    context.update(org=org, pdf_url=reverse("strategy:report_pdf", kwargs=kwargs))
    return render(request, "strategy/report.html", context)


@require_safe
@org_view()
def report_pdf(request: HttpRequest, org: OrgContext, sid: str) -> HttpResponse:
    strategy = strategy_of(org, sid)
    language = current_language()
    pdf = report.render_report_pdf(strategy, language)
    name = f"{slugify(strategy.title) or 'strategy'}-{language}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
