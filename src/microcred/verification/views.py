"""The public verify page: four ways in, one answer out, no account, nothing stored.

The view only translates HTTP: the verdict comes from :func:`services.verify_document`,
its wording from :mod:`presentation`. Uploads are parsed by our bounded in-memory handler,
which must be installed before anything reads the body; that is why the CSRF check runs
inside the view (Django's documented pattern) rather than in the middleware.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from microcred.vc import VcError
from microcred.verification import links, ratelimit, services
from microcred.verification.forms import VerifyForm, too_large_message
from microcred.verification.holder import holder_matches
from microcred.verification.presentation_services import (
    presentation_in,
    verify_presentation_document,
)
from microcred.verification.presentation_wording import presentation_answer
from microcred.verification.uploads import BoundedMemoryUploadHandler
from microcred.verification.wording import answer_for

#: Room for the multipart envelope (boundaries, headers, the CSRF token) around the file.
ENVELOPE_BYTES = 32 * 1024


def max_bytes() -> int:
    return int(settings.MICROCRED_VERIFY_MAX_BYTES)


@csrf_exempt  # checked in _verify_page, once our upload handler has read the body
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wait = ratelimit.retry_after(request)
        if wait is not None:
            return too_many(request, wait)
        refusal = _read_body(request)
        if refusal is not None:
            return refusal
    return _verify_page(request)


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    problem = gettext(
        "Too many verifications from your address. Please wait %(seconds)s seconds."
    ) % {"seconds": wait}
    response = _refuse(request, problem, status=429)
    response["Retry-After"] = str(wait)
    return response


def _read_body(request: HttpRequest) -> HttpResponse | None:
    """Parse the body under our limits; a response if it had to be refused."""
    limit = max_bytes()
    if _declared_length(request) > limit + ENVELOPE_BYTES:
        return _refuse(request, too_large_message(limit), status=413)
    handler = BoundedMemoryUploadHandler(request, max_bytes=limit)
    request.upload_handlers = [handler]
    try:
        request.POST, request.FILES  # noqa: B018 - parse now, with our handler
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        return _refuse(request, too_large_message(limit), status=413)
    except MultiPartParserError:
        return _refuse(request, gettext("The upload could not be read; please try again."))
    if handler.too_large:
        return _refuse(request, too_large_message(limit), status=413)
    return None


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_protect
def _verify_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, VerifyForm(max_bytes=max_bytes()))
    form = VerifyForm(request.POST, request.FILES, max_bytes=max_bytes())
    if not form.is_valid():
        status = 413 if form.has_error(NON_FIELD_ERRORS, "too_large") else 400
        return _render(request, form, status=status)
    url = form.cleaned_data.get("url")
    if url:
        return _from_link(request, url, form.cleaned_data.get("holder_email") or "")
    payload = form.cleaned_data["payload"]
    vp = presentation_in(payload)
    if vp is not None:
        return _presentation(request, verify_presentation_document(vp))
    holder_email = form.cleaned_data.get("holder_email") or ""
    return _answer(request, services.verify_document(payload), holder_email)


def _presentation(request: HttpRequest, report: Any) -> HttpResponse:
    context = {
        "form": VerifyForm(max_bytes=max_bytes()),
        "presentation": presentation_answer(report, lang=_language()),
        "max_bytes": max_bytes(),
    }
    return render(request, "verification/verify.html", context)


def _from_link(request: HttpRequest, url: str, holder_email: str = "") -> HttpResponse:
    """Our own share links are opened (they show their own answer); others are fetched.

    Only a path of this site is redirected to: ``http://HOST//evil.example/x`` has our host
    but the path ``//evil.example/x``, which a browser reads as another site.
    """
    if links.is_own_page(url, request.get_host()):
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if _same_site_path(request, target):
            return HttpResponseRedirect(target)
        problem = gettext("This link points at our site but not at one of its pages.")
        return _refuse(request, problem, status=400)
    try:
        document = links.fetch_credential(url)
    except VcError as exc:
        problem = gettext("The link could not be opened: %(detail)s") % {"detail": str(exc)}
        return _refuse(request, problem, status=400)
    return _answer(request, services.verify_document(document), holder_email)


def _same_site_path(request: HttpRequest, target: str) -> bool:
    """A path on this host (Django's own test for "safe to redirect to"), never scheme-
    or host-relative."""
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def _answer(request: HttpRequest, report: Any, holder_email: str = "") -> HttpResponse:
    form = VerifyForm(max_bytes=max_bytes())
    holder = holder_matches(report.credential, holder_email) if holder_email else None
    answer = answer_for(report, lang=_language())
    return _render(request, form, answer=answer, holder=holder, holder_asked=bool(holder_email))


def _refuse(request: HttpRequest, problem: str, *, status: int = 400) -> HttpResponse:
    return _render(request, VerifyForm(max_bytes=max_bytes()), problem=problem, status=status)


def _render(
    request: HttpRequest,
    form: VerifyForm,
    *,
    answer: Any = None,
    problem: str | None = None,
    status: int = 200,
    holder: bool | None = None,
    holder_asked: bool = False,
) -> HttpResponse:
    context = {
        "form": form,
        "problem": problem,
        "max_bytes": max_bytes(),
        "answer": answer,
        "holder": holder,
        "holder_asked": holder_asked,
    }
    return render(request, "verification/verify.html", context, status=status)


def _language() -> str:
    return "tr" if (get_language() or "en").lower().startswith("tr") else "en"
