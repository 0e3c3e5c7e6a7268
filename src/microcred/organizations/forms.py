"""Forms of the organisation pages: they check input; services decide."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization
from microcred.organizations.names import name_problem
from microcred.organizations.roles import Role
from microcred.organizations.tokens import Scope

_COUNTRY = RegexValidator(
    r"^[A-Za-z]{2}$", _("Enter the two-letter ISO 3166-1 country code, such as TR or DE.")
)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name for web addresses"),
        max_length=63,
        help_text=_(
            "Lower-case letters, digits and hyphens. It becomes part of your organisation's "
            "addresses and of its identifier, so it cannot change later."
        ),
    )
    #: Providers only: quality-assurance bodies are trust anchors, registered by the
    #: platform operator (``manage.py create_qa_body``), never by whoever signs up.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(Organization.Kind.PROVIDER, Organization.Kind.PROVIDER.label)],
        initial=Organization.Kind.PROVIDER,
        error_messages={
            "invalid_choice": _(
                "Only the platform operator registers quality-assurance bodies. Register "
                "your organisation as a provider, or ask the operator."
            )
        },
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        validators=[_COUNTRY],
        help_text=_("Two-letter ISO 3166-1 code, such as TR."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        problem = name_problem(name)
        if problem:
            raise forms.ValidationError(problem)
        return name

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"]).lower()
        if Organization.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is taken; choose another."))
        return slug

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).upper()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MemberForm(forms.Form):
    """Names the member an action is about (by address, in the POST body, not the URL)."""

    email = forms.EmailField(widget=forms.HiddenInput)


class RolesForm(MemberForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as “Moodle integration”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=[(scope, Scope.LABELS[scope]) for scope in Scope.ALL],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope.")},
    )
