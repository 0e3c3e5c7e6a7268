"""The public ``did.json`` of each organisation: static, cacheable, no sign-in.

Verifiers anywhere fetch it (did:web resolution), so it is served with an ETag and a
``Cache-Control`` that lets proxies share it, and with CORS open so browser-based
verifiers may read it. Nothing here is secret: public keys and their status only.
"""

from __future__ import annotations

import hashlib
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from microcred.organizations import keys

CONTENT_TYPE = "application/did+json"
MAX_AGE = 300


@require_safe
def did_json(request: HttpRequest, org: str) -> HttpResponse:
    document = keys.public_did_document(org)
    if document is None:
        raise Http404
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=CONTENT_TYPE
    )
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
