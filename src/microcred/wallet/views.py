"""The learner's passport and credential pages.

Roles: any signed-in person, for their own items only — every item is looked up through
``request.user``, so another learner's id is a 404, never a 403 (ids cannot be probed).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.models import User
from microcred.issuing import history
from microcred.verification import ratelimit
from microcred.wallet import imports, passport, shares
from microcred.wallet.models import WalletItem
from microcred.wallet.pathways import cards as pathway_cards
from microcred.wallet.presenting import lang, linkedin_for, pdf_response, share_url


def learner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


def own_item(request: HttpRequest, item_id: str) -> WalletItem:
    item = WalletItem.objects.filter(owner=learner(request), public_id=item_id).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_safe
def passport_page(request: HttpRequest) -> HttpResponse:
    user = learner(request)
    held = passport.held_items(user, lang=lang())
    following, suggested = pathway_cards(user, lang())
    context = {"passport": passport.build(held), "following": following, "suggested": suggested}
    return render(request, "wallet/passport.html", context)


@login_required
@require_safe
def item_detail(request: HttpRequest, item_id: str) -> HttpResponse:
    item = own_item(request, item_id)
    held = passport.held_one(item, lang=lang())
    token = shares.live_certificate_token(item)
    context = {
        "held": held,
        "linkedin": linkedin_for(held, share_url(request, token)) if token else None,
        "history": history.status_history(item.award_public_id) if item.award_public_id else [],
    }
    from microcred.wallet.contest_views import contest_context  # it imports this module

    context.update(contest_context(request, item))
    return render(request, "wallet/item.html", context)


@login_required
@require_POST
def item_recheck(request: HttpRequest, item_id: str) -> HttpResponse:
    item = own_item(request, item_id)
    if item.source == WalletItem.Source.IMPORTED:
        wait = ratelimit.retry_after(request)  # the verifier's shared budget
        if wait is not None:
            messages.error(
                request,
                _("Too many verifications from your address. Please wait %(seconds)s seconds.")
                % {"seconds": wait},
            )
        else:
            imports.recheck(item)
            messages.success(request, _("The credential was checked again."))
    return redirect("wallet:item", item_id=item.public_id)


@login_required
@require_safe
def item_download(request: HttpRequest, item_id: str) -> HttpResponse:
    """Exactly what was issued or uploaded, always — revoked or not."""
    return download_response(own_item(request, item_id))


def download_response(item: WalletItem, *, name: str | None = None) -> HttpResponse:
    """The file as given; ``name`` (without extension) replaces our id in its file name."""
    extension = "jwt" if item.media_type == "application/vc+jwt" else "json"
    response = HttpResponse(item.raw.encode("utf-8"), content_type=item.media_type)
    filename = f"{name or f'credential-{item.public_id}'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def item_pdf(request: HttpRequest, item_id: str) -> HttpResponse:
    """The printable certificate. Its QR code needs a public page to open: the credential's
    one certificate link (made on the first print, reused after; listed and revocable)."""
    item = own_item(request, item_id)
    _link, token = shares.certificate_link(learner(request), item)
    return pdf_response(passport.held_one(item, lang=lang()), share_url(request, token))


@login_required
@require_POST
def item_linkedin(request: HttpRequest, item_id: str) -> HttpResponse:
    """Make the credential's certificate link, which LinkedIn will point at, and return to
    the credential, whose page then links to LinkedIn (a form may not redirect off-site
    under our CSP, and a GET must not publish anything)."""
    item = own_item(request, item_id)
    shares.certificate_link(learner(request), item)
    messages.success(
        request, _("Your certificate link is ready: follow “Add to LinkedIn” to open LinkedIn.")
    )
    return redirect(reverse("wallet:item", kwargs={"item_id": item.public_id}) + "#linkedin")


@login_required
@require_POST
def item_remove(request: HttpRequest, item_id: str) -> HttpResponse:
    own_item(request, item_id).delete()
    messages.success(request, _("The credential was removed from your passport."))
    return redirect("wallet:passport")
