"""The wallet's forms: import a credential, make a share link, confirm deletion."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from microcred.wallet.imports import max_bytes
from microcred.wallet.models import WalletItem


class ImportForm(forms.Form):
    """A file or pasted text; the text is what we verify and keep."""

    file = forms.FileField(label=_("Credential file (.json or .jwt)"), required=False)
    text = forms.CharField(
        label=_("…or paste the credential (JSON or vc+jwt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    keep_unverified = forms.BooleanField(
        label=_("Keep it although it could not be verified (it will be marked as not verified)"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > max_bytes():
                raise forms.ValidationError(too_large_message(), code="too_large")
            try:
                data["payload"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("The file is not UTF-8 text; a credential is JSON or a vc+jwt."),
                    code="not_text",
                ) from None
        else:
            data["payload"] = data.get("text") or ""
        if not data["payload"].strip():
            raise forms.ValidationError(_("Upload a file or paste a credential."), code="empty")
        return data


def too_large_message() -> str:
    return gettext("The file is larger than %(limit)d KiB; it cannot be imported.") % {
        "limit": max_bytes() // 1024
    }


class ShareForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        label=_("Credentials to show"),
        queryset=WalletItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.CharField(
        label=_("Name of the link (only you see it)"), max_length=200, required=False
    )
    expires_on = forms.DateField(
        label=_("Expires at the end of (optional)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the page and the certificate"),
        required=False,
        help_text=_(
            "Off unless you tick it. The signed credential a visitor can download stays as "
            "the issuer signed it: if the issuer put your name in it, the file has it too."
        ),
    )

    def __init__(self, *args: Any, owner: Any, labels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["items"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = WalletItem.objects.filter(owner=owner).order_by("-added")
        field.label_from_instance = lambda item: labels.get(item.pk, item.public_id)  # type: ignore[method-assign,assignment]

    def clean_expires_on(self) -> Any:
        day = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The expiry must be in the future."))
        return day

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))


class ShareHolderForm(forms.Form):
    """An employer's check on a share page: is this the candidate's credential?"""

    email = forms.EmailField(
        label=_("The candidate's e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, my passport and my share links will be deleted for good."
        ),
    )
