"""A provider's recognition pages: its standing with each body, its applications.

Admins of the provider only (``org_view``: not a member → 404, another role → 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.acting import acting_user
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry import applications, evidence, indicators
from microcred.registry.access import provider_application, require_provider
from microcred.registry.errors import RegistryError
from microcred.registry.forms import ApplicationForm, EvidenceForm, TextForm
from microcred.registry.history import history_of
from microcred.registry.models import Application
from microcred.registry.qa_bodies import qa_bodies
from microcred.registry.standing import standing_of


@org_view(Role.ADMIN)
@require_safe
def recognition(request: HttpRequest, org: OrgContext) -> HttpResponse:
    provider = require_provider(org)
    now = timezone.now()
    bodies = [(body, standing_of(provider, body, now)) for body in qa_bodies()]
    context = {
        "org": org,
        "bodies": bodies,
        "applications": applications.applications_of(provider),
        "indicators": indicators.indicators_for(provider),
    }
    return render(request, "registry/manage/recognition.html", context)


@org_view(Role.ADMIN)
@require_POST
def apply(request: HttpRequest, org: OrgContext) -> HttpResponse:
    provider = require_provider(org)
    body = Organization.objects.filter(
        slug=request.POST.get("qa_body", ""), kind=Organization.Kind.QA_BODY
    ).first()
    if body is None:
        raise Http404
    application = applications.open_application(provider, body, by=acting_user(request.user))
    return redirect("registry:application", org=provider.slug, application=application.public_id)


def _initial(application: Application) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "fields_of_study": "\n".join(application.fields_of_study),
        "eqf_levels": [str(n) for n in application.eqf_levels],
        "tqf_levels": [str(n) for n in application.tqf_levels],
    }
    for code, text in application.answers.items():
        initial[f"answer_{code}"] = text
    return initial


def _page(
    request: HttpRequest,
    org: OrgContext,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    editable = application.state in applications.EDITABLE
    context = {
        "org": org,
        "application": application,
        "editable": editable,
        "form": form or ApplicationForm(initial=_initial(application)),
        "evidence_form": EvidenceForm(),
        "comment_form": TextForm(),
        "indicators": indicators.indicators_for(application.provider),
        "history": history_of(application),
        "evidence": application.evidence.all(),
        "missing": applications.missing_for_submission(application) if editable else [],
        "problem": problem,
        "max_mb": f"{evidence.max_bytes() / 1024 / 1024:g}",
    }
    return render(request, "registry/manage/application.html", context, status=status)


@org_view(Role.ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def application(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    """The application; on POST, its draft saved."""
    found = provider_application(org, application)
    if request.method != "POST":
        return _page(request, org, found)
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _page(request, org, found, form=form, status=400)
    try:
        applications.save_draft(found, form.data_for_service())
    except RegistryError as error:
        return _page(request, org, found, form=form, problem=error.message, status=409)
    messages.success(request, _("Application saved."))
    return redirect("registry:application", org=org.organization.slug, application=found.public_id)


@org_view(Role.ADMIN)
@require_POST
def submit(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = provider_application(org, application)
    try:
        applications.submit(found, by=acting_user(request.user))
    except RegistryError as error:
        return _page(request, org, found, problem=error.message, status=409)
    messages.success(request, _("Application submitted to %(body)s.") % {"body": found.qa_body})
    return redirect("registry:application", org=org.organization.slug, application=found.public_id)


@org_view(Role.ADMIN)
@require_POST
def add_evidence(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = provider_application(org, application)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, org, found, problem=_("Choose a file."), status=400)
    try:
        evidence.add_evidence(found, form.cleaned_data["file"], by=acting_user(request.user))
    except RegistryError as error:
        return _page(request, org, found, problem=error.message, status=400)
    messages.success(request, _("Evidence added."))
    return redirect("registry:application", org=org.organization.slug, application=found.public_id)


@org_view(Role.ADMIN)
@require_POST
def comment(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = provider_application(org, application)
    form = TextForm(request.POST)
    try:
        if not form.is_valid():
            raise RegistryError(_("Write a message of at most 4000 characters."))
        applications.comment(
            found, form.cleaned_data["text"], by=acting_user(request.user), by_qa_body=False
        )
    except RegistryError as error:
        return _page(request, org, found, problem=error.message, status=400)
    messages.success(request, _("Message sent."))
    return redirect("registry:application", org=org.organization.slug, application=found.public_id)
