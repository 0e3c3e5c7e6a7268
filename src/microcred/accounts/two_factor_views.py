"""The signed-in person's security page: password, two-factor sign-in, and the
organisation rule for the organisations they administer (the rule and its switch are
``organizations``'; the page asks through ``two_factor_rule``).

Enrolment shows the secret as a QR code (and as text, for typing) only while it is not yet
confirmed; recovery codes are shown once, right after they are made, on a page no cache
keeps. Turning the second factor off needs the current password.
"""

from __future__ import annotations

import io

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from microcred.accounts import totp, two_factor, two_factor_rule
from microcred.accounts.email_views import safe_next
from microcred.accounts.errors import TwoFactorError
from microcred.accounts.models import User

ISSUER_NAME = "Microcred"


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("The six-digit code your app shows"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasswordCheckForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def security(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rule = two_factor_rule.current()
    organizations = [
        {"organization": organization, "required": required}
        for organization, required in rule.administered(user)
    ]
    context = {
        "enabled": two_factor.is_enabled(user),
        "remaining": two_factor.remaining_recovery_codes(user),
        "required_by": two_factor_rule.current().requiring(user),
        "organizations": organizations,
        "disable_form": PasswordCheckForm(user=user),
    }
    return _private(render(request, "accounts/security.html", context))


def _qr(uri: str) -> str:
    buffer = io.BytesIO()
    segno.make(uri, error="m", micro=False).save(
        buffer, kind="svg", xmldecl=False, svgns=True, scale=4, title=_("QR code for your app")
    )
    return buffer.getvalue().decode("utf-8")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if two_factor.is_enabled(user):
        return redirect("accounts:security")
    device = two_factor.pending_device(user) or two_factor.start_enrolment(user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(user, form.cleaned_data["code"])
        except TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            context = {"codes": codes, "next": safe_next(request), "fresh": True}
            return _private(render(request, "accounts/recovery_codes.html", context))
    uri = totp.provisioning_uri(device.secret, account=user.email, issuer=ISSUER_NAME)
    context = {
        "form": form,
        "qr": _qr(uri),
        "secret": " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4)),
        "next": safe_next(request),
        "required_by": two_factor_rule.current().requiring(user),
    }
    status = 400 if form.errors else 200
    return _private(render(request, "accounts/two_factor_setup.html", context, status=status))


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not two_factor.is_enabled(user):
        return redirect("accounts:security")
    codes = two_factor.new_recovery_codes(user)
    return _private(render(request, "accounts/recovery_codes.html", {"codes": codes}))


@sensitive_post_parameters("password")
@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordCheckForm(request.POST, user=user)
    if form.is_valid():
        try:
            two_factor.disable(user)
        except TwoFactorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Two-factor sign-in is off."))
    else:
        messages.error(request, _("That is not your current password."))
    return redirect("accounts:security")
