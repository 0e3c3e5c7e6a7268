"""The verify form: one credential, as a file or as pasted text, never both."""

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

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload and text:
            raise ValidationError(_("Give either a file or pasted text, not both."), code="both")
        if not upload and not text:
            raise ValidationError(_("Choose a file or paste a credential."), code="empty")
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
