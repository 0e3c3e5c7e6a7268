"""The public ``did.json`` of each organisation: static, cacheable, no sign-in.

Verifiers anywhere fetch it (did:web resolution). Asked for through a former did:web host
of the deployment, it is the document of the DID under that host (see
``keys.public_did_document``), so credentials issued before a change of host still verify.
Nothing here is secret: public keys and their status only.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from microcred.organizations import keys
from microcred.organizations.public_http import document_response, public_document

CONTENT_TYPE = "application/did+json"
MAX_AGE = 300


@public_document
def did_json(request: HttpRequest, org: str) -> HttpResponse:
    document = keys.public_did_document(org, host=request.get_host())
    if document is None:
        raise Http404
    return document_response(request, document, content_type=CONTENT_TYPE, max_age=MAX_AGE)
