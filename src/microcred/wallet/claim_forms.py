"""The claim page's forms: a password for a new passport, or the existing account's one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ClaimSignInForm(forms.Form):
    """Only the password: the link already names the account (by its address)."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
