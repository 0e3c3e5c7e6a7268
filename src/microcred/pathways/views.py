"""HTTP for designers and admins: list, create, edit, add and remove rules, publish.

Roles: programme designers and organisation admins (``org_view``: non-members 404, other
roles 403); a pathway of another organisation is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.models import User
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.pathways import services
from microcred.pathways.errors import PathwayError
from microcred.pathways.forms import BasicsForm, RuleForm
from microcred.pathways.models import Pathway
from microcred.pathways.resolve import resolve
from microcred.pathways.wording import describe_rule

DESIGNERS = (Role.DESIGNER, Role.ADMIN)


def lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _pathway(org: OrgContext, pathway_id: str) -> Pathway:
    found = services.get_pathway(org.organization, pathway_id)
    if found is None:
        raise Http404
    return found


@require_safe
@org_view(*DESIGNERS)
def pathway_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    context = {"org": org, "pathways": services.pathways_of(org.organization), "lang": lang()}
    return render(request, "pathways/list.html", context)


@require_http_methods(["GET", "POST"])
@org_view(*DESIGNERS)
def pathway_new(request: HttpRequest, org: OrgContext) -> HttpResponse:
    targets = services.target_choices(org.organization)
    form = BasicsForm(request.POST or None, targets=targets)
    problem = ""
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)  # org_view lets only members through
        try:
            pathway = services.create_pathway(org.organization, user, form.basics())
        except PathwayError as error:
            problem = error.message
        else:
            messages.success(request, _("Pathway created. Now add its rules."))
            return redirect(
                "pathways:edit", org=org.organization.slug, pathway_id=pathway.public_id
            )
    context = {"org": org, "form": form, "problem": problem, "targets": targets}
    return render(
        request, "pathways/new.html", context, status=400 if problem or form.errors else 200
    )


def _edit_page(
    request: HttpRequest,
    org: OrgContext,
    pathway: Pathway,
    *,
    basics: BasicsForm | None = None,
    rule_form: RuleForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    targets = services.target_choices(org.organization)
    initial: dict[str, Any] = {
        "name_tr": pathway.name_tr,
        "name_en": pathway.name_en,
        "description_tr": pathway.description_tr,
        "description_en": pathway.description_en,
        "target": pathway.target.public_id,
        "auto_issue": pathway.auto_issue,
    }
    rules = [(index, describe_rule(r)) for index, r in enumerate(resolve(pathway))]
    context = {
        "org": org,
        "pathway": pathway,
        "basics": basics or BasicsForm(initial=initial, targets=targets),
        "rule_form": rule_form or RuleForm(specs=targets),
        "rules": rules,
        "problem": problem,
        "lang": lang(),
    }
    return render(request, "pathways/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view(*DESIGNERS)
def pathway_edit(request: HttpRequest, org: OrgContext, pathway_id: str) -> HttpResponse:
    pathway = _pathway(org, pathway_id)
    if request.method == "GET":
        return _edit_page(request, org, pathway)
    form = BasicsForm(request.POST, targets=services.target_choices(org.organization))
    if not form.is_valid():
        return _edit_page(request, org, pathway, basics=form, status=400)
    try:
        services.update_pathway(pathway, form.basics())
    except PathwayError as error:
        return _edit_page(request, org, pathway, basics=form, problem=error.message, status=400)
    messages.success(request, _("Pathway saved."))
    return redirect("pathways:edit", org=org.organization.slug, pathway_id=pathway.public_id)


@require_POST
@org_view(*DESIGNERS)
def rule_add(request: HttpRequest, org: OrgContext, pathway_id: str) -> HttpResponse:
    pathway = _pathway(org, pathway_id)
    form = RuleForm(request.POST, specs=services.target_choices(org.organization))
    if not form.is_valid():
        return _edit_page(request, org, pathway, rule_form=form, status=400)
    try:
        services.add_rule(pathway, form.rule_json())
    except PathwayError as error:
        return _edit_page(request, org, pathway, rule_form=form, problem=error.message, status=400)
    messages.success(request, _("Rule added."))
    return redirect("pathways:edit", org=org.organization.slug, pathway_id=pathway.public_id)


@require_POST
@org_view(*DESIGNERS)
def rule_remove(request: HttpRequest, org: OrgContext, pathway_id: str, index: int) -> HttpResponse:
    pathway = _pathway(org, pathway_id)
    try:
        services.remove_rule(pathway, index)
    except PathwayError as error:
        return _edit_page(request, org, pathway, problem=error.message, status=409)
    messages.success(request, _("Rule removed."))
    return redirect("pathways:edit", org=org.organization.slug, pathway_id=pathway.public_id)


@require_POST
@org_view(*DESIGNERS)
def pathway_publish(request: HttpRequest, org: OrgContext, pathway_id: str) -> HttpResponse:
    pathway = _pathway(org, pathway_id)
    try:
        services.publish(pathway)
    except PathwayError as error:
        return _edit_page(request, org, pathway, problem=error.message, status=409)
    messages.success(request, _("Pathway published: learners can follow it now."))
    return redirect("pathways:edit", org=org.organization.slug, pathway_id=pathway.public_id)
