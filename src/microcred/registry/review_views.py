"""A quality-assurance body's pages: applications to review, recognised providers, and
the decisions (QA reviewers and admins of the body; ``org_view`` rules apply)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.acting import acting_user
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.models import Organization
from microcred.organizations.names import same_name
from microcred.organizations.roles import Role
from microcred.registry import applications, decisions, indicators, trust_lists
from microcred.registry.access import body_application, require_body
from microcred.registry.criteria import criteria
from microcred.registry.errors import RegistryError
from microcred.registry.forms import DecisionForm, EndForm, TextForm, start_of
from microcred.registry.history import history_of
from microcred.registry.models import Application, Decision
from microcred.registry.standing import standing_of

REVIEWERS = (Role.ADMIN, Role.QA_REVIEWER)


@org_view(*REVIEWERS)
@require_safe
def reviews(request: HttpRequest, org: OrgContext) -> HttpResponse:
    body = require_body(org)
    context = {
        "org": org,
        "applications": applications.applications_for_body(body),
        "latest": trust_lists.latest_version(body),
    }
    return render(request, "registry/manage/reviews.html", context)


def _namesakes(application: Application) -> list[Organization]:
    """Other organisations whose names read the same (a reviewer should know)."""
    name = application.provider.name
    return [
        o
        for o in Organization.objects.exclude(pk=application.provider_id).only("name", "slug")
        if same_name(o.name, name)
    ]


def _page(
    request: HttpRequest,
    org: OrgContext,
    application: Application,
    *,
    decision_form: DecisionForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    initial = {
        "fields_of_study": "\n".join(application.fields_of_study),
        "eqf_levels": [str(n) for n in application.eqf_levels],
        "tqf_levels": [str(n) for n in application.tqf_levels],
    }
    context = {
        "org": org,
        "application": application,
        "answers": [(c, application.answers.get(c.code, "")) for c in criteria()],
        "indicators_now": indicators.indicators_for(application.provider),
        "indicators_then": application.indicators,
        "evidence": application.evidence.all(),
        "history": history_of(application),
        "comment_form": TextForm(),
        "decision_form": decision_form or DecisionForm(initial=initial),
        "standing": standing_of(application.provider, application.qa_body, timezone.now()),
        "namesakes": _namesakes(application),
        "problem": problem,
        "can_decide": application.state == Application.State.SUBMITTED,
    }
    return render(request, "registry/manage/review.html", context, status=status)


@org_view(*REVIEWERS)
@require_safe
def review(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    return _page(request, org, body_application(org, application))


def _back(org: OrgContext, application: Application) -> HttpResponse:
    return redirect("registry:review", org=org.organization.slug, application=application.public_id)


@org_view(*REVIEWERS)
@require_POST
def review_comment(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = body_application(org, application)
    form = TextForm(request.POST)
    try:
        if not form.is_valid():
            raise RegistryError(_("Write a message of at most 4000 characters."))
        applications.comment(
            found, form.cleaned_data["text"], by=acting_user(request.user), by_qa_body=True
        )
    except RegistryError as error:
        return _page(request, org, found, problem=error.message, status=400)
    messages.success(request, _("Message sent."))
    return _back(org, found)


@org_view(*REVIEWERS)
@require_POST
def review_changes(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = body_application(org, application)
    form = TextForm(request.POST)
    try:
        if not form.is_valid():
            raise RegistryError(_("Say what should change (at most 4000 characters)."))
        applications.request_changes(found, form.cleaned_data["text"], by=acting_user(request.user))
    except RegistryError as error:
        return _page(request, org, found, problem=error.message, status=409)
    messages.success(request, _("The application was returned to the provider for changes."))
    return _back(org, found)


@org_view(*REVIEWERS)
@require_POST
def review_decide(request: HttpRequest, org: OrgContext, application: str) -> HttpResponse:
    found = body_application(org, application)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, org, found, decision_form=form, status=400)
    data = form.cleaned_data
    try:
        decision = decisions.decide_application(
            found,
            outcome=data["outcome"],
            reason=data["reason"],
            by=acting_user(request.user),
            valid_from=start_of(data["valid_from"]) if data.get("valid_from") else None,
            valid_until=start_of(data["valid_until"]) if data.get("valid_until") else None,
            **form.scope(),
        )
    except RegistryError as error:
        return _page(request, org, found, decision_form=form, problem=error.message, status=400)
    messages.success(
        request,
        _("Decision recorded: %(outcome)s. The trust list was signed again.")
        % {"outcome": Decision.Outcome(decision.outcome).label},
    )
    return _back(org, found)


def _providers_page(
    request: HttpRequest,
    org: OrgContext,
    body: Organization,
    *,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    ids = set(Decision.objects.filter(qa_body=body).values_list("provider_id", flat=True))
    rows = [
        (provider, standing_of(provider, body, now), EndForm(auto_id=f"id_{provider.slug}_%s"))
        for provider in Organization.objects.filter(pk__in=ids).order_by("name")
    ]
    context = {"org": org, "rows": rows, "problem": problem}
    return render(request, "registry/manage/providers.html", context, status=status)


@org_view(*REVIEWERS)
@require_safe
def providers(request: HttpRequest, org: OrgContext) -> HttpResponse:
    return _providers_page(request, org, require_body(org))


@org_view(*REVIEWERS)
@require_POST
def end(request: HttpRequest, org: OrgContext, provider: str) -> HttpResponse:
    """Suspend or withdraw a provider's recognition (from now, or from a past day)."""
    body = require_body(org)
    target = Organization.objects.filter(slug=provider, kind=Organization.Kind.PROVIDER).first()
    if target is None or not Decision.objects.filter(provider=target, qa_body=body).exists():
        raise Http404
    form = EndForm(request.POST)
    try:
        if not form.is_valid():
            raise RegistryError(_("Choose suspend or withdraw and state the reason."))
        data = form.cleaned_data
        day = data.get("effective")
        decisions.end_recognition(
            target,
            body,
            outcome=data["outcome"],
            reason=data["reason"],
            by=acting_user(request.user),
            effective=start_of(day) if day and day != timezone.now().date() else None,
        )
    except RegistryError as error:
        return _providers_page(request, org, body, problem=error.message, status=400)
    messages.success(request, _("Decision recorded. The trust list was signed again."))
    return redirect("registry:body_providers", org=body.slug)
