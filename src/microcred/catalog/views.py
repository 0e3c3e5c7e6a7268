"""HTTP for the catalogue: thin views over ``services`` and ``checks``.

Roles: any member may view; programme designers and organisation admins edit, check and
publish (``org_view``: non-members get 404, members without the role 403). The ESCO skill
search is for any signed-in user: the list is public data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.models import User
from microcred.catalog import approvals, review, services
from microcred.catalog.checks import CheckReport, check_specification
from microcred.catalog.editor_layout import GROUPS, grouped
from microcred.catalog.elements_form import as_form_data, initial_from
from microcred.catalog.errors import Incomplete, ReviewRefused
from microcred.catalog.forms import SpecificationForm
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.preview import preview_json
from microcred.catalog.review_forms import SubmitForm
from microcred.catalog.skills import MIN_QUERY, localised, search_skills, skill_by_uri
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role

EDITORS = (Role.DESIGNER, Role.ADMIN)


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _awarding_body_id(request: HttpRequest, org: OrgContext) -> str:
    """The organisation's did:web (``did:web:<host>:orgs:<slug>``; a port's colon encoded)."""
    return f"did:web:{request.get_host().replace(':', '%3A')}:orgs:{org.organization.slug}"


def version_of(org: OrgContext, version_id: str) -> SpecificationVersion:
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


MULTIPLE = frozenset({"assessment_types", "qa_types", "esco_skills"})


def posted_input(post: QueryDict) -> dict[str, Any]:
    """The editor's inputs as typed (what a draft keeps), one entry per form field."""
    return {
        name: post.getlist(name) if name in MULTIPLE else post.get(name, "")
        for name in SpecificationForm.base_fields
    }


def save_posted(
    request: HttpRequest, org: OrgContext, version: SpecificationVersion | None
) -> tuple[SpecificationVersion, CheckReport]:
    """Check and store what was posted, however unfinished (a new version if needed).

    ``ReviewRefused`` when the version went under review meanwhile.
    """
    form = SpecificationForm(request.POST)
    posted = frozenset(request.POST.getlist("acknowledge"))
    report = check_specification(
        form, awarding_body_id=_awarding_body_id(request, org), acknowledged=posted
    )
    assert report.elements is not None  # build_elements always gives some
    fields: dict[str, Any] = {
        "hours_per_ects": report.hours_per_ects,
        "description": report.description,
        "draft_input": posted_input(request.POST),
        "acknowledged": [w.key for w in report.warnings if w.key in posted],
    }
    if version is None:
        user = request.user
        assert isinstance(user, User)
        created = services.create_specification(org.organization, user, report.elements, **fields)
        return created, report
    return services.save_draft(version, report.elements, **fields), report


@require_http_methods(["GET", "POST"])
@org_view(*EDITORS)
def specification_new(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """A new draft; saved whatever its state, then shown with its checks."""
    organization = org.organization
    if request.method == "POST":
        version, _report = save_posted(request, org, None)
        return redirect("catalog:version", org=organization.slug, version_id=version.public_id)
    initial = {"awarding_body_name": organization.name, "country": organization.country}
    form = SpecificationForm(initial=initial)
    return _editor(request, org, form, None)


@require_http_methods(["GET", "POST"])
@org_view(*EDITORS)
def version_edit(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    """The draft as typed, each finding next to its input (the form is bound for that)."""
    version = version_of(org, version_id)
    if version.status == SpecificationVersion.Status.SUBMITTED:
        return version_page(
            request, org, version, error=services.under_review_message(), status=409
        )
    if request.method == "POST":
        try:
            saved, _report = save_posted(request, org, version)
        except ReviewRefused as refused:  # submitted meanwhile, from another tab
            return version_page(request, org, version, error=refused.message, status=409)
        return redirect("catalog:version", org=org.organization.slug, version_id=saved.public_id)
    el = services.elements_of(version)
    data = version.draft_input or as_form_data(
        initial_from(el, version.hours_per_ects, version.description)
    )
    form = SpecificationForm(data=data)
    report = check_specification(
        form,
        awarding_body_id=_awarding_body_id(request, org),
        acknowledged=frozenset(version.acknowledged or ()),
    )
    return _editor(request, org, form, report, version=version)


def _editor(
    request: HttpRequest,
    org: OrgContext,
    form: SpecificationForm,
    report: CheckReport | None,
    *,
    version: SpecificationVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    slug = org.organization.slug
    if version is None:
        autosave = reverse("catalog:autosave_new", kwargs={"org": slug})
    else:
        autosave = reverse(
            "catalog:autosave", kwargs={"org": slug, "version_id": version.public_id}
        )
    placed = {name for group in GROUPS for name in group.fields}
    context = {
        "org": org,
        "form": form,
        "version": version,
        "report": report,
        "groups": grouped(form, report),
        "elsewhere": [f for f in _all_findings(report) if f.field not in placed],
        "acknowledged": report.acknowledged if report is not None else frozenset(),
        "autosave_url": autosave,
        "picked": localised(
            [s for uri in _picked(form) if (s := skill_by_uri(uri)) is not None], get_language()
        ),
    }
    return render(request, "catalog/editor.html", context, status=status)


def _all_findings(report: CheckReport | None) -> list[Any]:
    return [] if report is None else [*report.errors, *report.warnings]


def _picked(form: SpecificationForm) -> list[str]:
    if form.is_bound:
        data = form.data
        found = data.getlist("esco_skills") if hasattr(data, "getlist") else data.get("esco_skills")
        return [str(uri) for uri in found or ()]
    return list(form.initial.get("esco_skills", []))


@require_POST
@org_view(*EDITORS)
def check(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The HTMX fragment under the editor: open checks, then the credential preview."""
    form = SpecificationForm(request.POST)
    report = check_specification(
        form,
        awarding_body_id=_awarding_body_id(request, org),
        acknowledged=frozenset(request.POST.getlist("acknowledge")),
    )
    preview_id = f"{_base_url(request)}/catalog/achievements/preview"
    context = {"report": report, "preview": _preview(request, report, preview_id)}
    return render(request, "catalog/_checks.html", context)


@require_safe
@org_view()
def version_detail(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    return version_page(request, org, version_of(org, version_id))


def version_page(
    request: HttpRequest,
    org: OrgContext,
    version: SpecificationVersion,
    *,
    submit_form: SubmitForm | None = None,
    error: str = "",
    refused: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The version with its checks, its review history and what the caller may do next."""
    el = services.elements_of(version)
    achievement_id = services.achievement_id(version, base_url=_base_url(request))
    report = services.readiness(version)
    report.elements = el
    report.description = version.description
    context = {
        "org": org,
        "version": version,
        "versions": version.specification.versions.order_by("number"),
        "el": el,
        "report": report,
        "preview": _preview(request, report, achievement_id),
        "can_edit": org.has(*EDITORS),
        "error": error,
        "refused": refused or [],
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
    version = version_of(org, version_id)
    try:
        services.acknowledge(version, request.POST.getlist("acknowledge"))
        services.publish(version)
    except Incomplete as incomplete:  # 409: the version is not ready; the page says why
        version.refresh_from_db()
        return version_page(request, org, version, refused=incomplete.lines, status=409)
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
