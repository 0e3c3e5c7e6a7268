"""Public, cacheable documents: signed status list credentials. No sign-in, no signing.

A GET only ever serves what was signed when a status last changed; it cannot make the
server sign anything, so it costs the issuer nothing at internet scale. Readable from any
origin (browser-based verifiers and wallets). A change shows to outside verifiers after at
most ``STATUS_LIST_MAX_AGE`` seconds (what proxies and browsers may keep); the platform's
own verifier sees it at once.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition

from microcred.issuing.models import StatusList
from microcred.organizations.public_http import public_document


def _etag(request: HttpRequest, public_id: str) -> str | None:
    row = StatusList.objects.filter(public_id=public_id).values("version", "signed_at").first()
    if row is None or row["signed_at"] is None:
        return None
    return quote_etag(f"{public_id}-{row['version']}-{row['signed_at'].timestamp()}")


#: Seconds verifiers (and proxies) may keep a status list: a revocation can reach them this
#: late, which the revocation page says.
STATUS_LIST_MAX_AGE = 60


@public_document
@condition(etag_func=_etag)
def status_list(request: HttpRequest, public_id: str) -> HttpResponse:
    found = (
        StatusList.objects.filter(public_id=public_id)
        .only("signed_credential", "signed_at")
        .first()
    )
    if found is None or found.signed_credential is None:
        raise Http404
    response = JsonResponse(found.signed_credential, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/vc"  # the VC 2.0 media type
    response["Cache-Control"] = f"public, max-age={STATUS_LIST_MAX_AGE}"
    assert found.signed_at is not None
    response["Last-Modified"] = http_date(found.signed_at.timestamp())
    return response
