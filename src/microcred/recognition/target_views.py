"""Targets of the desk, managed by the organisation's admins (who also appoint the
recognition reviewers on the members page). Roles: organisation admin."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.recognition import targets
from microcred.recognition.errors import RecognitionError
from microcred.recognition.forms import MicroTargetForm, TargetForm
from microcred.recognition.learner_views import lang
from microcred.recognition.models import Target


def _versions(org: OrgContext) -> list[tuple[str, str]]:
    return [
        (v.public_id, v.title)
        for spec in catalog.versions_of(org.organization)
        for v in spec.versions.all()
        if v.status == SpecificationVersion.Status.PUBLISHED
    ]


def _page(
    request: HttpRequest, org: OrgContext, form: TargetForm, micro: MicroTargetForm, status: int
) -> HttpResponse:
    context = {
        "org": org,
        "targets": targets.targets_of(org.organization),
        "form": form,
        "micro_form": micro,
        "lang": lang(),
    }
    return render(request, "recognition/targets.html", context, status=status)


@org_view(Role.ADMIN)
def target_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The desk's targets and the forms to add one (POST: a course or programme, or one of
    the organisation's micro-credentials)."""
    versions = _versions(org)
    data = request.POST if request.method == "POST" else None
    micro_post = data is not None and "version" in data
    form = TargetForm(None if micro_post else data)
    micro = MicroTargetForm(data if micro_post else None, versions=versions)
    if data is None:
        return _page(request, org, form, micro, 200)
    try:
        if micro_post:
            if not micro.is_valid():
                raise RecognitionError(_("Choose one of your published micro-credentials."))
            made = targets.create_micro_credential_target(
                org.organization, micro.cleaned_data["version"]
            )
        else:
            if not form.is_valid():
                raise RecognitionError(_("Check the fields marked below."))
            made = targets.create_target(org.organization, _facts(form))
    except RecognitionError as error:
        messages.error(request, error.message)
        return _page(request, org, form, micro, 400)
    messages.success(request, _("%(target)s is on the desk.") % {"target": made.label(lang())})
    return redirect("recognition:targets", org=org.organization.slug)


def _facts(form: TargetForm) -> targets.TargetFacts:
    values = form.cleaned_data
    lines = [line.strip() for line in values["outcomes"].splitlines()]
    return targets.TargetFacts(
        kind=values["kind"],
        code=values["code"],
        title_en=values["title_en"],
        title_tr=values["title_tr"],
        ects=values["ects"],
        eqf_level=values["eqf_level"],
        tqf_level=values["tqf_level"],
        outcomes=tuple(line for line in lines if line),
    )


@org_view(Role.ADMIN)
@require_POST
def target_open(request: HttpRequest, org: OrgContext, target_id: str) -> HttpResponse:
    target = Target.objects.filter(public_id=target_id, organization=org.organization).first()
    if target is None:
        raise Http404
    is_open = request.POST.get("open") == "1"
    targets.set_open(target, is_open)
    if is_open:
        messages.success(request, _("The target takes requests again."))
    else:
        messages.success(request, _("The target takes no new requests."))
    return redirect("recognition:targets", org=org.organization.slug)
