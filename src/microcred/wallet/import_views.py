"""Importing a credential issued elsewhere. Roles: any signed-in person, into their own
passport. The report is shown before anything unverifiable is kept."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microcred.wallet import imports
from microcred.wallet.errors import WalletError
from microcred.wallet.forms import ImportForm
from microcred.wallet.presenting import answer
from microcred.wallet.views import learner


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "max_kib": imports.max_bytes() // 1024}
    if request.method != "POST":
        return render(request, "wallet/import.html", context)
    if not form.is_valid():
        return render(request, "wallet/import.html", context, status=400)
    payload: str = form.cleaned_data["payload"]
    try:
        item = imports.keep(
            learner(request), payload, keep_unverified=form.cleaned_data["keep_unverified"]
        )
    except WalletError as error:
        context.update(problem=str(error), code=error.code)
        if error.code == "import_needs_confirmation":
            checked = imports.check(payload)
            context.update(answer=answer(checked.report))
            context["form"] = ImportForm(initial={"text": payload})
            context["confirming"] = True
        return render(request, "wallet/import.html", context, status=400)
    messages.success(request, _("The credential was added to your passport."))
    return redirect("wallet:item", item_id=item.public_id)
