"""The API's one exception-to-HTTP map: every refusal becomes ``{"code", "message"}``.

Services raise their own errors — every app's derive from ``MicrocredError``
(``infra/errors.py``), the trust core's from ``VcError`` — and only this module decides
which HTTP status each deserves, by class, so two endpoints cannot disagree about it.
Codes are dotted, ``area.reason``: ``api.*`` for the API's own refusals and for what
django-ninja and Django refuse, ``vc.*`` for the trust core's, the app's own otherwise.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from microcred.catalog.errors import NotIssuable
from microcred.infra.errors import MicrocredError
from microcred.issuing.errors import CredentialIdTakenError, ValueRefusedError
from microcred.keystore import KeyStoreError
from microcred.organizations.errors import InactiveTokenError, ScopeError
from microcred.vc import VcError


class ApiError(MicrocredError):
    """A refusal decided by the API itself (bad body, foreign issuer, not found)."""

    code = "api.error"

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.status = status


def not_found() -> ApiError:
    """Unknown and other organisations' resources look the same: nothing to see."""
    return ApiError(404, "api.not_found", _("No such resource."))


#: The status of each family of platform errors; the first class that matches wins, so
#: the specific come before the general. Any other ``MicrocredError`` is a plain 400.
STATUS_BY_CLASS: tuple[tuple[type[MicrocredError], int], ...] = (
    (ScopeError, 403),
    (InactiveTokenError, 403),
    (NotIssuable, 404),
    (CredentialIdTakenError, 409),
    (ValueRefusedError, 422),
    (KeyStoreError, 503),
    (MicrocredError, 400),
)


def status_of(exc: MicrocredError) -> int:
    """The HTTP status a platform error deserves (``ApiError`` states its own)."""
    if isinstance(exc, ApiError):
        return exc.status
    return next(status for kind, status in STATUS_BY_CLASS if isinstance(exc, kind))


def _body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def _platform(exc: MicrocredError) -> tuple[int, dict[str, Any]]:
    if isinstance(exc, KeyStoreError):  # the operator's problem: its detail stays in the log
        message = _("Signing is unavailable at the moment. Please try again later.")
        return status_of(exc), _body(exc.code, message)
    return status_of(exc), _body(exc.code, exc.message)


def _classify(exc: Exception) -> tuple[int, dict[str, Any]]:
    """(status, body) for every error the API knows; unknown errors are not caught here."""
    if isinstance(exc, HttpError) and isinstance(exc.__cause__, MicrocredError):
        exc = exc.__cause__  # ninja wraps whatever the body parser raises
    if isinstance(exc, MicrocredError):
        return _platform(exc)
    if isinstance(exc, VcError):
        return 400, _body(f"vc.{exc.code}", str(exc))
    if isinstance(exc, Throttled):  # the verifier's rate limit, checked before the body
        message = _("Too many verifications from your address. Please wait %(seconds)s seconds.")
        return 429, _body("api.rate_limited", message % {"seconds": exc.wait or 1})
    if isinstance(exc, ValidationError):
        message = _("The request has invalid fields.")
        return 422, _body("api.invalid_request", message, errors=exc.errors)
    if isinstance(exc, AuthenticationError):
        return 401, _body("api.unauthenticated", _("A valid API token is required."))
    if isinstance(exc, RequestDataTooBig):
        return 413, _body("api.request_too_large", _("The request body is too large."))
    if isinstance(exc, json.JSONDecodeError):
        return 400, _body("api.malformed_json", _("The request body is not valid JSON."))
    if isinstance(exc, Http404):
        return 404, _body("api.not_found", _("No such resource."))
    if isinstance(exc, HttpError):
        return exc.status_code, _body("api.http_error", exc.message)
    raise exc


KNOWN: tuple[type[Exception], ...] = (
    MicrocredError,
    VcError,
    ValidationError,
    HttpError,
    RequestDataTooBig,
    json.JSONDecodeError,
    Http404,
)


def _handle(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    status, body = _classify(exc)
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    """Route every known error through ``_classify``; anything else stays a 500."""
    for kind in KNOWN:
        api.add_exception_handler(kind, partial(_handle, api=api))
