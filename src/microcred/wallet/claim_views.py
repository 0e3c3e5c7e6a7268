"""Saving a claimed award to the passport: the award e-mail's link, then sign in or up.

Roles: any signed-in person holding the claim link; the award is added only when one of
the account's confirmed addresses matches the credential's e-mail hash.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microcred.accounts import emails
from microcred.issuing.claim_views import award_for_token
from microcred.wallet import claims
from microcred.wallet.errors import WalletError
from microcred.wallet.views import learner


@login_required
@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, token: str) -> HttpResponse:
    award = award_for_token(token)
    user = learner(request)
    existing = claims.find_claimed(user, award)
    if existing is not None:
        return redirect("wallet:item", item_id=existing.public_id)
    context: dict[str, object] = {"award": award, "token": token}
    if request.method == "POST":
        try:
            item = claims.claim(user, award)
        except WalletError as error:
            context.update(problem=str(error), code=error.code)
            context["unverified"] = [a for a in emails.addresses_of(user) if not a.verified]
            response = render(request, "wallet/claim.html", context, status=409)
        else:
            messages.success(request, _("The micro-credential was saved to your passport."))
            return redirect("wallet:item", item_id=item.public_id)
    else:
        response = render(request, "wallet/claim.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # "no-referrer" would send Origin: null on POST
    return response
