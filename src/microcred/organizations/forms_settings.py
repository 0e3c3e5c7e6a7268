"""The organisation settings form: what learners and employers see of the organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from microcred.organizations.errors import LogoError
from microcred.organizations.logos import MAX_BYTES, check_logo
from microcred.organizations.models import Organization


class SettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_email = forms.EmailField(
        label=_("Contact e-mail for learners"),
        required=False,
        help_text=_(
            "Named in the e-mails learners receive, so they know where to ask or to contest "
            "a revocation."
        ),
    )
    default_language = forms.ChoiceField(
        label=_("Default language of learners' e-mails"),
        choices=settings.LANGUAGES,
        help_text=_("Used when an award does not name the learner's language."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/svg+xml"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        initial = {
            "name": organization.name,
            "website": organization.website,
            "contact_email": organization.contact_email,
            "default_language": organization.default_language,
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = gettext(
            "PNG, JPEG or SVG, at most %(limit)d KB. SVG files with scripts or links are refused."
        ) % {"limit": MAX_BYTES // 1024}

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("The name cannot be empty."))
        return name

    def clean_logo(self) -> Any:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is larger than %(limit)d KB; use a smaller file.")
                % {"limit": MAX_BYTES // 1024}
            )
        try:
            return check_logo(upload.read(MAX_BYTES + 1))
        except LogoError as error:
            raise forms.ValidationError(str(error)) from None

    def apply(self, organization: Organization) -> None:
        """Save the checked values onto the organisation (the caller holds a transaction)."""
        data = self.cleaned_data
        organization.name = data["name"]
        organization.website = data["website"]
        organization.contact_email = data["contact_email"].strip().lower()
        organization.default_language = data["default_language"]
        if data.get("logo") is not None:
            organization.logo = data["logo"].data
            organization.logo_type = data["logo"].content_type
            organization.logo_version += 1
        elif data.get("remove_logo"):
            organization.logo, organization.logo_type = b"", ""
            organization.logo_version += 1
        organization.save()
