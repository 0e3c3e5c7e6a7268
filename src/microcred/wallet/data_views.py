"""The learner's data: exports (personal data, a signed presentation, a CLR 2.0 record)
and account deletion. Roles: any signed-in person, for their own data only."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.keystore import KeyStoreError
from microcred.vc import VcError, sign_presentation
from microcred.wallet import data
from microcred.wallet.documents.clr import build_clr
from microcred.wallet.forms import DeleteAccountForm
from microcred.wallet.holder import holder_did, holder_key, holder_signer
from microcred.wallet.models import WalletItem
from microcred.wallet.views import learner


def _json(document: Any, filename: str, content_type: str = "application/json") -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(
    request: HttpRequest, form: DeleteAccountForm, problem: str = "", status: int = 200
) -> HttpResponse:
    user = learner(request)
    key = holder_key(user)
    context = {"form": form, "holder_did": holder_did(key), "problem": problem}
    return render(request, "wallet/data.html", context, status=status)


@login_required
@require_safe
def data_page(request: HttpRequest) -> HttpResponse:
    return _page(request, DeleteAccountForm())


@login_required
@require_safe
def export_personal(request: HttpRequest) -> HttpResponse:
    return _json(data.personal_data(learner(request)), "my-microcred-data.json")


def _credentials(request: HttpRequest) -> list[WalletItem]:
    return list(WalletItem.objects.filter(owner=learner(request)).order_by("added", "pk"))


@login_required
@require_safe
def export_presentation(request: HttpRequest) -> HttpResponse:
    items = _credentials(request)
    documents: list[Any] = [
        i.raw if i.media_type == "application/vc+jwt" else i.credential for i in items
    ]
    try:
        with holder_signer(learner(request)) as (_key, pair):
            vp = sign_presentation(documents, holder=pair, now=timezone.now())
    except (VcError, KeyStoreError) as error:
        return _page(
            request,
            DeleteAccountForm(),
            _("The presentation could not be signed: %(reason)s") % {"reason": error},
            422,
        )
    return _json(vp, "my-credentials.vp.json", "application/vp")


@login_required
@require_safe
def export_clr(request: HttpRequest) -> HttpResponse:
    user = learner(request)
    credentials = [i.credential for i in _credentials(request) if i.media_type == "application/vc"]
    if not credentials:
        return _page(
            request, DeleteAccountForm(), _("There is no credential to put in a record yet."), 422
        )
    did = holder_did(holder_key(user))
    name = user.display_name or None
    profile: dict[str, Any] = {"id": did, "type": ["Profile"], "name": name or did}
    try:
        clr = build_clr(
            credentials,
            learner_name=name,
            holder_did=did,
            now=timezone.now(),
            issuer_profile=profile,
        )
    except (VcError, ValueError) as error:
        return _page(
            request,
            DeleteAccountForm(),
            _("The record could not be made: %(reason)s") % {"reason": error},
            422,
        )
    return _json(clr, "my-learner-record.clr.json")


@sensitive_post_parameters("password")
@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    user = learner(request)
    form = DeleteAccountForm(request.POST)
    if form.is_valid() and not user.check_password(form.cleaned_data["password"]):
        form.add_error("password", _("This is not your password."))
    if not form.is_valid():
        return _page(request, form, status=400)
    logout(request)
    data.delete_account(user)
    return redirect("wallet:deleted")


@require_http_methods(["GET"])
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "wallet/deleted.html")
