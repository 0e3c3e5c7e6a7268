"""Share links: the holder's list (signed in, own links only) and the public page
(no sign-in; shows only the shared credentials, never the holder's e-mail or others)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from microcred.verification import ratelimit
from microcred.verification.holder import holder_matches
from microcred.wallet import passport, share_answers, shares
from microcred.wallet.errors import WalletError
from microcred.wallet.forms import ShareForm, ShareHolderForm
from microcred.wallet.models import ShareLink, WalletItem
from microcred.wallet.name_privacy import report_without_name
from microcred.wallet.presenting import (
    answer,
    lang,
    linkedin_for,
    pdf_response,
    qr,
    share_url,
)
from microcred.wallet.views import download_response, learner

_GONE = {"wallet.share_unknown": 404, "wallet.share_revoked": 410, "wallet.share_expired": 410}


@login_required
@require_http_methods(["GET", "POST"])
def shares_page(request: HttpRequest) -> HttpResponse:
    user = learner(request)
    held = passport.held_items(user, lang=lang())
    labels = {h.item.pk: f"{h.content.title} — {h.content.issuer_name}" for h in held}
    chosen = WalletItem.objects.filter(owner=user, public_id__in=request.GET.getlist("item"))
    form = ShareForm(request.POST or None, owner=user, labels=labels, initial={"items": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            link, token = shares.create_share(
                user, list(form.cleaned_data["items"]),
                label=form.cleaned_data["label"], expires_at=form.expires_at(),
                show_name=form.cleaned_data["show_name"],
            )  # fmt: skip
        except WalletError as error:
            form.add_error(None, str(error))
        else:
            return _created(request, link, token)
    now = timezone.now()
    rows = [
        {"link": link, "url": _shown_url(request, link, now)} for link in shares.shares_of(user)
    ]
    context = {"form": form, "rows": rows, "now": now}
    return render(request, "wallet/shares.html", context, status=400 if form.errors else 200)


def _shown_url(request: HttpRequest, link: ShareLink, now: datetime) -> str | None:
    """The link's address for the holder's list: only while it works, and only if it can be
    shown again (links made before derived tokens were shown once)."""
    token = shares.shown_token(link)
    if token is None or not shares.is_live(link, now):
        return None
    return share_url(request, token)


def _created(request: HttpRequest, link: ShareLink, token: str) -> HttpResponse:
    """The one time the link is shown: we keep only its hash."""
    url = share_url(request, token)
    items = [passport.held_one(item, lang=lang()) for item in shares.shared_items(link)]
    rows = [
        {"held": h, "linkedin": linkedin_for(h, url), "ref": ref}
        for ref, h in enumerate(items, start=1)
    ]
    context = {"link": link, "url": url, "qr": qr(url), "rows": rows, "token": token}
    response = render(request, "wallet/share_created.html", context, status=201)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def share_revoke(request: HttpRequest, share_id: str) -> HttpResponse:
    if shares.revoke_share(learner(request), share_id) is None:
        raise Http404
    messages.success(request, _("The share link was withdrawn. It no longer opens."))
    return redirect("wallet:shares")


def secret_url(response: HttpResponse) -> HttpResponse:
    """Headers for any response under a share token: the URL is the secret, so no cache
    may keep the answer (a withdrawn link must stop working at once) and no Referer may
    carry the URL to a site the page links to."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _open(request: HttpRequest, token: str) -> ShareLink | HttpResponse:
    try:
        return shares.open_share(token)
    except WalletError as error:
        context = {"problem": str(error), "code": error.code}
        gone = render(request, "wallet/shared_gone.html", context, status=_GONE[error.code])
        return secret_url(gone)


def _is_a_view(request: HttpRequest, link: ShareLink) -> bool:
    """A person reading the page: not a HEAD probe, not the holder checking their link."""
    return request.method == "GET" and request.user.pk != link.owner_id


def too_many(wait: int) -> HttpResponse:
    """Over the client's budget for this kind of work: when to come back."""
    refused = HttpResponse(
        _("Too many requests. Please wait %(seconds)s seconds.") % {"seconds": wait},
        status=429,
        content_type="text/plain",
    )
    refused["Retry-After"] = str(wait)
    return secret_url(refused)


@require_safe
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """Public: each shared credential's verdict (kept a minute), in plain words."""
    return _shared_page(request, token, ShareHolderForm())


@require_POST
def shared_holder(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the same page, answering whether the credentials were issued to the e-mail
    address the visitor typed (yes or no per credential, nothing else; nothing kept)."""
    return _shared_page(request, token, ShareHolderForm(request.POST))


def _shared_page(request: HttpRequest, token: str, holder_form: ShareHolderForm) -> HttpResponse:
    wait = ratelimit.retry_after(request, scope="shared-view")
    if wait is not None:
        return too_many(wait)
    link = _open(request, token)
    if isinstance(link, HttpResponse):
        return link
    if _is_a_view(request, link):
        shares.count_view(link)
    url = share_url(request, token)
    email = holder_form.cleaned_data["email"] if holder_form.is_valid() else ""
    rows = []
    for ref, item in enumerate(shares.shared_items(link), start=1):
        held = passport.held_one(item, lang=lang())
        report = share_answers.report_for(item)
        if not link.show_name:
            report = report_without_name(report)
        row = {"held": held, "answer": answer(report), "ref": ref}
        row["holder"] = holder_matches(item.credential, email) if email else None
        rows.append(row)
    context = {
        "rows": rows,
        "token": token,
        "qr": qr(url),
        "url": url,
        "holder_form": holder_form,
        "holder_asked": bool(email),
    }
    status = 400 if holder_form.is_bound and not email else 200
    return secret_url(render(request, "wallet/shared.html", context, status=status))


def _shared_item(request: HttpRequest, token: str, item_id: str) -> WalletItem | HttpResponse:
    link = _open(request, token)
    if isinstance(link, HttpResponse):
        return link
    item = shares.shared_item(link, item_id)
    if item is None:
        raise Http404
    return item


@require_safe
def shared_download(request: HttpRequest, token: str, item_id: str) -> HttpResponse:
    item = _shared_item(request, token, item_id)
    if isinstance(item, HttpResponse):
        return item
    return secret_url(download_response(item, name=f"credential-{item_id}"))


@require_safe
def shared_pdf(request: HttpRequest, token: str, item_id: str) -> HttpResponse:
    wait = ratelimit.retry_after(request, scope="shared-pdf")  # a PDF costs real CPU
    if wait is not None:
        return too_many(wait)
    link = _open(request, token)
    if isinstance(link, HttpResponse):
        return link
    item = shares.shared_item(link, item_id)
    if item is None:
        raise Http404
    held = passport.held_one(item, lang=lang())
    url = share_url(request, token)
    pdf = pdf_response(held, url, name=f"certificate-{item_id}", show_name=link.show_name)
    return secret_url(pdf)
