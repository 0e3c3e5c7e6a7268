"""HTTP for the catalogue: thin views over ``services`` and ``checks``.

Roles: any member may view; programme designers and organisation admins edit, check and
publish (``org_view``: non-members get 404, members without the role 403). The ESCO skill
search is for any signed-in user: the list is public data.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.catalog import approvals, review, services
from microcred.catalog.checks import (
    CheckReport,
    check_specification,
    element_label,
    stored_problems,
)
from microcred.catalog.elements_form import initial_from
from microcred.catalog.errors import Incomplete, ReviewRefused
from microcred.catalog.forms import SpecificationForm
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.preview import preview_json
from microcred.catalog.review_forms import SubmitForm
from microcred.catalog.skills import MIN_QUERY, localised, search_skills, skill_by_uri
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.vc.elements import missing_mandatory

EDITORS = (Role.DESIGNER, Role.ADMIN)


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _awarding_body_id(request: HttpRequest, org: OrgContext) -> str:
    """The organisation's did:web (``did:web:<host>:orgs:<slug>``; a port's colon encoded)."""
    return f"did:web:{request.get_host().replace(':', '%3A')}:orgs:{org.organization.slug}"


def _version(org: OrgContext, version_id: str) -> SpecificationVersion:
    version = services.get_version(org.organization, version_id)
    if version is None:
        raise Http404
    return version


def _preview(request: HttpRequest, report: CheckReport, achievement_id: str) -> str:
    if report.elements is None:
        return ""
    return preview_json(
        report.elements,
        achievement_id=achievement_id,
        description=report.description,
        now=datetime.now(UTC),
    )


@require_safe
@org_view()
def specification_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    context = {
        "org": org,
        "specifications": services.versions_of(org.organization),
        "can_edit": org.has(*EDITORS),
    }
    return render(request, "catalog/list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(*EDITORS)
def specification_new(request: HttpRequest, org: OrgContext) -> HttpResponse:
    organization = org.organization
    if request.method == "POST":
        form = SpecificationForm(request.POST)
        report = check_specification(form, awarding_body_id=_awarding_body_id(request, org))
        if not report.blocking and report.elements is not None:
            version = services.create_specification(
                organization,
                request.user,  # type: ignore[arg-type]
                report.elements,
                hours_per_ects=report.hours_per_ects,
                description=report.description,
            )
            return redirect("catalog:version", org=organization.slug, version_id=version.public_id)
        return _editor(request, org, form, report, status=400)
    initial = {"awarding_body_name": organization.name, "country": organization.country}
    form = SpecificationForm(initial=initial)
    return _editor(request, org, form, None)


@require_http_methods(["GET", "POST"])
@org_view(*EDITORS)
def version_edit(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    version = _version(org, version_id)
    if version.status == SpecificationVersion.Status.SUBMITTED:
        return version_page(
            request, org, version, error=services.under_review_message(), status=409
        )
    if request.method == "POST":
        form = SpecificationForm(request.POST)
        report = check_specification(form, awarding_body_id=_awarding_body_id(request, org))
        if not report.blocking and report.elements is not None:
            try:
                saved = services.save_draft(
                    version,
                    report.elements,
                    hours_per_ects=report.hours_per_ects,
                    description=report.description,
                )
            except ReviewRefused as refused:  # submitted meanwhile, from another tab
                return version_page(request, org, version, error=refused.message, status=409)
            return redirect(
                "catalog:version", org=org.organization.slug, version_id=saved.public_id
            )
        return _editor(request, org, form, report, version=version, status=400)
    el = services.elements_of(version)
    form = SpecificationForm(initial=initial_from(el, version.hours_per_ects, version.description))
    return _editor(request, org, form, None, version=version)


def _editor(
    request: HttpRequest,
    org: OrgContext,
    form: SpecificationForm,
    report: CheckReport | None,
    *,
    version: SpecificationVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "org": org,
        "form": form,
        "version": version,
        "report": report,
        "picked": localised(
            [s for uri in _picked(form) if (s := skill_by_uri(uri)) is not None], get_language()
        ),
    }
    return render(request, "catalog/editor.html", context, status=status)


def _picked(form: SpecificationForm) -> list[str]:
    if form.is_bound:
        return form.data.getlist("esco_skills")  # type: ignore[no-any-return, attr-defined]
    return list(form.initial.get("esco_skills", []))


@require_POST
@org_view(*EDITORS)
def check(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The HTMX fragment under the editor: open checks, then the credential preview."""
    form = SpecificationForm(request.POST)
    report = check_specification(form, awarding_body_id=_awarding_body_id(request, org))
    preview_id = f"{_base_url(request)}/catalog/achievements/preview"
    context = {"report": report, "preview": _preview(request, report, preview_id)}
    return render(request, "catalog/_checks.html", context)


@require_safe
@org_view()
def version_detail(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    return version_page(request, org, _version(org, version_id))


def version_page(
    request: HttpRequest,
    org: OrgContext,
    version: SpecificationVersion,
    *,
    submit_form: SubmitForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The version with its checks, its review history and what the caller may do next."""
    el = services.elements_of(version)
    achievement_id = services.achievement_id(version, base_url=_base_url(request))
    report = CheckReport(
        missing=[element_label(c) for c in missing_mandatory(el, for_specification=True)],
        problems=stored_problems(el, version.hours_per_ects),
        elements=el,
        hours_per_ects=version.hours_per_ects,
        description=version.description,
    )
    context = {
        "org": org,
        "version": version,
        "versions": version.specification.versions.order_by("number"),
        "el": el,
        "report": report,
        "preview": _preview(request, report, achievement_id),
        "can_edit": org.has(*EDITORS),
        "error": error,
        **_review_context(org, version, submit_form),
    }
    return render(request, "catalog/version.html", context, status=status)


def _review_context(
    org: OrgContext, version: SpecificationVersion, submit_form: SubmitForm | None
) -> dict[str, object]:
    return {
        "submit_form": submit_form or SubmitForm(),
        "open_review": review.open_review(version),
        "history": review.history_of(version),
        "approval": approvals.approval_of(version),
        "approval_required": approvals.approval_required(org.organization),
    }


@require_POST
@org_view(*EDITORS)
def version_publish(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    version = _version(org, version_id)
    try:
        services.publish(version)
    except Incomplete:  # the page lists what is open; 409: the version is not ready
        return version_page(request, org, version, status=409)
    except ReviewRefused as refused:
        return version_page(request, org, version, error=refused.message, status=409)
    return redirect("catalog:version", org=org.organization.slug, version_id=version.public_id)


@require_safe
@login_required
def skill_search(request: HttpRequest) -> HttpResponse:
    """ESCO skills for a query: an HTML fragment for HTMX, JSON for ``Accept: application/json``.

    Labels are in the page's language where we have one; an empty answer carries a hint,
    because a person who finds nothing otherwise cannot tell a typo from a missing skill."""
    query = request.GET.get("q", "")
    skills = localised(search_skills(query), get_language())
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": [{"uri": s.uri, "label": s.label} for s in skills]})
    context = {"skills": skills, "searched": len(query.strip()) >= MIN_QUERY}
    return render(request, "catalog/_skill_results.html", context)


@require_safe
@login_required
def skill_pick(request: HttpRequest) -> HttpResponse:
    """One picked skill as a checked box inside the editor form (HTMX appends it)."""
    skill = skill_by_uri(request.GET.get("uri", ""))
    if skill is None:
        raise Http404
    context = {"skill": localised([skill], get_language())[0]}
    return render(request, "catalog/_skill_picked.html", context)
