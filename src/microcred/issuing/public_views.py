"""Public, cacheable documents: signed status list credentials. No sign-in, no signing.

A GET only ever serves what was signed when a status last changed; it cannot make the
server sign anything, so it costs the issuer nothing at internet scale.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition, require_GET

from microcred.issuing.models import StatusList


def _etag(request: HttpRequest, public_id: str) -> str | None:
    row = StatusList.objects.filter(public_id=public_id).values("version", "signed_at").first()
    if row is None or row["signed_at"] is None:
        return None
    return quote_etag(f"{public_id}-{row['version']}-{row['signed_at'].timestamp()}")


#: Seconds verifiers (and proxies) may keep a status list: a revocation can reach them this
#: late, which the revocation page says.
STATUS_LIST_MAX_AGE = 60


@require_GET
@condition(etag_func=_etag)
def status_list(request: HttpRequest, public_id: str) -> JsonResponse:
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
