"""Signing in, with failed attempts limited per account and per client.

Per account, so that guessing one person's password from many addresses is slow; per
client, so that trying one common password against many accounts is slow too. Only
failures count, and a success clears the account's count. The counters live in the
database (``throttle``), so every server process sees the same ones. While blocked, the
answer is 429 with ``Retry-After`` and the password is not even checked.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from microcred.accounts import throttle
from microcred.accounts.forms import SignInForm
from microcred.verification.ratelimit import client_key

#: Defaults for ``MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT``, ``…_PER_CLIENT`` and
#: ``MICROCRED_SIGN_IN_WINDOW_SECONDS``: 10 failures for one account, 50 from one client,
#: per 15 minutes.
PER_ACCOUNT, PER_CLIENT, WINDOW_SECONDS = 10, 50, 15 * 60


def _limits(request: HttpRequest) -> list[tuple[str, throttle.Limit]]:
    window = timedelta(seconds=int(getattr(settings, "MICROCRED_SIGN_IN_WINDOW_SECONDS", 900)))
    account = str(request.POST.get("username", "")).strip().lower()[:254]
    per_account = int(getattr(settings, "MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT", PER_ACCOUNT))
    per_client = int(getattr(settings, "MICROCRED_SIGN_IN_FAILURES_PER_CLIENT", PER_CLIENT))
    return [
        (f"sign-in:account:{account}", throttle.Limit(per_account, window)),
        (f"sign-in:client:{client_key(request)}", throttle.Limit(per_client, window)),
    ]


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    next_page = "landing"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = max(throttle.wait_seconds(key, limit) for key, limit in _limits(request))
        if wait:
            return _throttled(request, wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        for key, limit in _limits(self.request):
            throttle.record(key, limit)
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        throttle.clear(_limits(self.request)[0][0])
        return super().form_valid(form)


def _throttled(request: HttpRequest, wait: int) -> HttpResponse:
    minutes = throttle.minutes(wait)
    problem = ngettext(
        "Too many failed sign-ins. Try again in %(minutes)d minute.",
        "Too many failed sign-ins. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    context = {"form": SignInForm(request), "throttled": problem, "next": ""}
    response = render(request, "accounts/sign_in.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response
