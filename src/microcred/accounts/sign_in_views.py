"""Signing in, with failed attempts limited (``sign_in_limits``) and a second step for
accounts with two-factor sign-in (``second_step``).

While blocked, the answer is 429 with ``Retry-After`` and the password is not even checked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from microcred.accounts import second_step, sign_in_limits, two_factor
from microcred.accounts.forms import SignInForm


def _account(request: HttpRequest) -> str:
    return str(request.POST.get("username", ""))


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    next_page = "landing"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = sign_in_limits.wait(request, _account(request))
        if wait:
            return _throttled(request, wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        sign_in_limits.failed(self.request, _account(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        sign_in_limits.succeeded(self.request, _account(self.request))
        user = form.get_user()
        if two_factor.is_enabled(user):
            return second_step.begin(self.request, user, self.get_success_url())
        return super().form_valid(form)


def _throttled(request: HttpRequest, wait: int) -> HttpResponse:
    problem = sign_in_limits.message(wait)
    context = {"form": SignInForm(request), "throttled": problem, "next": ""}
    response = render(request, "accounts/sign_in.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response
