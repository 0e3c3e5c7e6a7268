"""The signed-in person's e-mail addresses: add one, resend a link, confirm a link.

Roles: any signed-in person, for their own addresses only (rows are always looked up
through ``request.user``). Confirming needs a POST, so mail scanners that prefetch links
cannot verify an address on their own.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from microcred.accounts import emails
from microcred.accounts.errors import EmailVerificationError
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress


class AddEmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


def _sent(request: HttpRequest, row: EmailAddress, sent: bool) -> None:
    if sent:
        messages.success(
            request, _("We sent a link to %(email)s. Open it to confirm.") % {"email": row.email}
        )
    else:
        messages.error(
            request,
            _("Several links were already sent to %(email)s in the last hour. Use one of "
              "them, or try again later.") % {"email": row.email},
        )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def email_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = AddEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            row = emails.add_address(user, form.cleaned_data["email"])
        except EmailVerificationError as error:
            form.add_error("email", str(error))
        else:
            if not row.verified:
                _sent(request, row, emails.send_verification(row, base_url=base_url(request)))
            return redirect("accounts:emails")
    context = {"addresses": emails.addresses_of(user), "form": form}
    return render(request, "accounts/emails.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def email_resend(request: HttpRequest, address_id: str) -> HttpResponse:
    row = EmailAddress.objects.filter(user=_user(request), public_id=address_id).first()
    if row is None:
        raise Http404
    if not row.verified:
        sent = emails.send_verification(
            row, base_url=base_url(request), next_url=safe_next(request)
        )
        _sent(request, row, sent)
    return redirect(safe_next(request) or "accounts:emails")


@login_required
@require_http_methods(["GET", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    user = _user(request)
    try:
        _user_id, email = emails.read_token(token)
        if request.method == "POST":
            row = emails.confirm(token, user)
            messages.success(request, _("%(email)s is confirmed.") % {"email": row.email})
            return redirect(safe_next(request) or "accounts:emails")
        if _user_id != user.pk:
            emails.confirm(token, user)  # raises the precise wrong-account error
    except EmailVerificationError as error:
        context = {"problem": str(error), "code": error.code}
        return _uncached(render(request, "accounts/email_confirm.html", context, status=400))
    context = {"email": email, "next": safe_next(request)}
    return _uncached(render(request, "accounts/email_confirm.html", context))


def _uncached(response: HttpResponse) -> HttpResponse:
    """The link is a secret: no cache keeps the page. (The Referrer-Policy stays
    same-origin: "no-referrer" would make browsers send ``Origin: null`` with the confirm
    POST, which Django's CSRF check rightly refuses.)"""
    response["Cache-Control"] = "private, no-store"
    return response
