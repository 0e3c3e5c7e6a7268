"""Request bodies: JSON objects only, and never more than the limit is read into memory."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.parser import Parser

from microcred.api.errors import ApiError
from microcred.vc import MAX_DEPTH, JsonInputError, read_json
from microcred.vc.verify import contains_nul

DEFAULT_MAX_BYTES = 1024 * 1024
#: A credential may nest MAX_DEPTH levels; the request wraps it in one object (and options).
MAX_BODY_DEPTH = MAX_DEPTH + 2


def max_body_bytes() -> int:
    return int(getattr(settings, "MICROCRED_API_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "api.request_too_large",
        _("The request body is larger than %(limit)d bytes.") % {"limit": limit},
    )


def _refusal(exc: JsonInputError, limit: int) -> ApiError:
    """The strict reader's refusal in the API's words: 413 for size, 400 otherwise."""
    if exc.code == "json_too_large":
        return _too_large(limit)
    messages = {
        "json_too_deep": _("The request body nests deeper than %(limit)d levels.")
        % {"limit": MAX_BODY_DEPTH},
        "json_duplicate_key": _("The request body repeats the key “%(key)s” in one object.")
        % {"key": exc.params.get("key", "")},
        "json_number_invalid": _("The request body holds a number JSON does not allow "
                                 "(NaN, Infinity, or one too large)."),
        "json_lone_surrogate": _("The request body holds a lone UTF-16 surrogate, "
                                 "which is not text."),
    }  # fmt: skip
    code = f"api.{exc.code}" if exc.code in messages else "api.malformed_json"
    message = messages.get(exc.code) or _("The request body is not valid JSON.")
    return ApiError(400, code, message)


class BoundedJsonParser(Parser):
    """Refuse by the declared length before reading, then read with the strict reader
    (the trust core's: size, linear depth scan, duplicate keys, NaN, lone surrogates)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        limit = max_body_bytes()
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise _too_large(limit)
        body = request.body
        try:
            data = read_json(body, max_bytes=limit, max_depth=MAX_BODY_DEPTH)
        except JsonInputError as exc:
            raise _refusal(exc, limit) from exc
        if not isinstance(data, dict):
            raise ApiError(400, "api.json_not_object", _("The request body must be a JSON object."))
        if b"u0000" in body and contains_nul(data):
            # No text in a credential or a learner's record has a use for it, and PostgreSQL
            # refuses to store it (text and jsonb alike).
            raise ApiError(
                400, "api.nul_character", _("The request body contains a NUL (U+0000) character.")
            )
        return data
