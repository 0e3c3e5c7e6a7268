"""Importing a credential issued elsewhere. Roles: any signed-in person, into their own
passport. The report is shown before anything unverifiable is kept.

An uploaded file is read by the verifier's bounded in-memory handler, never spilled to a
temporary file, and dropped as soon as it crosses the size limit; because that handler
must be installed before anything reads the body, the CSRF check runs inside the view
(Django's documented pattern for custom upload handlers).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from microcred.verification import ratelimit
from microcred.verification.uploads import BoundedMemoryUploadHandler
from microcred.wallet import imports
from microcred.wallet.errors import WalletError
from microcred.wallet.forms import ImportForm, too_large_message
from microcred.wallet.presenting import answer
from microcred.wallet.views import learner

#: Room for the multipart envelope (boundaries, headers, the CSRF token) around the file.
ENVELOPE_BYTES = 32 * 1024


@csrf_exempt  # checked in _import_page, once our upload handler has read the body
@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wait = ratelimit.retry_after(request)  # before the body is read: verifying costs
        if wait is not None:
            return too_many(request, wait)
    problem = _read_body(request) if request.method == "POST" else None
    return _import_page(request, problem)


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    """The shared verification budget is spent: say when to come back."""
    problem = _("Too many verifications from your address. Please wait %(seconds)s seconds.")
    context = {"form": ImportForm(), "max_kib": imports.max_bytes() // 1024}
    context.update(problem=problem % {"seconds": wait}, code="wallet.rate_limited")
    response = render(request, "wallet/import.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


def _read_body(request: HttpRequest) -> str | None:
    """Parse the body with the bounded handler; a message if the upload is refused."""
    limit = imports.max_bytes()
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > limit + ENVELOPE_BYTES:
        return too_large_message()
    handler = BoundedMemoryUploadHandler(request, max_bytes=limit)
    request.upload_handlers = [handler]
    try:
        request.POST, request.FILES  # noqa: B018 - parse now, with our handler
    except MultiPartParserError:
        return _("The upload could not be read; please try again.")
    return too_large_message() if handler.too_large else None


@csrf_protect
def _import_page(request: HttpRequest, problem: str | None) -> HttpResponse:
    posted = request.method == "POST" and problem is None
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    context: dict[str, Any] = {"form": form, "max_kib": imports.max_bytes() // 1024}
    if problem is not None:
        context.update(problem=problem, code="wallet.import_too_large", form=ImportForm())
        return render(request, "wallet/import.html", context, status=400)
    if not posted:
        return render(request, "wallet/import.html", context)
    if not form.is_valid():
        return render(request, "wallet/import.html", context, status=400)
    return _keep(request, form.cleaned_data, context)


def _keep(request: HttpRequest, cleaned: dict[str, Any], context: dict[str, Any]) -> HttpResponse:
    payload: str = cleaned["payload"]
    try:
        item = imports.keep(learner(request), payload, keep_unverified=cleaned["keep_unverified"])
    except WalletError as error:
        context.update(problem=str(error), code=error.code)
        if isinstance(error, imports.NeedsConfirmationError):
            context.update(answer=answer(error.checked.report))
            context["form"] = ImportForm(initial={"text": payload})
            context["confirming"] = True
        return render(request, "wallet/import.html", context, status=400)
    messages.success(request, _("The credential was added to your passport."))
    return redirect("wallet:item", item_id=item.public_id)
