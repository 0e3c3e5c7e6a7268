"""The verify form: one credential, as a file, pasted text or a share link — one of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("Credential file"),
        required=False,
        help_text=_("A JSON file, or a text file holding a JWT."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.jsonld,.jwt,.txt,application/json,text/plain"}
        ),
    )
    text = forms.CharField(
        label=_("Or paste the credential"),
        required=False,
        strip=True,
        help_text=_("The JSON of the credential, or a JWT starting with “ey”."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
    )
    url = forms.URLField(
        label=_("Or a share link"),
        required=False,
        assume_scheme="https",
        max_length=2000,
        help_text=_("The link a learner shared, or the address in a credential's QR code."),
    )

    holder_email = forms.EmailField(
        label=_("Check the holder's e-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "Type the candidate's e-mail address: the answer says whether the credential was "
            "issued to it, and nothing else. The address is not stored."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, text, url = cleaned.get("file"), cleaned.get("text") or "", cleaned.get("url")
        given = sum(1 for value in (upload, text, url) if value)
        if self.errors:
            return cleaned
        if given > 1:
            raise ValidationError(
                _("Give one credential: a file, pasted text or a link, not several."),
                code="several",
            )
        if given == 0:
            raise ValidationError(
                _("Choose a file, paste a credential or give a link."), code="empty"
            )
        if url:
            return cleaned
        payload: bytes | str = upload.read() if upload else text
        size = len(payload) if isinstance(payload, bytes) else len(payload.encode("utf-8"))
        if size > self.max_bytes:
            raise ValidationError(too_large_message(self.max_bytes), code="too_large")
        cleaned["payload"] = payload
        return cleaned


def too_large_message(max_bytes: int) -> str:
    return gettext("The credential is too large: the limit is %(limit)s.") % {
        "limit": filesizeformat(max_bytes)
    }
