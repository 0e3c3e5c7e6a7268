"""The learner's side: ask for recognition from the passport, follow it, appeal once.

Roles: any signed-in person, for their own requests only — every request and file is
looked up through ``request.user``, so another learner's id is a 404.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.accounts.models import User
from microcred.recognition import decisions, submission
from microcred.recognition.errors import RecognitionError
from microcred.recognition.evidence import checked_files
from microcred.recognition.forms import AppealForm, RequestForm
from microcred.recognition.models import EvidenceFile, Request
from microcred.recognition.presenting import evidence_response, request_context
from microcred.wallet.content import describe
from microcred.wallet.models import WalletItem


def lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _learner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


def _own(request: HttpRequest, request_id: str) -> Request:
    found = (
        Request.objects.filter(learner=_learner(request), public_id=request_id)
        .select_related("target", "target__organization")
        .first()
    )
    if found is None:
        raise Http404
    return found


@login_required
@require_safe
def my_requests(request: HttpRequest) -> HttpResponse:
    rows = Request.objects.filter(learner=_learner(request)).select_related(
        "target", "target__organization"
    )
    return render(request, "recognition/my_requests.html", {"rows": rows, "lang": lang()})


def _form(request: HttpRequest) -> RequestForm:
    targets = [
        (org, [(t.public_id, t.label(lang())) for t in group])
        for org, group in groupby(submission.open_targets(), key=lambda t: t.organization.name)
    ]
    items = []
    for item in WalletItem.objects.filter(owner=_learner(request)).order_by("-added", "-pk"):
        content = describe(item.credential, lang())
        items.append((item.public_id, f"{content.title} — {content.issuer_name}"))
    data = request.POST if request.method == "POST" else None
    initial = {"target": request.GET.get("target", "")}
    return RequestForm(data, targets=targets, items=items, initial=initial)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_request(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method != "POST":
        return render(request, "recognition/new_request.html", {"form": form})
    problem = ""
    if not form.is_valid():
        problem = _("Choose what should be recognised, and the credentials to submit.")
    else:
        target = submission.open_targets().filter(public_id=form.cleaned_data["target"]).first()
        try:
            if target is None:
                raise RecognitionError(_("This target takes no new requests."))
            made = submission.submit(
                _learner(request),
                target=target,
                item_ids=form.cleaned_data["credentials"],
                files=checked_files(request.FILES.getlist("files")),
                statement=form.cleaned_data["statement"],
                language=lang(),
            )
        except RecognitionError as error:
            problem = error.message
        else:
            messages.success(request, _("Your request was sent to the recognition desk."))
            return redirect("recognition:request", request_id=made.public_id)
    context = {"form": form, "problem": problem}
    return render(request, "recognition/new_request.html", context, status=400)


@login_required
@require_safe
def request_detail(request: HttpRequest, request_id: str) -> HttpResponse:
    made = _own(request, request_id)
    context = request_context(made, lang())
    context["appeal_form"] = AppealForm() if context["may_appeal"] else None
    return render(request, "recognition/request.html", context)


@login_required
@require_POST
def request_appeal(request: HttpRequest, request_id: str) -> HttpResponse:
    made = _own(request, request_id)
    form = AppealForm(request.POST)
    try:
        if not form.is_valid():
            raise RecognitionError(_("Write why you appeal the decision."))
        decisions.appeal(
            made,
            argument=form.cleaned_data["argument"],
            files=checked_files(request.FILES.getlist("files")),
        )
    except RecognitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your appeal was sent; a reviewer will answer it."))
    return redirect("recognition:request", request_id=made.public_id)


@login_required
@require_safe
def evidence(request: HttpRequest, evidence_id: str) -> FileResponse:
    item = EvidenceFile.objects.filter(
        public_id=evidence_id, request__learner=_learner(request)
    ).first()
    if item is None:
        raise Http404
    return evidence_response(item)
