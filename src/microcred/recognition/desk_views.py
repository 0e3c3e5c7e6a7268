"""The reviewers' desk: the queue, a request's facts beside the target's, decisions,
answers to appeals, standing rules, and the learner's files.

Roles: recognition reviewers decide, answer and make rules; organisation admins may read
the desk (they manage targets and appoint reviewers). Another organisation's request or
file is a 404 (``org_view`` and every lookup through the organisation).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.recognition import decisions, rules, stages
from microcred.recognition.errors import RecognitionError
from microcred.recognition.forms import DecisionForm, RuleForm
from microcred.recognition.learner_views import lang
from microcred.recognition.models import EvidenceFile, Request, StandingRule
from microcred.recognition.presenting import evidence_response, request_context
from microcred.recognition.targets import targets_of

READERS = (Role.RPL_REVIEWER, Role.ADMIN)


def _request(org: OrgContext, request_id: str) -> Request:
    found = (
        Request.objects.filter(public_id=request_id, target__organization=org.organization)
        .select_related("target")
        .first()
    )
    if found is None:
        raise Http404
    return found


def _reviewer(org: OrgContext) -> None:
    if not org.has(Role.RPL_REVIEWER):
        raise PermissionDenied


@org_view(*READERS)
@require_safe
def desk(request: HttpRequest, org: OrgContext) -> HttpResponse:
    organization = org.organization
    context = {
        "org": org,
        "waiting": list(stages.waiting(organization)),
        "appealed": list(stages.appealed(organization)),
        "decided": list(stages.decided(organization)[:50]),
        "lang": lang(),
    }
    return render(request, "recognition/desk.html", context)


@org_view(*READERS)
@require_safe
def review(request: HttpRequest, org: OrgContext, request_id: str) -> HttpResponse:
    made = _request(org, request_id)
    context = request_context(made, lang())
    stage = context["stage"]
    reviewer = org.has(Role.RPL_REVIEWER)
    context.update(
        org=org,
        decision_form=DecisionForm() if reviewer and stage == stages.Stage.WAITING else None,
        answer_form=DecisionForm() if reviewer and stage == stages.Stage.APPEALED else None,
        may_answer=decisions.may_answer(made, request.user),
        reviewer=reviewer,
    )
    return render(request, "recognition/review.html", context)


@org_view(*READERS)
@require_POST
def decide(request: HttpRequest, org: OrgContext, request_id: str) -> HttpResponse:
    _reviewer(org)
    made = _request(org, request_id)
    form = DecisionForm(request.POST)
    appeal = request.POST.get("stage") == "appeal"
    try:
        if not form.is_valid():
            raise RecognitionError(_("Choose a decision."))
        values = form.cleaned_data
        if appeal:
            decisions.answer_appeal(
                made,
                outcome=values["outcome"],
                ects=values["ects"],
                reason=values["reason"],
                by=request.user,
            )
        else:
            decisions.decide(
                made,
                outcome=values["outcome"],
                ects=values["ects"],
                reason=values["reason"],
                by=request.user,
            )
    except RecognitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your decision was recorded; the learner is told."))
    return redirect("recognition:review", org=org.organization.slug, request_id=made.public_id)


@org_view(*READERS)
@require_POST
def make_rule(request: HttpRequest, org: OrgContext, request_id: str) -> HttpResponse:
    """ "Make this a rule" from a decision and one of the credentials it rests on."""
    _reviewer(org)
    made = _request(org, request_id)
    decision = made.decisions.filter(public_id=request.POST.get("decision", "")).first()
    credential = made.credentials.filter(pk=_int(request.POST.get("credential"))).first()
    if decision is None or credential is None:
        raise Http404
    try:
        rules.rule_from_decision(decision, credential, by=request.user)
    except RecognitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The standing rule was made: it decides matching requests."))
    return redirect("recognition:review", org=org.organization.slug, request_id=made.public_id)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@org_view(*READERS)
def rule_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The standing rules, and the form to make one (POST, reviewers)."""
    targets = targets_of(org.organization)
    form = RuleForm(request.POST or None, targets=targets, lang=lang())
    status = 200
    if request.method == "POST":
        _reviewer(org)
        try:
            if not form.is_valid():
                raise RecognitionError(_("Fill in every field of the rule."))
            values = form.cleaned_data
            target = next(t for t in targets if t.public_id == values["target"])
            rules.create_rule(
                target,
                achievement_id=values["achievement_id"],
                issuer_id=values["issuer_id"],
                outcome=values["outcome"],
                ects=values["ects"],
                reason=values["reason"],
                by=request.user,
            )
        except RecognitionError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(
                request, _("The standing rule was made: it decides matching requests.")
            )
            return redirect("recognition:rules", org=org.organization.slug)
    found = StandingRule.objects.filter(target__organization=org.organization).select_related(
        "target"
    )
    context = {"org": org, "form": form, "rules": found.order_by("-created"), "lang": lang()}
    return render(request, "recognition/rules.html", context, status=status)


@org_view(*READERS)
@require_POST
def rule_withdraw(request: HttpRequest, org: OrgContext, rule_id: str) -> HttpResponse:
    _reviewer(org)
    rule = StandingRule.objects.filter(
        public_id=rule_id, target__organization=org.organization
    ).first()
    if rule is None:
        raise Http404
    rules.withdraw(rule)
    messages.success(request, _("The rule was withdrawn; the decisions it made stand."))
    return redirect("recognition:rules", org=org.organization.slug)


@org_view(*READERS)
@require_safe
def evidence(request: HttpRequest, org: OrgContext, evidence_id: str) -> FileResponse:
    item = EvidenceFile.objects.filter(
        public_id=evidence_id, request__target__organization=org.organization
    ).first()
    if item is None:
        raise Http404
    return evidence_response(item)
