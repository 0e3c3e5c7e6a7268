"""HTTP for public documents: what every verifier and wallet, anywhere, may read.

DID documents, status lists, the extension context, achievements and issuer profiles are
read by verifiers that know nothing of Microcred, many of them in a browser on another
origin (wallets, VerifierPlus-like pages). So every such response is readable from any
origin (CORS, with a preflight answered), cacheable by proxies (``Cache-Control``,
``ETag``, conditional GETs), and typed with its own media type. Nothing served this way
is secret or personal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, ParamSpec

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

__all__ = ["JSON_TYPES", "document_response", "public_document", "wants_html"]

P = ParamSpec("P")
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
#: What a machine asks for; a browser's ``Accept`` starts with ``text/html`` instead.
JSON_TYPES = (
    "application/ld+json",
    "application/json",
    "application/vc",
    "application/did+json",
    "application/did+ld+json",
)
PREFLIGHT_MAX_AGE = 86400


def _allow_any_origin(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Content-Type"
    return response


def public_document(
    view: Callable[P, HttpResponse],
) -> Callable[P, HttpResponse]:
    """GET/HEAD as the view answers them, readable from any origin; OPTIONS preflights
    answered here; every other method refused (405)."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            return _allow_any_origin(response)
        if request.method not in ("GET", "HEAD"):
            return _allow_any_origin(HttpResponseNotAllowed(ALLOWED_METHODS))
        return _allow_any_origin(view(*args, **kwargs))

    return wrapper


def wants_html(request: HttpRequest) -> bool:
    """Whether the client prefers a page to JSON (browsers do; verifiers and curl do not).

    The first listed type wins among those we serve; ``*/*`` alone means JSON.
    """
    for item in request.headers.get("Accept", "").split(","):
        kind = item.split(";")[0].strip().lower()
        if kind in ("text/html", "application/xhtml+xml"):
            return True
        if kind in JSON_TYPES:
            return False
    return False


def document_response(
    request: HttpRequest,
    document: Mapping[str, Any] | bytes,
    *,
    content_type: str,
    max_age: int,
    vary_accept: bool = False,
) -> HttpResponse:
    """The document (JSON, or exact bytes) with a strong ETag; 304 when the client has it."""
    body = (
        document
        if isinstance(document, bytes)
        else json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=content_type
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    if vary_accept:
        patch_vary_headers(response, ["Accept"])
    return response
