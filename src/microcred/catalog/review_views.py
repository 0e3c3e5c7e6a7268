"""HTTP for reviews: the designer submits, the QA body's reviewers decide, admins set policy.

Roles (through ``org_view``: non-members 404, members without the role 403):
- submit: programme designers and admins of the provider that owns the version;
- queue and review page: QA reviewers and admins of the QA body the review was sent to
  (any other organisation, a provider included, answers 404);
- approval policy: admins of a provider.
A refused step re-renders its page with the reason and a 409; nothing of it is kept.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.catalog import approvals, review, services
from microcred.catalog.checks import element_label
from microcred.catalog.element_rows import Language, element_rows
from microcred.catalog.errors import ReviewRefused
from microcred.catalog.models_review import Review
from microcred.catalog.review_forms import PolicyForm, ReviewForm, SubmitForm
from microcred.catalog.views import version_page
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.vc.elements import missing_mandatory

EDITORS = (Role.DESIGNER, Role.ADMIN)
REVIEWERS = (Role.QA_REVIEWER, Role.ADMIN)


def _qa_body(org: OrgContext) -> Organization:
    if org.organization.kind != Organization.Kind.QA_BODY:
        raise Http404
    return org.organization


def _provider(org: OrgContext) -> Organization:
    if org.organization.kind != Organization.Kind.PROVIDER:
        raise Http404
    return org.organization


@require_POST
@org_view(*EDITORS)
def version_submit(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    version = services.get_version(_provider(org), version_id)
    if version is None:
        raise Http404
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return version_page(request, org, version, submit_form=form, status=400)
    qa_body = review.qa_bodies().get(slug=form.cleaned_data["qa_body"])
    try:
        review.submit(version, qa_body, by=request.user, note=form.cleaned_data["note"])  # type: ignore[arg-type]
    except ReviewRefused as refused:
        return version_page(request, org, version, error=refused.message, status=409)
    return redirect("catalog:version", org=org.organization.slug, version_id=version.public_id)


@require_safe
@org_view(*REVIEWERS)
def review_queue(request: HttpRequest, org: OrgContext) -> HttpResponse:
    qa_body = _qa_body(org)
    context = {
        "org": org,
        "waiting": review.queue(qa_body),
        "decided": review.decided(qa_body),
    }
    return render(request, "catalog/review_queue.html", context)


@require_http_methods(["GET", "POST"])
@org_view(*REVIEWERS)
def review_detail(request: HttpRequest, org: OrgContext, review_id: str) -> HttpResponse:
    found = review.get_review(_qa_body(org), review_id)
    if found is None:
        raise Http404
    if request.method == "GET":
        form = ReviewForm(initial=ReviewForm.initial_from(found.answers))
        return _review_page(request, org, found, form)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _review_page(request, org, found, form, status=400)
    try:
        _act(found, form, request.user)
    except ReviewRefused as refused:
        found.refresh_from_db()
        return _review_page(request, org, found, form, error=refused.message, status=409)
    return redirect("catalog:review", org=org.organization.slug, review_id=found.public_id)


@transaction.atomic
def _act(found: Review, form: ReviewForm, user: Any) -> None:
    """One step, all or nothing: the answers are kept only if the step itself succeeds."""
    data = form.cleaned_data
    answers, comment = form.answers(), data["comment"]
    if data["action"] == "return":
        review.return_for_changes(found, by=user, answers=answers, comment=comment)
    elif data["action"] == "approve":
        review.approve(found, by=user, answers=answers, comment=comment)
    else:
        review.record(found, by=user, answers=answers, comment=comment)


def _review_page(
    request: HttpRequest,
    org: OrgContext,
    found: Review,
    form: ReviewForm,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    version = found.version
    el = services.elements_of(version)
    lang: Language = "tr" if (get_language() or "en").startswith("tr") else "en"
    context = {
        "org": org,
        "review": found,
        "version": version,
        "provider": version.specification.organization,
        "rows": element_rows(el, lang),
        "missing": [element_label(c) for c in missing_mandatory(el, for_specification=True)],
        "problems": services.readiness(version).problems,
        "form": form,
        "history": review.history_of(version),
        "approval": approvals.approval_of(version),
        "error": error,
    }
    return render(request, "catalog/review.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view(Role.ADMIN)
def approval_policy(request: HttpRequest, org: OrgContext) -> HttpResponse:
    provider = _provider(org)
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            required = form.cleaned_data["approval_required"]
            approvals.set_approval_required(provider, required, by=request.user)  # type: ignore[arg-type]
            return redirect("catalog:approval_policy", org=provider.slug)
        status = 400
    else:
        form = PolicyForm(initial={"approval_required": approvals.approval_required(provider)})
        status = 200
    context = {"org": org, "form": form, "required": approvals.approval_required(provider)}
    return render(request, "catalog/approval_policy.html", context, status=status)
