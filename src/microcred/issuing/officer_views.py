"""The officers' follow-up tools: send the claim e-mail again, correct an award, and the
CSV template. Each checks the caller's organisation and role like every issuing view."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.catalog import services as catalog
from microcred.catalog.errors import NotIssuable
from microcred.issuing.corrections import correct_award
from microcred.issuing.csv_rows import template_header
from microcred.issuing.errors import IssuingError
from microcred.issuing.forms import ReissueForm
from microcred.issuing.models import Award
from microcred.issuing.resend import resend_claim
from microcred.issuing.views import OFFICERS, _award
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.keys import signer_for


@require_POST
@org_view(*OFFICERS)
def award_resend(request: HttpRequest, org: OrgContext, award_id: str) -> HttpResponse:
    award = _award(org, award_id)
    try:
        resend_claim(award, by=request.user)
    except IssuingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The claim e-mail was sent again to %(email)s.") % {"email": award.learner_email},
        )
    return redirect("issuing:award", org=org.organization.slug, award_id=award.public_id)


@require_http_methods(["GET", "POST"])
@org_view(*OFFICERS)
def award_correct(request: HttpRequest, org: OrgContext, award_id: str) -> HttpResponse:
    """Correct-and-reissue: the form starts from the wrong award's details."""
    wrong = _award(org, award_id)
    if wrong.state == Award.State.REVOKED:
        raise Http404
    form = ReissueForm(request.POST or None, award=wrong)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = catalog.get_issuable_version(org.organization, data["version"])
        except NotIssuable:
            raise Http404 from None
        learner = form.learner()
        try:
            with signer_for(org.organization) as signer:
                issued = correct_award(
                    wrong, version, learner, reason=data["reason"],
                    internal_note=data["internal_note"], include_name=data["include_name"],
                    by=request.user, signer=signer,
                )  # fmt: skip
        except IssuingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Corrected: the wrong award was revoked, the new one issued, the learner told."),
            )
            return redirect(
                "issuing:award", org=org.organization.slug, award_id=issued.award.public_id
            )
    status = 400 if request.method == "POST" else 200
    context = {"org": org, "award": wrong, "form": form}
    return render(request, "issuing/award_correct.html", context, status=status)


@require_safe
@org_view(*OFFICERS)
def csv_template(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """An empty learners file with every column, its header in the page's language."""
    text = io.StringIO()
    csv.writer(text).writerow(template_header(get_language() or "en"))
    response = HttpResponse(
        ("\ufeff" + text.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="learners-template.csv"'
    return response
