"""Signing up, in and out. (The signed-in person's organisations and accepting an invitation
are pages of ``organizations``: ``organizations/home_views.py``.)"""

from __future__ import annotations

from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from microcred.accounts.email_views import base_url
from microcred.accounts.email_views import safe_next as _next_or_empty
from microcred.accounts.expiry import unverified_days
from microcred.accounts.forms import SignUpForm
from microcred.accounts.models import User
from microcred.accounts.sign_up import register


@sensitive_post_parameters("password1", "password2")
def sign_up(request: HttpRequest) -> HttpResponse:
    """The same answer for every address (see ``sign_up.register``): no one is signed in
    here, the confirmation link in the mail comes first."""
    form = SignUpForm(_data(request))
    if request.method == "POST" and form.is_valid():
        register(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
            base_url=base_url(request),
            next_url=_next_or_empty(request),
        )
        return redirect("accounts:sign_up_sent")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": request.GET.get("next", "")}
    return render(request, "accounts/sign_up.html", context, status=status)


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/sign_up_sent.html", {"days": unverified_days()})


class SignOutView(LogoutView):
    """POST only (Django's rule): a link or an image cannot sign anyone out."""

    next_page = "home"


def _data(request: HttpRequest) -> QueryDict | None:
    """The submitted fields on POST (bound even when empty, so errors show), else None."""
    return request.POST if request.method == "POST" else None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user
