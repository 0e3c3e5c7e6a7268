"""The learner's claim page: public, no sign-in — the token in the link is the key.

Only the token's SHA-256 is stored, so a database leak gives no working links; the lookup
is by that hash and the final comparison is constant-time.
"""

from __future__ import annotations

import hmac

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from microcred.catalog import services as catalog
from microcred.infra.token_digest import token_digest
from microcred.issuing.models import Award
from microcred.issuing.views import credential_response


def award_for_token(token: str) -> Award:
    """The award a raw claim token opens; Http404 for any unknown or malformed token."""
    if not token or len(token) > 128:
        raise Http404
    digest = token_digest(token)
    award = (
        Award.objects.select_related("specification_version", "organization")
        .filter(claim_token_hash=digest)
        .first()
    )
    if award is None or not hmac.compare_digest(award.claim_token_hash, digest):
        raise Http404
    return award


def _no_store(response: HttpResponse) -> HttpResponse:
    # The page is personal and its URL a secret: keep it out of shared caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def claim(request: HttpRequest, token: str) -> HttpResponse:
    award = award_for_token(token)
    elements = catalog.elements_of(award.specification_version)
    context = {
        "award": award,
        "token": token,
        "elements": elements,
        "issued_on": award.awarded_on or award.created.date(),
        "inactive": award.state != Award.State.ACTIVE,
    }
    return _no_store(render(request, "issuing/claim.html", context))


@require_safe
def claim_download(request: HttpRequest, token: str) -> HttpResponse:
    return _no_store(credential_response(award_for_token(token)))
