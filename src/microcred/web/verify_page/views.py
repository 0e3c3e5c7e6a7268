"""The verify page: HTTP in, a rendered :class:`VerificationReport` out.

The view only translates HTTP: the verdict, every check and its message come from the
trust core, so the page cannot disagree with the CLI or the API about a credential.
Uploads are parsed by our own bounded in-memory handler, which must be installed before
anything reads the body; that is why the CSRF check runs inside the view (Django's
documented pattern) rather than in the middleware, which would read the body first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from microcred.vc.verify import CheckStatus, VerificationReport, verify_credential
from microcred.web.verify_page.forms import VerifyForm, too_large_message
from microcred.web.verify_page.summary import CredentialSummary, summarize
from microcred.web.verify_page.uploads import BoundedMemoryUploadHandler

#: Room for the multipart envelope (boundaries, headers, the CSRF token) around the file.
ENVELOPE_BYTES = 32 * 1024
STATUS_LABELS = {
    CheckStatus.PASSED: _("Passed"),
    CheckStatus.FAILED: _("Failed"),
    CheckStatus.SKIPPED: _("Not applicable"),
}


@dataclass(frozen=True, slots=True)
class CheckRow:
    code: str
    status: str
    status_label: str
    message: str


@csrf_exempt  # checked in _verify_page, once our upload handler has read the body
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        refusal = _read_body(request)
        if refusal is not None:
            return refusal
    return _verify_page(request)


def _read_body(request: HttpRequest) -> HttpResponse | None:
    """Parse the body under our limits; a response if it had to be refused."""
    limit: int = settings.MICROCRED_VERIFY_MAX_BYTES
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
    limit: int = settings.MICROCRED_VERIFY_MAX_BYTES
    if request.method != "POST":
        return _render(request, VerifyForm(max_bytes=limit))
    form = VerifyForm(request.POST, request.FILES, max_bytes=limit)
    if not form.is_valid():
        status = 413 if form.has_error(NON_FIELD_ERRORS, "too_large") else 400
        return _render(request, form, status=status)
    report = verify_credential(form.cleaned_data["payload"], now=timezone.now())
    return _render(request, VerifyForm(max_bytes=limit), report=report)


def _refuse(request: HttpRequest, problem: str, *, status: int = 400) -> HttpResponse:
    form = VerifyForm(max_bytes=settings.MICROCRED_VERIFY_MAX_BYTES)
    return _render(request, form, problem=problem, status=status)


def _render(
    request: HttpRequest,
    form: VerifyForm,
    *,
    report: VerificationReport | None = None,
    problem: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "problem": problem,
        "max_bytes": settings.MICROCRED_VERIFY_MAX_BYTES,
    }
    if report is not None:
        context.update(_report_context(report, _message_language()))
    return render(request, "verify_page/verify.html", context, status=status)


def _report_context(report: VerificationReport, lang: str) -> dict[str, Any]:
    failures = report.failures
    summary: CredentialSummary | None = summarize(report.credential, lang)
    return {
        "report": report,
        "verified": report.verified,
        "reason": failures[0].message(lang) if failures else None,
        "summary": summary if summary is not None and not summary.is_empty else None,
        "rows": [
            CheckRow(c.code, str(c.status), str(STATUS_LABELS[c.status]), c.message(lang))
            for c in report.checks
        ],
    }


def _message_language() -> str:
    """The trust core's catalogue speaks ``en`` and ``tr``; pick the page's one."""
    return "tr" if (get_language() or "en").lower().startswith("tr") else "en"
