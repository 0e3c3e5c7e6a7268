"""HTTP for officers: renew an award, answer a learner's contest.

Roles: issuing officers and organisation admins (``org_view``: non-members 404, other
roles 403); an award or contest of another organisation is a 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from microcred.issuing import contests
from microcred.issuing.errors import GradeRefusedError, IssuingError
from microcred.issuing.forms import MAX_REASON
from microcred.issuing.models import Award, Contest
from microcred.issuing.renewal import RenewalBasis, renew
from microcred.issuing.views import OFFICERS, _award
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.keys import signer_for


class RenewForm(forms.Form):
    basis = forms.ChoiceField(
        label=gettext_lazy("On what basis"),
        choices=[
            (RenewalBasis.REASSESSMENT.value, gettext_lazy("The learner was re-assessed")),
            (RenewalBasis.PRACTICE.value, gettext_lazy("Evidence of continued practice")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grade = forms.CharField(
        label=gettext_lazy("New grade (empty: keep the current one)"), max_length=64, required=False
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence URL"), required=False, assume_scheme="https"
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Answer"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("Reason (the learner reads it)"),
        max_length=contests.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, contest: Contest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            contests.Decision.UPHOLD: _("Uphold: the decision stands"),
            contests.Decision.REINSTATE: _("Reinstate: lift the suspension"),
            contests.Decision.REISSUE: _(
                "Re-issue: a revoked credential stays revoked, so issue a new one that names it"
            ),
        }
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(d), labels[d]) for d in contests.decisions_for(contest)]


@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def award_renew(request: HttpRequest, org: OrgContext, award_id: str) -> HttpResponse:
    award = _award(org, award_id)
    if award.state == Award.State.REVOKED:
        raise Http404  # a revoked award is re-issued only by answering a contest
    form = RenewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with signer_for(org.organization) as signer:
                issued = renew(
                    award,
                    basis=RenewalBasis(data["basis"]),
                    reason=data["reason"],
                    by=request.user,
                    signer=signer,
                    grade=data["grade"],
                    evidence_url=data["evidence_url"],
                )
        except IssuingError as exc:
            form.add_error("grade" if isinstance(exc, GradeRefusedError) else None, str(exc))
        else:
            messages.success(request, _("Renewed. The learner was sent the new credential."))
            return redirect(
                "issuing:award", org=org.organization.slug, award_id=issued.award.public_id
            )
    status = 400 if request.method == "POST" else 200
    context = {"org": org, "award": award, "form": form}
    return render(request, "issuing/award_renew.html", context, status=status)


def answer_form(contest: Contest, data: Any = None) -> AnswerForm:
    return AnswerForm(data, contest=contest)


@require_POST
@org_view(*OFFICERS)
def contest_answer(
    request: HttpRequest, org: OrgContext, award_id: str, contest_id: str
) -> HttpResponse:
    award = _award(org, award_id)
    contest = award.contests.filter(public_id=contest_id, outcome=Contest.Outcome.OPEN).first()
    if contest is None:
        raise Http404
    form = answer_form(contest, request.POST)
    if form.is_valid():
        decision = contests.Decision(form.cleaned_data["decision"])
        with signer_for(org.organization) as signer:
            contests.answer(
                contest, decision=decision, reason=form.cleaned_data["reason"],
                by=request.user, signer=signer,
            )  # fmt: skip
        messages.success(request, _("Your answer was recorded and sent to the learner."))
    else:
        messages.error(request, _("Choose an answer and give the reason."))
    return redirect("issuing:award", org=org.organization.slug, award_id=award.public_id)
