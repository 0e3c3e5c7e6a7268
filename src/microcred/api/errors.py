"""The API's one exception-to-HTTP map: every refusal becomes ``{"code", "message"}``.

Services raise their own errors (issuing, catalogue, organisations, trust core); only this
module decides which HTTP status each deserves, so two endpoints cannot disagree about it.
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

from microcred.catalog.errors import CatalogError, NotIssuable
from microcred.issuing.errors import IssuingError
from microcred.organizations.services import OrganizationError, ScopeError
from microcred.organizations.tokens import InactiveTokenError
from microcred.vc import VcError


class ApiError(Exception):
    """A refusal decided by the API itself (bad body, foreign issuer, not found)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found() -> ApiError:
    """Unknown and other organisations' resources look the same: nothing to see."""
    return ApiError(404, "not_found", _("No such resource."))


#: Issuing refusals that are not a plain bad request (any other issuing code is a 400).
_ISSUING_STATUS = {
    "credential_id_taken": 409,
    "name_control_characters": 422,
    "grade_not_in_scheme": 422,
    "grade_below_pass_mark": 422,
}


def _body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def _classify(exc: Exception) -> tuple[int, dict[str, Any]]:
    """(status, body) for every error the API knows; unknown errors are not caught here."""
    if isinstance(exc, HttpError) and isinstance(exc.__cause__, ApiError):
        exc = exc.__cause__  # ninja wraps whatever the body parser raises
    if isinstance(exc, ApiError):
        return exc.status, _body(exc.code, exc.message)
    if isinstance(exc, Throttled):  # the verifier's rate limit, checked before the body
        message = _("Too many verifications from your address. Please wait %(seconds)s seconds.")
        return 429, _body("rate_limited", message % {"seconds": exc.wait or 1})
    if isinstance(exc, ValidationError):
        return 422, _body(
            "invalid_request", _("The request has invalid fields."), errors=exc.errors
        )
    if isinstance(exc, AuthenticationError):
        return 401, _body("unauthenticated", _("A valid API token is required."))
    if isinstance(exc, (ScopeError, InactiveTokenError)):
        return 403, _body(exc.code, exc.message)
    if isinstance(exc, NotIssuable):
        return 404, _body(exc.code, str(exc))
    if isinstance(exc, OrganizationError):
        return 400, _body(exc.code, exc.message)
    if isinstance(exc, IssuingError):
        return _ISSUING_STATUS.get(exc.code, 400), _body(exc.code, str(exc))
    if isinstance(exc, (CatalogError, VcError)):
        return 400, _body(exc.code, str(exc))
    if isinstance(exc, RequestDataTooBig):
        return 413, _body("request_too_large", _("The request body is too large."))
    if isinstance(exc, json.JSONDecodeError):
        return 400, _body("malformed_json", _("The request body is not valid JSON."))
    if isinstance(exc, Http404):
        return 404, _body("not_found", _("No such resource."))
    if isinstance(exc, HttpError):
        return exc.status_code, _body("http_error", exc.message)
    raise exc


KNOWN: tuple[type[Exception], ...] = (
    ApiError,
    ValidationError,
    HttpError,
    OrganizationError,
    CatalogError,
    IssuingError,
    VcError,
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
