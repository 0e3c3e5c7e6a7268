"""The second step of signing in: the password was right, a code is still owed.

Between the two steps the session holds only who is signing in, since when and where to
go next; nobody is signed in until the code is accepted (then ``login`` rotates the
session key). The pending step lapses after ``PENDING_SECONDS``, and failed codes count
against their own budget (``sign_in_limits.CODE``), per account and per client.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from microcred.accounts import sign_in_limits, two_factor
from microcred.accounts.errors import TwoFactorError
from microcred.accounts.models import User

PENDING_KEY = "microcred.pending_sign_in"
PENDING_SECONDS = 10 * 60
BACKEND = "django.contrib.auth.backends.ModelBackend"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def begin(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Remember the half-finished sign-in and ask for the code."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "since": timezone.now().isoformat(),
        "next": next_url,
    }
    return redirect(reverse("accounts:sign_in_code"))


def pending(request: HttpRequest) -> tuple[User, str] | None:
    """The user half signed in on this session, and where to go next; None if none or lapsed."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    since = datetime.fromisoformat(str(data.get("since")))
    if timezone.now() - since > timedelta(seconds=PENDING_SECONDS):
        request.session.pop(PENDING_KEY, None)
        return None
    user = User.objects.filter(pk=int(data.get("user") or 0), is_active=True).first()
    return (user, str(data.get("next") or "")) if user is not None else None


def _safe(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else reverse("accounts:home")


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def code_page(request: HttpRequest) -> HttpResponse:
    found = pending(request)
    if found is None:
        return redirect(reverse("accounts:sign_in") + "?" + urlencode({"expired": "1"}))
    user, next_url = found
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        account = f"user-{user.pk}"
        wait = sign_in_limits.wait(request, account, sign_in_limits.CODE)
        if wait:
            response = _render(request, form, 429, throttled=sign_in_limits.message(wait))
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            try:
                two_factor.check(user, form.cleaned_data["code"])
            except TwoFactorError as error:
                sign_in_limits.failed(request, account, sign_in_limits.CODE)
                form.add_error("code", str(error))
            else:
                sign_in_limits.succeeded(request, account, sign_in_limits.CODE)
                request.session.pop(PENDING_KEY, None)
                login(request, user, backend=BACKEND)
                return redirect(_safe(request, next_url))
        return _render(request, form, 400)
    return _render(request, form, 200)


def _render(request: HttpRequest, form: CodeForm, status: int, throttled: str = "") -> HttpResponse:
    context = {"form": form, "throttled": throttled}
    response = render(request, "accounts/sign_in_code.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
