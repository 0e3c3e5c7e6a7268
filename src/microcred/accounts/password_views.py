"""Forgotten and changed passwords, on Django's own views and token generator.

Reset: the page answers alike for every address (only the mailbox learns whether an
account exists); at most ``RESETS_PER_HOUR`` links are mailed to one address an hour; a
link works once (its token covers the password hash and last sign-in) and for
``PASSWORD_RESET_TIMEOUT`` seconds. Setting the new password ends every session of the
account (Django checks each session against the password hash) and confirms the account's
address, since the link reached that mailbox. Change: the current password is required;
this session stays signed in, every other one ends.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.accounts import emails, sign_in_limits, throttle
from microcred.accounts.models.email import EmailAddress

RESETS_PER_HOUR = 3


class ResetForm(auth_forms.PasswordResetForm):
    """Django's form, with our label, lower-case addresses and an hourly budget per address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = gettext_lazy("E-mail address")

    def clean_email(self) -> str:
        return emails.normalise(str(self.cleaned_data["email"]))

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        address = str(args[4] if len(args) > 4 else kwargs["to_email"])
        budget = throttle.Limit(RESETS_PER_HOUR, timedelta(hours=1))
        if throttle.spend(f"password-reset:{address.lower()}", budget):
            return  # the page still answers alike; the mailbox already has links
        super().send_mail(*args, **kwargs)


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        EmailAddress.objects.filter(user=user, email=user.email, verified_at__isnull=True).exclude(
            email__in=EmailAddress.objects.filter(verified_at__isnull=False).values("email")
        ).update(verified_at=timezone.now())
        sign_in_limits.succeeded(self.request, user.email)
        response["Cache-Control"] = "private, no-store"
        return response

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "private, no-store"
        if not context.get("validlink"):
            response.status_code = 400
        return response


class ResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"


class ChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        messages.success(
            self.request, _("Your password was changed. Other devices have been signed out.")
        )
        return response
