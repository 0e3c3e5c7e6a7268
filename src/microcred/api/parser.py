"""Request bodies: JSON objects only, and never more than the limit is read into memory."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.parser import Parser

from microcred.api.errors import ApiError
from microcred.vc.verify.parse import MAX_DEPTH, contains_nul, json_depth

DEFAULT_MAX_BYTES = 1024 * 1024
#: A credential may nest MAX_DEPTH levels; the request wraps it in one object (and options).
MAX_BODY_DEPTH = MAX_DEPTH + 2


def max_body_bytes() -> int:
    return int(getattr(settings, "MICROCRED_API_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "request_too_large",
        _("The request body is larger than %(limit)d bytes.") % {"limit": limit},
    )


class BoundedJsonParser(Parser):
    """Refuse by the declared length before reading, then by the actual length."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        limit = max_body_bytes()
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise _too_large(limit)
        body = request.body
        if len(body) > limit:
            raise _too_large(limit)
        try:
            text = body.decode("utf-8")
            if json_depth(text) > MAX_BODY_DEPTH:  # before json.loads recurses into it
                raise ApiError(
                    400,
                    "json_too_deep",
                    _("The request body nests deeper than %(limit)d levels.")
                    % {"limit": MAX_BODY_DEPTH},
                )
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, "malformed_json", _("The request body is not valid JSON.")) from exc
        if not isinstance(data, dict):
            raise ApiError(400, "json_not_object", _("The request body must be a JSON object."))
        if "u0000" in text and contains_nul(data):
            # No text in a credential or a learner's record has a use for it, and PostgreSQL
            # refuses to store it (text and jsonb alike).
            raise ApiError(
                400, "nul_character", _("The request body contains a NUL (U+0000) character.")
            )
        return data
